from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsMarketResearch(models.Model):
    """A market research record (市场调研记录): what was studied, how, about
    which competitors, what was found, and the figures collected; figures on
    a satisfaction dimension become benchmarks (基准比较)."""

    _name = "sales.qms.market.research"
    _description = "Market Research"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(string="Topic", required=True, tracking=True)
    date = fields.Date(required=True, tracking=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Researcher",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    method = fields.Selection(
        [
            ("survey", "Survey"),
            ("visit", "Customer Visit"),
            ("exhibition", "Exhibition"),
            ("desk", "Desk Research"),
            ("interview", "Interview"),
            ("other", "Other"),
        ],
        required=True,
        default="survey",
        tracking=True,
    )
    competitor_ids = fields.Many2many(
        "res.partner",
        "sales_qms_market_research_competitor_rel",
        "research_id",
        "partner_id",
        string="Competitors",
    )
    findings = fields.Html()
    figure_ids = fields.One2many(
        "sales.qms.market.research.figure", "research_id", string="Figures", copy=True
    )
    benchmark_ids = fields.One2many(
        "sales.qms.satisfaction.benchmark", "research_id", string="Benchmarks"
    )
    benchmark_count = fields.Integer(compute="_compute_benchmark_count")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_benchmark_count(self):
        # the benchmarks are the quality team's: a researcher sees how many
        # of their figures became one, not the benchmarks themselves
        counts = dict(
            self.env["sales.qms.satisfaction.benchmark"]
            .sudo()
            ._read_group(
                [("research_id", "in", self.ids)], ["research_id"], ["__count"]
            )
        )
        for research in self:
            research.benchmark_count = counts.get(research, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("name")
    def _check_name(self):
        for research in self:
            if not (research.name or "").strip():
                raise ValidationError(self.env._("Give the market research a topic."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_use_as_benchmarks(self):
        """Record the figures on a satisfaction dimension as benchmarks of
        the satisfaction table, once: a figure already used is skipped."""
        self.check_access("write")
        self.env["sales.qms.satisfaction.benchmark"].check_access("create")
        figures = self.figure_ids.filtered(
            lambda figure: figure.dimension_id and not figure.benchmark_id
        )
        benchmarks = self.env["sales.qms.satisfaction.benchmark"].create(
            [figure._benchmark_values() for figure in figures]
        )
        for figure, benchmark in zip(figures, benchmarks, strict=True):
            figure.benchmark_id = benchmark
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if benchmarks else "warning",
                "message": self.env._(
                    "%(count)s benchmarks recorded from the market research.",
                    count=len(benchmarks),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_benchmarks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_satisfaction_benchmark_action"
        )
        action["domain"] = [("research_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
