from odoo import fields, models


class SalesQmsReviewRole(models.Model):
    """A role answering a contract review (合同评审): sales, technical /
    production, quality, finance. Who holds the role is said by each review
    rule (users or a group), not by the role."""

    _name = "sales.qms.review.role"
    _description = "Contract Review Role"
    _order = "sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short technical reference, unique, e.g. quality."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "UNIQUE(code)", "The code of a review role must be unique."),
    ]
