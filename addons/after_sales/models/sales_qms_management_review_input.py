from odoo import fields, models


class SalesQmsManagementReviewInput(models.Model):
    _inherit = "sales.qms.management.review.input"

    section = fields.Selection(
        selection_add=[("complaint", "Customer Complaints")],
        ondelete={"complaint": "cascade"},
    )
