from odoo import api, fields, models


class SalesQmsNonconformity(models.Model):
    _inherit = "sales.qms.nonconformity"

    origin = fields.Selection(
        selection_add=[("complaint", "Customer Complaint")],
        ondelete={"complaint": "set default"},
    )

    @api.model
    def _selection_res_ref(self):
        return super()._selection_res_ref() + [
            ("after.sales.complaint", self.env._("Customer Complaint"))
        ]
