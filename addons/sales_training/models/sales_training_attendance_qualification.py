"""The qualification side of attendances: a pass grants a certification,
enrolments of pre-job and renewal training, a training manager's manual
pass."""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class SalesTrainingAttendance(models.Model):
    # the qualification feature in a file of its own; the attendance model
    # itself belongs to the sessions feature
    _inherit = "sales.training.attendance"  # pylint: disable=consider-merging-classes-inherited

    certification_id = fields.Many2one(
        "sales.training.certification",
        compute="_compute_certification_id",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_certification_id(self):
        certifications = self.env["sales.training.certification"].search(
            [("attendance_id", "in", self.ids)]
        )
        by_attendance = {cert.attendance_id.id: cert for cert in certifications}
        for attendance in self:
            attendance.certification_id = by_attendance.get(attendance.id, False)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_record_pass(self):
        """A training manager records a pass proven outside the exam (an
        external seminar's certificate, a paper exam): the attendance turns
        to passed today and grants its certification."""
        if not self.env.user.has_group("sales_training.group_sales_training_manager"):
            raise AccessError(
                self.env._("Only a training manager can record a pass by hand.")
            )
        self.check_access("write")
        if already := self.filtered("passed"):
            raise UserError(
                self.env._(
                    "%(employees)s already passed this course.",
                    employees=", ".join(already.employee_id.mapped("name")),
                )
            )
        if self.session_id.filtered(lambda session: session.state == "cancel"):
            raise UserError(self.env._("A cancelled session has no results."))
        self.sudo().write(
            {"passed": True, "date_passed": fields.Date.context_today(self)}
        )
        self._action_passed()
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _action_passed(self):
        """Grant the certifications of the passed attendances."""
        result = super()._action_passed()
        self.env["sales.training.certification"]._grant_from_attendances(self)
        return result

    def _open_enrolments(self, employees, courses):
        """``{(employee id, course id): attendance}`` of the enrolments still
        open (not passed, in a session to come or on the waiting list)."""
        attendances = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("course_id", "in", courses.ids),
                ("passed", "=", False),
                "|",
                ("session_id", "=", False),
                ("session_id.state", "in", ("draft", "planned")),
            ]
        )
        return {(att.employee_id.id, att.course_id.id): att for att in attendances}

    def _enrol(self, requests):
        """Enrol each ``(employee, course, deadline)`` in the course's next
        session to come with a free seat, or on its waiting list.

        Set-based: one search of the sessions, one count of their seats,
        one create. Returns ``{(employee id, course id): attendance}``.
        """
        if not requests:
            return {}
        Session = self.env["sales.training.session"].sudo()
        course_ids = {course.id for _employee, course, _deadline in requests}
        sessions = Session.search(
            [
                ("course_id", "in", list(course_ids)),
                ("state", "in", ("draft", "planned")),
                ("date_start", ">=", fields.Datetime.now()),
            ],
            order="date_start, id",
        )
        taken = dict(
            self.sudo()._read_group(
                [("session_id", "in", sessions.ids)], ["session_id"], ["__count"]
            )
        )
        seats = {session.id: taken.get(session, 0) for session in sessions}
        vals_list, keys = [], []
        for employee, course, deadline in requests:
            session = next(
                (
                    session
                    for session in sessions
                    if session.course_id == course
                    and session.company_id == employee.company_id
                    and (not session.capacity or seats[session.id] < session.capacity)
                ),
                Session,
            )
            if session:
                seats[session.id] += 1
            vals_list.append(
                {
                    "employee_id": employee.id,
                    "course_id": course.id,
                    "company_id": employee.company_id.id,
                    "session_id": session.id,
                    "deadline": deadline,
                }
            )
            keys.append((employee.id, course.id))
        attendances = self.sudo().with_context(mail_create_nolog=True).create(vals_list)
        return dict(zip(keys, attendances, strict=True))
