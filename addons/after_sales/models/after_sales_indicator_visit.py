"""The return-visit sources of the indicator engine.

A client of the engine's contract (see the docstring of
``sales_qms/models/sales_qms_indicator.py``). Only verified done visits
count: a visit without a check-in at the customer proves nothing.
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_qms.models.sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

VISIT_SOURCES = [
    ("visit_plan_completion", "Visit plan completion (verified done / planned)"),
    ("visit_verified", "Verified visits"),
    ("visit_issues", "Issues raised during verified visits"),
]
VISIT_SCOPE_FIELDS = {
    "team": "team_id",
    "user": "user_id",
    "partner_category": "partner_id.category_id",
}


class SalesQmsIndicator(models.Model):
    # the sources of one feature in a file of their own, like sales_qms's
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=VISIT_SOURCES,
        ondelete={name: retire_indicators for name, _label in VISIT_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        specs["visit_plan_completion"] = {
            "model": "after.sales.visit",
            # a visit is due in the month of its planned date; a rescheduled
            # visit is replaced by its new one, due at its new date
            "date_field": "date_planned",
            "company_field": "company_id",
            "domain": [
                ("plan_id", "!=", False),
                ("state", "not in", ["cancel", "rescheduled"]),
            ],
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": VISIT_SCOPE_FIELDS,
            "measure": "_source_measure_visit_plan_completion",
            "counts": _lt(
                "Visits of the plans due in the month; the verified done "
                "ones make the numerator"
            ),
            "list_view": "after_sales.after_sales_visit_view_list_drilldown",
            "group_by": ["state", "is_verified"],
        }
        specs["visit_verified"] = {
            "model": "after.sales.visit",
            "date_field": "date_planned",
            "company_field": "company_id",
            "domain": [("state", "=", "done"), ("is_verified", "=", True)],
            "aggregation": "sum",
            "scope_fields": VISIT_SCOPE_FIELDS,
            "measure": "_source_measure_visit_count",
            "counts": _lt("Verified done visits planned in the month"),
            "list_view": "after_sales.after_sales_visit_view_list_drilldown",
            "group_by": ["user_id"],
        }
        specs["visit_issues"] = {
            "model": "after.sales.visit.issue",
            "date_field": "date",
            "company_field": "company_id",
            "domain": [("visit_verified", "=", True)],
            "aggregation": "sum",
            "scope_fields": VISIT_SCOPE_FIELDS,
            "measure": "_source_measure_visit_count",
            "counts": _lt("Issues the customers raised during verified visits"),
            "list_view": "after_sales.after_sales_visit_issue_view_list_drilldown",
            "group_by": ["category"],
        }
        return specs

    def _source_measure_visit_plan_completion(self, query, alias):
        return (
            SQL(
                "COUNT(*) FILTER (WHERE %s = 'done' AND %s)",
                SQL.identifier(alias, "state"),
                SQL.identifier(alias, "is_verified"),
            ),
            SQL("COUNT(*)"),
        )

    def _source_measure_visit_count(self, query, alias):
        return SQL("COUNT(*)"), SQL("COUNT(*)")
