from odoo import fields, models


class SalesQmsReviewChecklistItem(models.Model):
    _name = "sales.qms.review.checklist.item"
    _description = "Contract Review Checklist Item"
    _order = "checklist_id, sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    checklist_id = fields.Many2one(
        "sales.qms.review.checklist", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Review Item", required=True, translate=True)
    role_id = fields.Many2one(
        "sales.qms.review.role",
        ondelete="restrict",
        help="The role answering this item. Leave empty: any reviewer of the "
        "review answers it, before the review can be approved.",
    )
