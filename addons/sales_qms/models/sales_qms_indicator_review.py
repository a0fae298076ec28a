"""The contract review source of the indicator engine.

A client of the engine's contract like any other addon's sources (see the
docstring of ``sales_qms_indicator.py``).
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .sales_qms_indicator import retire_indicators
from .sales_qms_indicator_sale import SALE_SCOPE_FIELDS

_lt = LazyTranslate(__name__)

REVIEW_SOURCES = [
    ("contract_review_rate", "Orders confirmed after an approved contract review"),
]


class SalesQmsIndicator(models.Model):
    # a client of the engine's contract in a file of its own, like the
    # sources of the other addons
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=REVIEW_SOURCES,
        ondelete={name: retire_indicators for name, _label in REVIEW_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        specs["contract_review_rate"] = {
            "model": "sale.order",
            # confirmed orders are placed in the month of their confirmation
            "date_field": "date_order",
            "company_field": "company_id",
            # the orders that needed a review when they were confirmed
            "domain": [
                ("state", "=", "sale"),
                ("qms_review_state", "in", ["approved", "overridden"]),
            ],
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": SALE_SCOPE_FIELDS,
            "measure": "_source_measure_contract_review_rate",
            "counts": _lt(
                "Orders confirmed in the period that needed a contract review; "
                "those confirmed after an approved review make the numerator, "
                "the others were confirmed by an override"
            ),
            "list_view": "sales_qms.sale_order_view_list_drilldown_review",
            "form_view": "sales_qms.sale_order_view_form_evidence",
            "group_by": ["qms_review_state"],
        }
        return specs

    def _source_measure_contract_review_rate(self, query, alias):
        return (
            SQL(
                "COUNT(*) FILTER (WHERE %s = 'approved')",
                SQL.identifier(alias, "qms_review_state"),
            ),
            SQL("COUNT(*)"),
        )
