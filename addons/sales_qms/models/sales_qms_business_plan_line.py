from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

# What changes on a signed plan: the figures measured, not those planned.
MEASURED_FIELDS = {"actual_value", "has_actual"}


class SalesQmsBusinessPlanLine(models.Model):
    """A figure of a business plan: a metric in a year, planned against
    actual, and how the company stands against its competitors
    (与竞争对手差距)."""

    _name = "sales.qms.business.plan.line"
    _description = "Business Plan Figure"
    _order = "plan_id, metric_sequence, metric_id, year"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    plan_id = fields.Many2one(
        "sales.qms.business.plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    plan_state = fields.Selection(related="plan_id.state")
    metric_id = fields.Many2one(
        "sales.qms.business.metric",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    metric_sequence = fields.Integer(related="metric_id.sequence", store=True)
    unit = fields.Char(related="metric_id.unit")
    year = fields.Integer(required=True)
    planned_value = fields.Float(string="Planned", digits=(16, 2), aggregator="sum")
    actual_value = fields.Float(string="Actual", digits=(16, 2), aggregator="sum")
    has_actual = fields.Boolean(
        string="Actual Known",
        compute="_compute_has_actual",
        store=True,
        readonly=False,
        help="The actual value was typed or computed: a zero is then a zero, "
        "not a figure still to come.",
    )
    competitor_value = fields.Float(
        string="Competitor", digits=(16, 2), aggregator="max"
    )
    gap_comment = fields.Text(string="Gap with Competitors")
    is_met = fields.Boolean(string="Plan Met", compute="_compute_is_met")

    _sql_constraints = [
        (
            "metric_year_uniq",
            "UNIQUE(plan_id, metric_id, year)",
            "A business plan has one figure per metric and year.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("actual_value")
    def _compute_has_actual(self):
        for line in self:
            line.has_actual = line.has_actual or bool(line.actual_value)

    @api.depends("actual_value", "planned_value", "metric_id.direction")
    def _compute_is_met(self):
        for line in self:
            comparison = float_compare(
                line.actual_value, line.planned_value, precision_digits=2
            )
            line.is_met = (
                comparison >= 0
                if line.metric_id.direction != "lower"
                else comparison <= 0
            )

    @api.depends("metric_id", "year")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.metric_id.name} {line.year}"

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("year", "plan_id")
    def _check_year(self):
        for line in self:
            plan = line.plan_id
            if not plan.year_start <= line.year <= plan.year_end:
                raise ValidationError(
                    self.env._(
                        "The figure %(metric)s of %(year)s is outside the years of "
                        "the business plan %(plan)s (%(first)s–%(last)s).",
                        metric=line.metric_id.name,
                        year=line.year,
                        plan=plan.name,
                        first=plan.year_start,
                        last=plan.year_end,
                    )
                )

    @api.constrains("planned_value", "actual_value", "competitor_value")
    def _check_values(self):
        for line in self:
            if min(line.planned_value, line.actual_value, line.competitor_value) < 0:
                raise ValidationError(
                    self.env._(
                        "The values of a business plan cannot be negative "
                        "(%(metric)s, %(year)s).",
                        metric=line.metric_id.name,
                        year=line.year,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["sales.qms.business.plan"].browse(
            {vals.get("plan_id") for vals in vals_list if vals.get("plan_id")}
        )
        plans.filtered(lambda plan: plan.state == "archived")._raise_archived()
        plans._check_signoff_unlocked({"line_ids"})
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id.filtered(lambda plan: plan.state == "archived")._raise_archived()
        # the figures planned are the signed content; actuals are measured later
        if vals.keys() - MEASURED_FIELDS:
            self.plan_id._check_signoff_unlocked({"line_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        self.plan_id.filtered(lambda plan: plan.state == "archived")._raise_archived()
        self.plan_id._check_signoff_unlocked({"line_ids"})
