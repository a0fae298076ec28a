from odoo import fields, models


class SalesQmsSatisfactionScore(models.Model):
    """The score of one answered invitation on one dimension (0–100): what the
    satisfaction indicators and the benchmark table average."""

    _name = "sales.qms.satisfaction.score"
    _description = "Customer Satisfaction Score per Dimension"
    _order = "response_id, dimension_id"

    response_id = fields.Many2one(
        "sales.qms.satisfaction.response",
        required=True,
        index=True,
        ondelete="cascade",
    )
    dimension_id = fields.Many2one(
        "sales.qms.satisfaction.dimension", required=True, index=True
    )
    score = fields.Float(aggregator="avg", digits=(16, 2))
    weight = fields.Float(
        aggregator="sum", help="The weights of the dimension's questions."
    )
    campaign_id = fields.Many2one(
        related="response_id.campaign_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="response_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="response_id.partner_id", store=True, precompute=True
    )
    salesperson_id = fields.Many2one(
        related="response_id.salesperson_id", store=True, index=True, precompute=True
    )
    team_id = fields.Many2one(
        related="response_id.team_id", store=True, precompute=True
    )
    answer_date = fields.Date(
        related="response_id.answer_date", store=True, index=True, precompute=True
    )
