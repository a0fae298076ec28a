from odoo import fields, models


class SalesQmsSatisfactionBenchmark(models.Model):
    # the link to the market research the figure comes from, in a file of its
    # own like the other additions to a model of another feature
    _inherit = "sales.qms.satisfaction.benchmark"  # pylint: disable=consider-merging-classes-inherited

    research_id = fields.Many2one(
        "sales.qms.market.research",
        string="Market Research",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    research_figure_id = fields.Many2one(
        "sales.qms.market.research.figure",
        readonly=True,
        ondelete="set null",
    )
