"""Sessions and the waiting list: a session created for a course whose
waiting list is not empty offers its seats to those waiting."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesTrainingSession(models.Model):
    # the waiting list belongs to the qualification feature; the session
    # model itself to the sessions feature
    _inherit = "sales.training.session"  # pylint: disable=consider-merging-classes-inherited

    waiting_count = fields.Integer(
        string="Waiting",
        compute="_compute_waiting_count",
        help="Employees on the course's waiting list.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("course_id", "company_id", "state")
    def _compute_waiting_count(self):
        groups = (
            self.env["sales.training.attendance"]
            .sudo()
            ._read_group(
                [
                    ("session_id", "=", False),
                    ("passed", "=", False),
                    ("course_id", "in", self.course_id.ids),
                ],
                ["course_id", "company_id"],
                ["__count"],
            )
        )
        counts = {(course.id, company.id): count for course, company, count in groups}
        for session in self:
            session.waiting_count = (
                counts.get((session.course_id.id, session.company_id.id), 0)
                if session.state in ("draft", "planned")
                else 0
            )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        # offer the seats to those waiting; the trainer takes them in
        for session in sessions.filtered("waiting_count"):
            session.message_post(
                body=self.env._(
                    "%(count)s employee(s) are on the waiting list of this course: "
                    "use “Take from Waiting List” to enrol them.",
                    count=session.waiting_count,
                )
            )
        return sessions

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_take_waiting_list(self):
        """Move the course's waiting list into the session, earliest
        deadline first, within the session's capacity."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "planned"):
            raise UserError(
                self.env._(
                    "Only a draft or invited session takes people "
                    "from the waiting list."
                )
            )
        Attendance = self.env["sales.training.attendance"]
        waiting = Attendance.search(
            [
                ("session_id", "=", False),
                ("passed", "=", False),
                ("course_id", "=", self.course_id.id),
                ("company_id", "=", self.company_id.id),
            ],
            order="deadline, id",
        )
        if not waiting:
            raise UserError(self.env._("Nobody is waiting for this course."))
        present = set(self.attendance_ids.employee_id.ids)
        waiting = waiting.filtered(lambda att: att.employee_id.id not in present)
        if self.capacity:
            waiting = waiting[: max(self.capacity - len(self.attendance_ids), 0)]
        if not waiting:
            raise UserError(self.env._("The session is full."))
        waiting.write({"session_id": self.id})
        self.message_post(
            body=self.env._(
                "%(count)s employee(s) taken from the waiting list: %(names)s",
                count=len(waiting),
                names=", ".join(waiting.employee_id.mapped("name")),
            )
        )
        return True
