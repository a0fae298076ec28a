from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsMarketResearchFigure(models.Model):
    """A figure collected by a market research: a competitor's price, share
    or satisfaction score. On a satisfaction dimension it can become a
    benchmark (``action_use_as_benchmarks`` of the research)."""

    _name = "sales.qms.market.research.figure"
    _description = "Market Research Figure"
    _order = "research_id, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    research_id = fields.Many2one(
        "sales.qms.market.research",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="research_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    description = fields.Char(required=True)
    dimension_id = fields.Many2one(
        "sales.qms.satisfaction.dimension",
        string="Satisfaction Dimension",
        help="Set it when the figure is a satisfaction score (0–100) comparable "
        "with the customers' scores of this dimension: it can then be used as "
        "a benchmark.",
    )
    competitor_id = fields.Many2one("res.partner")
    value = fields.Float(digits=(16, 2))
    unit = fields.Char()
    benchmark_id = fields.Many2one(
        "sales.qms.satisfaction.benchmark",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("value", "dimension_id")
    def _check_value(self):
        for figure in self:
            if figure.dimension_id and not 0 <= figure.value <= 100:
                raise ValidationError(
                    self.env._(
                        "The figure “%(figure)s” is a satisfaction score: between 0 "
                        "and 100 (%(value)s).",
                        figure=figure.description,
                        value=figure.value,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _benchmark_values(self):
        self.ensure_one()
        research = self.research_id
        return {
            "company_id": research.company_id.id,
            "dimension_id": self.dimension_id.id,
            "value": self.value,
            "source_type": "research",
            "source": self.competitor_id.name or research.name,
            "date": research.date,
            "note": self.env._(
                "Market research %(research)s: %(figure)s",
                research=research.name,
                figure=self.description,
            ),
            "research_id": research.id,
            "research_figure_id": self.id,
        }
