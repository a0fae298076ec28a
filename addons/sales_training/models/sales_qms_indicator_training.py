"""The training sources of the indicator engine.

A client of the engine's contract (see the docstring of
``sales_qms/models/sales_qms_indicator.py``). What each source counts:

- ``training_plan_completion``: the lines of approved (or closed) annual
  training plans, placed in their planned month, once that month is over;
  the numerator is the lines with at least one held session.
- ``training_hours``: the attendances present or late at held sessions,
  placed in the month of the session; the numerator sums their course hours,
  the denominator counts the distinct employees trained in the month (hours
  per trained person; a year's roll-up divides the year's hours by the sum
  of the months' trained people).
- ``training_exam_pass_rate``: the attendances whose exam was completed
  (examined); the numerator is the passed ones.
- ``training_effectiveness``: the attendances with at least one evaluated
  level (reaction, learning, behaviour); the value is the average of their
  effectiveness scores (0-100).

Attendances are measured by company, department and employee, by salesperson
(the employee's user) and by sales team (that user's main team); plan lines
by company, department and employee of their audience.
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_qms.models.sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

TRAINING_SOURCES = [
    ("training_plan_completion", "Training plan completion (lines held / lines due)"),
    ("training_hours", "Training hours per trained person"),
    ("training_exam_pass_rate", "Training exam pass rate (passed / examined)"),
    ("training_effectiveness", "Training effectiveness score (average)"),
]
ATTENDANCE_SCOPE_FIELDS = {
    "department": "department_id",
    "employee": "employee_id",
    "user": "user_id",
    # the sales team of the employee's user (the user's main team)
    "team": "user_id.sale_team_id",
}


class SalesQmsIndicator(models.Model):
    # the training sources in a file of their own, like sales_qms's
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=TRAINING_SOURCES,
        ondelete={name: retire_indicators for name, _label in TRAINING_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        specs["training_plan_completion"] = {
            "model": "sales.training.plan.line",
            "date_field": "planned_month",
            "company_field": "company_id",
            "domain": [("plan_id.state", "in", ["approved", "done"])],
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": {
                "department": "department_ids",
                "employee": "employee_ids",
            },
            "measure": "_source_measure_training_plan_completion",
            "where": "_source_where_training_plan_month_over",
            "counts": _lt(
                "Lines of the approved training plans planned in the month, once "
                "the month is over; those with a held session make the numerator"
            ),
            "list_view": "sales_training.sales_training_plan_line_view_list_drilldown",
            "group_by": ["has_held_session"],
        }
        attendance_common = {
            "model": "sales.training.attendance",
            "date_field": "date_session",
            "company_field": "company_id",
            "aggregation": "ratio",
            "scope_fields": ATTENDANCE_SCOPE_FIELDS,
            "list_view": "sales_training.sales_training_attendance_view_list_drilldown",
        }
        specs["training_hours"] = dict(
            attendance_common,
            domain=[
                ("session_id.state", "=", "done"),
                ("attendance_state", "in", ["present", "late"]),
            ],
            factor=1.0,
            measure="_source_measure_training_hours",
            counts=_lt(
                "Attendees present or late at the sessions held in the month: "
                "their course hours over the number of people trained"
            ),
            group_by=["employee_id"],
        )
        specs["training_exam_pass_rate"] = dict(
            attendance_common,
            domain=[("examined", "=", True)],
            factor=100.0,
            measure="_source_measure_training_exam_pass_rate",
            counts=_lt(
                "Attendees of the month's sessions who completed the exam; those "
                "who passed make the numerator"
            ),
            group_by=["passed"],
        )
        specs["training_effectiveness"] = dict(
            attendance_common,
            domain=[("effectiveness_evaluated", "=", True)],
            factor=1.0,
            measure="_source_measure_training_effectiveness",
            counts=_lt(
                "Attendees of the month's sessions with an effectiveness evaluation: "
                "the average of their scores"
            ),
            group_by=["course_id"],
        )
        return specs

    def _source_measure_training_plan_completion(self, query, alias):
        return (
            SQL(
                "COUNT(*) FILTER (WHERE %s)",
                SQL.identifier(alias, "has_held_session"),
            ),
            SQL("COUNT(*)"),
        )

    def _source_where_training_plan_month_over(self, query, alias, bounds, company_ids):
        # a line is due once its month is over: the current month has no
        # verdict yet
        first_of_month = fields.Date.context_today(self).replace(day=1)
        query.add_where(
            SQL("%s < %s", SQL.identifier(alias, "planned_month"), first_of_month)
        )

    def _source_measure_training_hours(self, query, alias):
        return (
            SQL("SUM(%s)", SQL.identifier(alias, "training_hours")),
            SQL("COUNT(DISTINCT %s)", SQL.identifier(alias, "employee_id")),
        )

    def _source_measure_training_exam_pass_rate(self, query, alias):
        return (
            SQL("COUNT(*) FILTER (WHERE %s)", SQL.identifier(alias, "passed")),
            SQL("COUNT(*)"),
        )

    def _source_measure_training_effectiveness(self, query, alias):
        return (
            SQL("SUM(%s)", SQL.identifier(alias, "effectiveness_score")),
            SQL("COUNT(*)"),
        )
