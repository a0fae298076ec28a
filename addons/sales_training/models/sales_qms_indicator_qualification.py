"""The qualification sources of the indicator engine.

A client of the engine's contract (see the docstring of
``sales_qms/models/sales_qms_indicator.py``):

- pre-job training compliance: employees qualified at the end of the month
  divided by the employees whose job requires pre-job training, read from the
  month-end snapshots (``sales.training.qualification.snapshot``, dated the
  month's last day) since a state has no date of its own;
- certifications expired: certifications counted in the month their validity
  ran out (``date_expired``, set by the expiry cron), renewed since or not.
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_qms.models.sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

QUALIFICATION_SOURCES = [
    (
        "training_prejob_compliance",
        "Pre-job training compliance (qualified / required)",
    ),
    ("training_certifications_expired", "Certifications expired"),
]
QUALIFICATION_SCOPE_FIELDS = {
    "department": "department_id",
    "employee": "employee_id",
    "user": "user_id",
}


class SalesQmsIndicator(models.Model):
    # the sources of one feature in a file of their own, like sales_qms's
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=QUALIFICATION_SOURCES,
        ondelete={name: retire_indicators for name, _label in QUALIFICATION_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        specs["training_prejob_compliance"] = {
            "model": "sales.training.qualification.snapshot",
            "date_field": "date",
            "company_field": "company_id",
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": QUALIFICATION_SCOPE_FIELDS,
            "measure": "_source_measure_training_prejob_compliance",
            "counts": _lt(
                "Employees whose job requires pre-job training, at the end of "
                "the month; those qualified make the numerator"
            ),
            "list_view": (
                "sales_training.sales_training_qualification_snapshot_view_list"
            ),
            "group_by": ["qualification_state"],
        }
        specs["training_certifications_expired"] = {
            "model": "sales.training.certification",
            "date_field": "date_expired",
            "company_field": "company_id",
            "domain": [("date_expired", "!=", False)],
            "aggregation": "sum",
            "scope_fields": QUALIFICATION_SCOPE_FIELDS,
            "measure": "_source_measure_training_count",
            "counts": _lt("Certifications whose validity ran out in the month"),
            "list_view": (
                "sales_training.sales_training_certification_view_list_drilldown"
            ),
            "group_by": ["course_id"],
        }
        return specs

    def _source_measure_training_prejob_compliance(self, query, alias):
        return (
            SQL("COUNT(*) FILTER (WHERE %s)", SQL.identifier(alias, "qualified")),
            SQL("COUNT(*)"),
        )

    def _source_measure_training_count(self, query, alias):
        return SQL("COUNT(*)"), SQL("COUNT(*)")
