from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsReviewRuleReviewer(models.Model):
    """Who may answer a role of the reviews a rule asks for: named users,
    the members of a group, or both."""

    _name = "sales.qms.review.rule.reviewer"
    _description = "Contract Review Rule Reviewer"
    _order = "rule_id, role_sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    rule_id = fields.Many2one(
        "sales.qms.review.rule", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)
    role_id = fields.Many2one(
        "sales.qms.review.role", required=True, ondelete="restrict"
    )
    role_sequence = fields.Integer(related="role_id.sequence", store=True)
    user_ids = fields.Many2many(
        "res.users",
        string="Users",
        domain=[("share", "=", False)],
        help="The users who may answer for the role.",
    )
    group_id = fields.Many2one(
        "res.groups",
        help="The members of this group may answer for the role too.",
    )

    _sql_constraints = [
        (
            "rule_role_uniq",
            "UNIQUE(rule_id, role_id)",
            "A role appears once per review rule.",
        ),
    ]

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("role_id", "user_ids", "group_id")
    def _check_someone(self):
        for reviewer in self:
            if not reviewer.user_ids and not reviewer.group_id:
                raise ValidationError(
                    self.env._(
                        "Name the users or the group answering for the role "
                        "%(role)s of the review rule %(rule)s.",
                        role=reviewer.role_id.name,
                        rule=reviewer.rule_id.name,
                    )
                )
