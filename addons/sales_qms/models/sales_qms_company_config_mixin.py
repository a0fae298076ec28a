from odoo import api, models, tools


class SalesQmsCompanyConfigMixin(models.AbstractModel):
    """Configuration read on a hot path of Odoo's own flows (confirming an
    order): the ids of a company's active records are cached, so a company
    without any costs no query. Any change that can alter them clears it."""

    _name = "sales.qms.company.config.mixin"
    _description = "Cached Company Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"active", "company_id"} & vals.keys():
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.model
    @tools.ormcache("company_id")
    def _get_active_ids(self, company_id):
        """Ids of the active records of a company (cached per model)."""
        return tuple(
            self.sudo().search([("company_id", "=", company_id)], order="id").ids
        )
