"""The competence matrix: employees (rows) x the pre-job courses their jobs
require (columns), each cell done / due / expired / missing.

Computed with a constant number of queries whatever the number of
employees: the employees, their requirements, the certifications and the
open enrolments are each read once (``_get_matrix``).
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

STATUS_COLOURS = {
    "done": "#d4edda",
    "due": "#fff3cd",
    "expired": "#f8d7da",
    "missing": "#e2e3e5",
}


class SalesTrainingCompetenceMatrix(models.TransientModel):
    _name = "sales.training.competence.matrix"
    _description = "Competence Matrix"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one("hr.department", check_company=True)
    job_id = fields.Many2one("hr.job", string="Job Position", check_company=True)
    matrix_html = fields.Html(
        string="Matrix", compute="_compute_matrix_html", sanitize=False
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("company_id", "department_id", "job_id")
    def _compute_matrix_html(self):
        for matrix in self:
            matrix.matrix_html = matrix._render_html()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_export_xlsx(self):
        self.ensure_one()
        self._check_matrix_access()
        return self.env["sales.qms.xlsx"]._action_download("competence_matrix", self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_matrix_access(self):
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("hr.group_hr_user")
            or user.has_group("sales_training.group_sales_training_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only HR and the training manager read the competence matrix."
                )
            )

    @api.model
    def _status_labels(self):
        return {
            "done": self.env._("Done"),
            "due": self.env._("Due"),
            "expired": self.env._("Expired"),
            "missing": self.env._("Missing"),
        }

    def _employee_domain(self):
        domain = [("company_id", "=", self.company_id.id), ("job_id", "!=", False)]
        if self.department_id:
            domain.append(("department_id", "child_of", self.department_id.id))
        if self.job_id:
            domain.append(("job_id", "=", self.job_id.id))
        return domain

    def _get_matrix(self):
        """``(employees, courses, cells)`` with ``cells[(employee id, course
        id)]`` the status of a required course; a course the employee's job
        does not require has no cell. Five queries for any number of
        employees."""
        self.ensure_one()
        self._check_matrix_access()
        today = fields.Date.context_today(self)
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.search_fetch(
            self._employee_domain(),
            ["name", "job_id", "department_id", "company_id"],
            order="department_id, name, id",
        )
        required = employees._get_required_courses()
        course_ids = sorted({course for ids in required.values() for course in ids})
        courses = (
            self.env["sales.training.course"]
            .sudo()
            .search_fetch(
                [("id", "in", course_ids)], ["name", "code"], order="category, name, id"
            )
        )
        certs = (
            self.env["sales.training.certification"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("course_id", "in", course_ids),
                    ("state", "!=", "superseded"),
                ],
                ["employee_id", "course_id", "state"],
            )
        )
        cert_states = {(emp.id, course.id): state for emp, course, state in certs}
        enrolments = (
            self.env["sales.training.attendance"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("course_id", "in", course_ids),
                    ("passed", "=", False),
                    "|",
                    ("deadline", "=", False),
                    ("deadline", ">=", today),
                    "|",
                    ("session_id", "=", False),
                    ("session_id.state", "in", ("draft", "planned")),
                ],
                ["employee_id", "course_id"],
            )
        )
        due = {(emp.id, course.id) for emp, course in enrolments}
        cells = {}
        for employee in employees:
            for course_id in required.get(employee.id, ()):
                key = (employee.id, course_id)
                state = cert_states.get(key)
                if state in ("valid", "expiring"):
                    cells[key] = "done"
                elif state == "expired":
                    cells[key] = "expired"
                elif key in due:
                    cells[key] = "due"
                else:
                    cells[key] = "missing"
        employees = employees.filtered(lambda employee: employee.id in required)
        return employees, courses, cells

    def _render_html(self):
        """The matrix as an HTML table, coloured by status."""
        if not self.company_id:
            return ""
        employees, courses, cells = self._get_matrix()
        labels = self._status_labels()
        if not employees:
            return Markup("<p class='text-muted'>%s</p>") % self.env._(
                "No employee of this selection has a job requiring pre-job training."
            )
        parts = [
            Markup(
                "<table class='table table-sm table-bordered o_sales_training_matrix'>"
                "<thead><tr>"
            ),
            Markup("<th>%s</th><th>%s</th><th>%s</th>")
            % (
                self.env._("Employee"),
                self.env._("Department"),
                self.env._("Job Position"),
            ),
        ]
        parts += [
            Markup("<th class='text-center'>%s</th>") % course.name
            for course in courses
        ]
        parts.append(Markup("</tr></thead><tbody>"))
        for employee in employees:
            parts.append(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td>")
                % (
                    employee.name,
                    employee.department_id.name or "",
                    employee.job_id.name,
                )
            )
            for course in courses:
                status = cells.get((employee.id, course.id))
                if status:
                    parts.append(
                        Markup(
                            "<td class='text-center' data-status='%s' "
                            "style='background-color: %s'>%s</td>"
                        )
                        % (status, STATUS_COLOURS[status], labels[status])
                    )
                else:
                    parts.append(Markup("<td class='text-center text-muted'>-</td>"))
            parts.append(Markup("</tr>"))
        parts.append(Markup("</tbody></table>"))
        legend = Markup(" ").join(
            Markup(
                "<span class='badge' "
                "style='background-color: %s; color: #212529'>%s</span>"
            )
            % (STATUS_COLOURS[status], label)
            for status, label in labels.items()
        )
        return Markup("").join(parts) + Markup("<p>%s</p>") % legend

    def _xlsx_competence_matrix(self):
        """The competence matrix as XLSX: one row per employee, one column per
        required course."""
        self.ensure_one()
        employees, courses, cells = self._get_matrix()
        labels = self._status_labels()
        columns = [
            {"label": self.env._("Employee"), "width": 14},
            {"label": self.env._("Department"), "width": 16},
            {"label": self.env._("Job Position"), "width": 16},
        ] + [{"label": course.name, "width": 14} for course in courses]

        def rows():
            for employee in employees:
                yield [
                    employee.name,
                    employee.department_id.name or "",
                    employee.job_id.name,
                ] + [
                    labels[cells[(employee.id, course.id)]]
                    if (employee.id, course.id) in cells
                    else "-"
                    for course in courses
                ]

        subtitle = " / ".join(
            part
            for part in (
                self.company_id.name,
                self.department_id.name,
                self.job_id.name,
            )
            if part
        )
        content = self.env["sales.qms.xlsx"]._render_table(
            [
                {
                    "name": self.env._("Competence Matrix"),
                    "title": self.env._("Competence Matrix"),
                    "subtitle": subtitle,
                    "columns": columns,
                    "rows": rows(),
                }
            ],
            title=self.env._("Competence Matrix"),
        )
        return f"{self.env._('Competence Matrix')}.xlsx", content
