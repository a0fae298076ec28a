from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesTrainingSessionAddAttendees(models.TransientModel):
    _name = "sales.training.session.add.attendees"
    _description = "Add Attendees to a Training Session"

    session_id = fields.Many2one(
        "sales.training.session", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="session_id.company_id")
    mode = fields.Selection(
        [
            ("employees", "Employees"),
            ("jobs", "Job Positions"),
            ("departments", "Departments"),
            ("plan_line", "Audience of the Plan Line"),
        ],
        required=True,
        default="employees",
    )
    job_ids = fields.Many2many("hr.job", string="Job Positions")
    department_ids = fields.Many2many("hr.department", string="Departments")
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    plan_line_id = fields.Many2one(related="session_id.plan_line_id")
    new_employee_ids = fields.Many2many(
        "hr.employee",
        string="Will Be Added",
        compute="_compute_new_employee_ids",
        help="The employees chosen who are not attendees yet.",
    )

    @api.depends("mode", "job_ids", "department_ids", "employee_ids", "session_id")
    def _compute_new_employee_ids(self):
        for wizard in self:
            wizard.new_employee_ids = wizard._get_employees()

    def _get_employees(self):
        """The employees chosen, of the session's company, minus those
        already in the session."""
        self.ensure_one()
        Employee = self.env["hr.employee"]
        domain = [("company_id", "=", self.session_id.company_id.id)]
        if self.mode == "employees":
            # searched, not read: an employee of another company is dropped
            # without reading it
            employees = Employee.search(domain + [("id", "in", self.employee_ids.ids)])
        elif self.mode == "jobs":
            employees = (
                Employee.search(domain + [("job_id", "in", self.job_ids.ids)])
                if self.job_ids
                else Employee
            )
        elif self.mode == "departments":
            employees = (
                Employee.search(
                    domain + [("department_id", "child_of", self.department_ids.ids)]
                )
                if self.department_ids
                else Employee
            )
        else:
            employees = (
                self.session_id.plan_line_id._get_audience_employees()
                if self.session_id.plan_line_id
                else Employee
            )
        return employees - self.session_id.attendance_ids.employee_id

    def action_add(self):
        """Create the attendances (no duplicate); the capacity is checked by
        the attendance's constraint, so nothing is added beyond it."""
        self.ensure_one()
        self.session_id._check_manage()
        if self.session_id.state not in ("draft", "planned"):
            raise UserError(
                self.env._(
                    "Attendees are added before the session is held or cancelled."
                )
            )
        employees = self._get_employees()
        if not employees:
            raise UserError(self.env._("Every employee chosen is already an attendee."))
        self.env["sales.training.attendance"].create(
            [
                {
                    "session_id": self.session_id.id,
                    "employee_id": employee.id,
                    "company_id": self.session_id.company_id.id,
                }
                for employee in employees
            ]
        )
        return {"type": "ir.actions.act_window_close"}
