"""The nonconformity and CAPA sources of the indicator engine.

A client of the engine's contract like any other addon's sources (see the
docstring of ``sales_qms_indicator.py``).

The engine places each record in the one month of its date field, so a
nonconformity cannot be counted in every month it stayed open: ``nc_open``
counts the nonconformities raised in the period that are still open now
(what the quality representative chases), and the closed months keep the
snapshot of what was open when they were closed.
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

NC_SOURCES = [
    ("nc_open", "Open nonconformities"),
    ("nc_raised", "Nonconformities raised"),
    ("capa_on_time_rate", "Corrective actions done on time"),
]
NC_VIEW = "sales_qms.sales_qms_nonconformity_view_list_drilldown"
ACTION_VIEW = "sales_qms.sales_qms_action_view_list_drilldown"


class SalesQmsIndicator(models.Model):
    # a client of the engine's contract in a file of its own, like the
    # sources of the other addons
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=NC_SOURCES,
        ondelete={name: retire_indicators for name, _label in NC_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        raised = {
            "model": "sales.qms.nonconformity",
            # a nonconformity is placed in the month it was detected
            "date_field": "date",
            "company_field": "company_id",
            "aggregation": "sum",
            "scope_fields": {
                "company": "company_id",
                "team": "team_id",
                "user": "responsible_id",
            },
            "measure": "_source_measure_nc_count",
            "list_view": NC_VIEW,
        }
        specs["nc_raised"] = dict(
            raised,
            domain=[("state", "!=", "cancelled")],
            counts=_lt(
                "Nonconformities detected in the period, cancelled duplicates excepted"
            ),
            group_by=["origin", "severity"],
        )
        specs["nc_open"] = dict(
            raised,
            domain=[("state", "in", ["draft", "in_progress", "verification"])],
            counts=_lt(
                "Nonconformities detected in the period and still open today "
                "(not closed nor cancelled); a closed month keeps those open "
                "when it was closed"
            ),
            group_by=["state"],
        )
        specs["capa_on_time_rate"] = {
            "model": "sales.qms.action",
            # an action is placed in the month it was recorded done
            "date_field": "done_date",
            "company_field": "company_id",
            "domain": [("state", "in", ["done", "verified"])],
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": {
                "company": "company_id",
                "team": "nonconformity_id.team_id",
                "user": "responsible_id",
            },
            "measure": "_source_measure_capa_on_time",
            "counts": _lt(
                "Actions recorded done in the period; those done by their "
                "deadline make the numerator"
            ),
            "list_view": ACTION_VIEW,
            "group_by": ["action_type"],
        }
        return specs

    def _source_measure_nc_count(self, query, alias):
        return SQL("COUNT(*)"), SQL("COUNT(*)")

    def _source_measure_capa_on_time(self, query, alias):
        return (
            SQL(
                "COUNT(*) FILTER (WHERE %s <= %s)",
                SQL.identifier(alias, "done_date"),
                SQL.identifier(alias, "deadline"),
            ),
            SQL("COUNT(*)"),
        )
