"""What a plain employee sees of the qualification: their own badge and
training record (员工培训档案), through the public profile Odoo shows to
users without HR rights."""

from odoo import api, fields, models

from .hr_employee import QUALIFICATION_STATES


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # not stored: the public profile is readable by every employee, the
    # qualification only by the employee, their managers, HR and training
    qualification_state = fields.Selection(
        QUALIFICATION_STATES,
        string="Qualification",
        compute="_compute_qualification_state",
        search="_search_qualification_state",
    )
    certification_count = fields.Integer(compute="_compute_qualification_state")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_qualification_state(self):
        readable = self._readable_training_records()
        # read from the database, not from hr.employee's cache: reading
        # through the public profile copies each reader's restricted values
        # into that cache (``hr.employee._copy_cache_from``)
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        Employee.flush_model(["qualification_state"])
        states = {
            employee_id: state
            for state, ids in Employee._read_group(
                [("id", "in", readable.ids)], ["qualification_state"], ["id:array_agg"]
            )
            for employee_id in ids
        }
        counts = {
            employee.id: count
            for employee, count in self.env["sales.training.certification"]
            .sudo()
            ._read_group(
                [("employee_id", "in", readable.ids), ("state", "!=", "superseded")],
                ["employee_id"],
                ["__count"],
            )
        }
        for employee in self:
            employee.qualification_state = states.get(employee.id, False)
            employee.certification_count = counts.get(employee.id, 0)

    def _search_qualification_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(operator)
        employees = self.sudo().browse(
            self.env["hr.employee"]
            .sudo()
            ._search([("qualification_state", operator, value)])
        )
        return [
            ("id", "in", employees.with_env(self.env)._readable_training_records().ids)
        ]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_certifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_training.sales_training_certification_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"search_default_current": 1}
        return action

    def action_download_training_record(self):
        """员工培训档案 of the employee, as XLSX."""
        self.ensure_one()
        self._check_training_record_access()
        return self.env["sales.qms.xlsx"]._action_download("training_record", self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _readable_training_records(self):
        """The employees of ``self`` whose training record the user reads."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("hr.group_hr_user")
            or user.has_group("sales_training.group_sales_training_manager")
        ):
            return self
        team = self.sudo().search([("id", "child_of", user.employee_ids.ids)])
        return self & team.with_env(self.env)

    def _check_training_record_access(self):
        self.env["hr.employee"].browse(self.ids)._check_training_record_access()

    def _xlsx_training_record(self):
        """员工培训档案: one sheet per employee, their attendances (course,
        session, dates, hours, attendance, score, result) then their
        certifications with their expiry."""
        self._check_training_record_access()
        Attendance = self.env["sales.training.attendance"].sudo()
        Certification = self.env["sales.training.certification"].sudo()
        attendance_labels = dict(
            Attendance._fields["attendance_state"]._description_selection(self.env)
        )
        cert_labels = dict(
            Certification._fields["state"]._description_selection(self.env)
        )
        category_labels = dict(
            self.env["sales.training.course"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        attendances = Attendance.search(
            [("employee_id", "in", self.ids)], order="employee_id, id"
        )
        certifications = Certification.search(
            [("employee_id", "in", self.ids)], order="employee_id, date_obtained, id"
        )
        yes, no = self.env._("Passed"), self.env._("Not passed")
        columns = [
            {"label": self.env._("Course"), "width": 28},
            {"label": self.env._("Category"), "width": 12},
            {"label": self.env._("Session"), "width": 28},
            {"label": self.env._("Date"), "width": 12, "type": "date"},
            {"label": self.env._("Hours"), "width": 8, "type": "number"},
            {"label": self.env._("Attendance"), "width": 10},
            {"label": self.env._("Exam Score (%)"), "width": 10, "type": "number"},
            {"label": self.env._("Result"), "width": 10},
            {"label": self.env._("Certification"), "width": 16},
            {"label": self.env._("Obtained On"), "width": 12, "type": "date"},
            {"label": self.env._("Expires On"), "width": 12, "type": "date"},
            {"label": self.env._("Certification Status"), "width": 12},
        ]
        sheets = []
        for employee in self.sudo():
            certs = certifications.filtered(
                lambda c, e=employee: c.employee_id.id == e.id
            )
            cert_by_attendance = {
                cert.attendance_id.id: cert for cert in certs if cert.attendance_id
            }

            def rows(
                employee=employee, certs=certs, cert_by_attendance=cert_by_attendance
            ):
                for att in attendances.filtered(
                    lambda a: a.employee_id.id == employee.id
                ):
                    cert = cert_by_attendance.get(att.id)
                    session = att.session_id
                    yield [
                        att.course_id.name,
                        category_labels.get(att.course_id.category, ""),
                        session.name or self.env._("Waiting list"),
                        session.date_start.date() if session else None,
                        att.course_id.duration_hours
                        if att.passed or att.attendance_state in ("present", "late")
                        else None,
                        attendance_labels.get(att.attendance_state, ""),
                        att.exam_score or None,
                        yes if att.passed else no,
                        cert.name if cert else "",
                        cert.date_obtained if cert else None,
                        cert.date_expiry if cert else None,
                        cert_labels.get(cert.state, "") if cert else "",
                    ]
                # certifications granted without an attendance of the record
                for cert in certs.filtered(
                    lambda c: c.attendance_id.id not in attendances.ids
                ):
                    yield [
                        cert.course_id.name,
                        category_labels.get(cert.course_id.category, ""),
                        "",
                        None,
                        None,
                        "",
                        cert.exam_score or None,
                        yes,
                        cert.name,
                        cert.date_obtained,
                        cert.date_expiry,
                        cert_labels.get(cert.state, ""),
                    ]

            sheets.append(
                {
                    "name": employee.name,
                    "title": self.env._("Employee Training Record"),
                    "subtitle": " / ".join(
                        part
                        for part in (
                            employee.name,
                            employee.department_id.name,
                            employee.job_id.name,
                        )
                        if part
                    ),
                    "columns": columns,
                    "rows": rows(),
                }
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Employee Training Record")
        )
        name = self[:1].name if len(self) == 1 else self.env._("employees")
        return f"{self.env._('Employee Training Record')} - {name}.xlsx", content
