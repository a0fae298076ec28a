from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .after_sales_complaint import COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES


class AfterSalesSlaPolicy(models.Model):
    _name = "after.sales.sla.policy"
    _description = "Complaint SLA Policy"
    _order = "sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    severity = fields.Selection(
        COMPLAINT_SEVERITIES,
        help="Complaints of this severity only; empty: any severity.",
    )
    category = fields.Selection(
        COMPLAINT_CATEGORIES,
        help="Complaints of this category only; empty: any category.",
    )
    response_hours = fields.Float(
        string="First Response (Working Hours)",
        required=True,
        default=4.0,
        help="Working hours of the company's calendar to give the customer a first "
        "response.",
    )
    resolution_hours = fields.Float(
        string="Resolution (Working Hours)",
        required=True,
        default=40.0,
        help="Working hours of the company's calendar to resolve the complaint.",
    )
    warning_percent = fields.Float(
        string="Early Warning at (%)",
        default=75.0,
        help="Share of the time after which the owner is warned.",
    )
    escalation_delay_hours = fields.Float(
        string="Escalate to Quality after (Working Hours)",
        default=8.0,
        help="Working hours after the breach before the quality representative is "
        "called in.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="After-Sales Manager",
        check_company=True,
        help="Called on breach when the complaint's team has no leader.",
    )
    quality_user_id = fields.Many2one(
        "res.users",
        string="Quality Representative",
        check_company=True,
        help="Called in when the breach lasts beyond the escalation delay.",
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains(
        "response_hours",
        "resolution_hours",
        "warning_percent",
        "escalation_delay_hours",
    )
    def _check_times(self):
        for policy in self:
            if (
                policy.response_hours < 0
                or policy.resolution_hours < 0
                or policy.escalation_delay_hours < 0
            ):
                raise ValidationError(
                    self.env._(
                        "SLA policy %(policy)s: a time limit cannot be negative.",
                        policy=policy.name,
                    )
                )
            if not 0 < policy.warning_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "SLA policy %(policy)s: the early warning must be between 0 "
                        "and 100 %% of the time.",
                        policy=policy.name,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _matches(self, complaint):
        self.ensure_one()
        return (
            self.company_id == complaint.company_id
            and (not self.severity or self.severity == complaint.severity)
            and (not self.category or self.category == complaint.category)
        )
