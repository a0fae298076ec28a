from odoo import api, fields, models

CATEGORIES = [
    ("man", "Man"),
    ("machine", "Machine"),
    ("material", "Material"),
    ("method", "Method"),
    ("environment", "Environment"),
    ("measurement", "Measurement"),
]


class SalesQmsNonconformityCause(models.Model):
    """One answer of the 5-why chain of a nonconformity, in order, classed
    as 人/机/料/法/环/测; the last one found is the root cause."""

    _name = "sales.qms.nonconformity.cause"
    _description = "Nonconformity Cause"
    _order = "nonconformity_id, sequence, id"
    _check_company_auto = True

    nonconformity_id = fields.Many2one(
        "sales.qms.nonconformity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="nonconformity_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORIES, required=True, default="method")
    why = fields.Text(required=True)
    is_root = fields.Boolean(string="Root Cause")

    @api.model_create_multi
    def create(self, vals_list):
        self.env["sales.qms.nonconformity"].browse(
            [
                vals["nonconformity_id"]
                for vals in vals_list
                if vals.get("nonconformity_id")
            ]
        )._check_not_frozen()
        return super().create(vals_list)

    def write(self, vals):
        self.nonconformity_id._check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.nonconformity_id._check_not_frozen()
