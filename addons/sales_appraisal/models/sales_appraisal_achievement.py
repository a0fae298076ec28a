from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

QUARTERS = [("q1", "Q1"), ("q2", "Q2"), ("q3", "Q3"), ("q4", "Q4")]


class SalesAppraisalAchievement(models.Model):
    """Achievement of one node of a target tree in one month of its fiscal
    year: the node's month target against the actual the indicator engine
    measures for the node's scope (company, sales team or salesperson).

    Written by ``sales.appraisal.target._refresh_achievements`` (button and
    daily scheduled action), one row per (node, month), never by hand.
    Quarters and the year are sums of the months: target trees are set on
    summed indicators.
    """

    _name = "sales.appraisal.achievement"
    _description = "Sales Target Achievement"
    _order = "target_id, line_id, month"
    _rec_name = "line_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    line_id = fields.Many2one(
        "sales.appraisal.target.line",
        string="Node",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    target_id = fields.Many2one(
        related="line_id.target_id", store=True, index=True, string="Target Tree"
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    fiscal_year_id = fields.Many2one(
        related="line_id.fiscal_year_id", store=True, index=True
    )
    indicator_id = fields.Many2one(
        related="line_id.indicator_id", store=True, string="Metric"
    )
    level = fields.Selection(related="line_id.level", store=True)
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        index=True,
        help="The node's team, or the team of the salesperson's parent node.",
    )
    user_id = fields.Many2one(
        related="line_id.user_id", store=True, index=True, string="Salesperson"
    )
    unit = fields.Selection(related="indicator_id.unit")
    month = fields.Date(required=True, readonly=True, index=True)
    month_index = fields.Integer(
        string="Month of the Fiscal Year",
        required=True,
        readonly=True,
        help="1 for the first month of the fiscal year.",
    )
    quarter = fields.Selection(
        QUARTERS, string="Fiscal Quarter", required=True, readonly=True
    )
    target = fields.Float(
        compute="_compute_target", store=True, digits=(16, 2), aggregator="sum"
    )
    actual = fields.Float(readonly=True, digits=(16, 2), aggregator="sum")
    numerator = fields.Float(readonly=True, digits=(16, 2), aggregator="sum")
    denominator = fields.Float(readonly=True, digits=(16, 2), aggregator="sum")
    rate = fields.Float(
        string="Achievement (%)",
        compute="_compute_rate",
        store=True,
        digits=(16, 2),
        aggregator=None,
        help="Actual ÷ target of the month; empty without a target.",
    )
    is_met = fields.Boolean(
        string="Met",
        compute="_compute_rate",
        store=True,
        help="The actual reaches the target (or stays under it for an "
        "indicator where lower is better).",
    )

    _sql_constraints = [
        (
            "line_month_uniq",
            "UNIQUE(line_id, month)",
            "A node has one achievement per month.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("line_id", "month")
    def _compute_display_name(self):
        for achievement in self:
            achievement.display_name = (
                f"{achievement.line_id.display_name} · {achievement.month:%Y-%m}"
                if achievement.month
                else achievement.line_id.display_name
            )

    @api.depends("line_id.team_id", "line_id.parent_id.team_id")
    def _compute_team_id(self):
        for achievement in self:
            achievement.team_id = (
                achievement.line_id.team_id or achievement.line_id.parent_id.team_id
            )

    @api.depends(
        "month_index",
        *(f"line_id.month_{index:02d}" for index in range(1, 13)),
    )
    def _compute_target(self):
        for achievement in self:
            achievement.target = achievement._month_target(
                achievement.line_id, achievement.month_index
            )

    @api.depends("target", "actual", "indicator_id.direction")
    def _compute_rate(self):
        for achievement in self:
            achievement.rate, achievement.is_met = self._rate_and_met(
                achievement.target,
                achievement.actual,
                achievement.indicator_id.direction,
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_records(self):
        """The records behind the actual: the engine's drill-down for the
        month and the node's scope, under the user's own access rights."""
        self.ensure_one()
        self.check_access("read")
        scope_type, scope = self.line_id._get_scope()
        scope_id = scope.id
        if not scope_id:
            raise UserError(
                self.env._(
                    "The node %(node)s has no sales team or salesperson to measure.",
                    node=self.line_id.display_name,
                )
            )
        return self.indicator_id._action_drilldown(
            self.month,
            self.month + relativedelta(months=1, days=-1),
            scope_type,
            scope_id,
            company_ids=[self.company_id.id],
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _month_target(self, line, month_index):
        if not 1 <= (month_index or 0) <= 12:
            return 0.0
        return line[f"month_{month_index:02d}"]

    @api.model
    def _rate_and_met(self, target, actual, direction):
        """``(rate %, met)`` of an actual against its target."""
        rate = actual / target * 100.0 if target else 0.0
        if direction == "lower":
            met = float_compare(actual, target, precision_digits=2) <= 0
        else:
            met = float_compare(actual, target, precision_digits=2) >= 0
        return rate, met
