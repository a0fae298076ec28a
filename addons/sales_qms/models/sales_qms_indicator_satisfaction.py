"""The customer-satisfaction sources of the indicator engine: answered
invitations (overall score, response rate) and scores per dimension.

A client of the engine's contract like any other addon's sources (see the
docstring of ``sales_qms_indicator.py``).
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

SATISFACTION_SOURCES = [
    ("satisfaction_score", "Customer satisfaction score (overall)"),
    ("satisfaction_dimension", "Customer satisfaction score per dimension"),
    ("satisfaction_response_rate", "Satisfaction survey response rate"),
]
# The customer reaches its categories directly: responses are per customer.
RESPONSE_SCOPES = {
    "team": "team_id",
    "user": "salesperson_id",
    "partner_category": "partner_id.category_id",
}
RESPONSES_VIEW = "sales_qms.sales_qms_satisfaction_response_view_list_drilldown"


class SalesQmsIndicator(models.Model):
    # a file per client of the engine, as an addon's sources would be
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=SATISFACTION_SOURCES,
        ondelete={name: retire_indicators for name, _label in SATISFACTION_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        answered = {
            "model": "sales.qms.satisfaction.response",
            "date_field": "answer_date",
            "company_field": "company_id",
            "domain": [("state", "=", "answered")],
            "aggregation": "ratio",
            "scope_fields": RESPONSE_SCOPES,
            "list_view": RESPONSES_VIEW,
        }
        specs["satisfaction_score"] = dict(
            answered,
            measure="_source_measure_average_score",
            counts=_lt(
                "Customers' answers of the period, the mean of their overall scores"
            ),
        )
        specs["satisfaction_dimension"] = {
            "model": "sales.qms.satisfaction.score",
            "date_field": "answer_date",
            "company_field": "company_id",
            "aggregation": "ratio",
            "scope_fields": RESPONSE_SCOPES,
            "measure": "_source_measure_average_score",
            "counts": _lt(
                "Scores of the dimension in the customers' answers of the period, "
                "their mean"
            ),
            "list_view": "sales_qms.sales_qms_satisfaction_score_view_list",
        }
        specs["satisfaction_response_rate"] = {
            "model": "sales.qms.satisfaction.response",
            # invitations are placed in the month they were sent
            "date_field": "invitation_date",
            "company_field": "company_id",
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": RESPONSE_SCOPES,
            "measure": "_source_measure_response_rate",
            "counts": _lt(
                "Invitations sent in the period; the answered ones make the numerator"
            ),
            "list_view": RESPONSES_VIEW,
            "group_by": ["state"],
        }
        return specs

    def _source_measure_average_score(self, query, alias):
        return SQL("SUM(%s)", SQL.identifier(alias, "score")), SQL("COUNT(*)")

    def _source_measure_response_rate(self, query, alias):
        return (
            SQL(
                "COUNT(*) FILTER (WHERE %s = 'answered')",
                SQL.identifier(alias, "state"),
            ),
            SQL("COUNT(*)"),
        )
