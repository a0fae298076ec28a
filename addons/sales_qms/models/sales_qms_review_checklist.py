from odoo import fields, models


class SalesQmsReviewChecklist(models.Model):
    """The questions of a contract review (产品要求的评审), each answered by
    one role or, without a role, by any reviewer of the review."""

    _name = "sales.qms.review.checklist"
    _description = "Contract Review Checklist"
    _order = "name, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty to share the checklist with every company.",
    )
    item_ids = fields.One2many(
        "sales.qms.review.checklist.item", "checklist_id", string="Items", copy=True
    )
    description = fields.Text(translate=True)
