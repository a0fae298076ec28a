from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsSatisfactionBenchmark(models.Model):
    """A figure the quality team compares its customers' satisfaction with:
    a competitor's score, an industry survey, market research."""

    _name = "sales.qms.satisfaction.benchmark"
    _description = "Customer Satisfaction Benchmark"
    _inherit = ["mail.thread"]
    _order = "date desc, source, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    dimension_id = fields.Many2one(
        "sales.qms.satisfaction.dimension",
        tracking=True,
        help="Leave empty for the overall score.",
    )
    value = fields.Float(required=True, tracking=True, digits=(16, 2))
    source_type = fields.Selection(
        [
            ("competitor", "Competitor"),
            ("industry", "Industry Survey"),
            ("research", "Market Research"),
        ],
        required=True,
        default="competitor",
        tracking=True,
    )
    source = fields.Char(
        required=True,
        tracking=True,
        help="Who the figure is about or comes from: the competitor's name, the "
        "survey or the study.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    note = fields.Text()

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("value", "source")
    def _check_value(self):
        for benchmark in self:
            if not (benchmark.source or "").strip():
                raise ValidationError(self.env._("Say where the benchmark comes from."))
            if not 0 <= benchmark.value <= 100:
                raise ValidationError(
                    self.env._(
                        "A benchmark is a score between 0 and 100 (%(source)s: "
                        "%(value)s).",
                        source=benchmark.source,
                        value=benchmark.value,
                    )
                )

    @api.depends("source", "dimension_id", "date")
    def _compute_display_name(self):
        for benchmark in self:
            benchmark.display_name = " · ".join(
                part
                for part in (
                    benchmark.source,
                    benchmark.dimension_id.name or self.env._("Overall"),
                    benchmark.date and str(benchmark.date),
                )
                if part
            )
