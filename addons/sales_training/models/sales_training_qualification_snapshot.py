"""Month-end snapshots of the qualification, the records behind the pre-job
training compliance indicator.

The qualification is a state, not an event: no record carries the date on
which an employee "was qualified at the end of March". The daily cron writes
one row per employee whose job requires pre-job training, dated the last day
of the current month, replacing the month's rows of the previous run; the
last run of a month therefore leaves its month-end state, and a closed month
keeps its rows. The engine then counts rows by that date like any source.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SalesTrainingQualificationSnapshot(models.Model):
    _name = "sales.training.qualification.snapshot"
    _description = "Qualification Snapshot (Month End)"
    _order = "date desc, employee_id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    date = fields.Date(
        required=True, index=True, readonly=True, help="The month's last day."
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    department_id = fields.Many2one("hr.department", index=True, readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    user_id = fields.Many2one("res.users", index=True, readonly=True)
    qualified = fields.Boolean(readonly=True)
    qualification_state = fields.Selection(
        [
            ("qualified", "Qualified"),
            ("not_qualified", "Not Yet Qualified"),
            ("exception", "Qualified by Exception"),
        ],
        string="Qualification",
        readonly=True,
    )

    _sql_constraints = [
        (
            "employee_date_uniq",
            "UNIQUE(employee_id, date)",
            "One snapshot per employee and month.",
        ),
    ]

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _take_snapshot(self, day=None):
        """Write the month of ``day``'s snapshot (default: today), replacing
        the rows of an earlier run of the same month. Only an exception-free
        full qualification counts as qualified."""
        day = day or fields.Date.context_today(self)
        month_end = day + relativedelta(day=31)
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.search(
            [("qualification_state", "in", ("qualified", "not_qualified", "exception"))]
        )
        Snapshot = self.sudo()
        Snapshot.search([("date", "=", month_end)]).unlink()
        Snapshot.create(
            [
                {
                    "date": month_end,
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "department_id": employee.department_id.id,
                    "job_id": employee.job_id.id,
                    "user_id": employee.user_id.id,
                    "qualified": employee.qualification_state == "qualified",
                    "qualification_state": employee.qualification_state,
                }
                for employee in employees
            ]
        )
        return len(employees)
