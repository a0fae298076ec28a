from odoo import api, fields, models


class SalesTrainingAttendance(models.Model):
    """One employee in one session, or on the waiting list of a course (no
    session yet): attendance, exam result and effectiveness evaluation."""

    _name = "sales.training.attendance"
    _description = "Training Attendance"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "session_id, employee_id, id"
    _check_company_auto = True

    session_id = fields.Many2one(
        "sales.training.session", index=True, ondelete="cascade", check_company=True
    )
    course_id = fields.Many2one(
        "sales.training.course",
        required=True,
        index=True,
        check_company=True,
        compute="_compute_course_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    is_waiting = fields.Boolean(
        string="On the Waiting List", compute="_compute_is_waiting", store=True
    )
    deadline = fields.Date(help="Pre-job training: the date the course must be passed by.")
    attendance_state = fields.Selection(
        [
            ("invited", "Invited"),
            ("present", "Present"),
            ("late", "Late"),
            ("absent", "Absent"),
            ("excused", "Excused"),
        ],
        string="Attendance",
        required=True,
        default="invited",
        tracking=True,
    )
    exam_user_input_id = fields.Many2one("survey.user_input", string="Exam Answers", readonly=True)
    exam_score = fields.Float(string="Exam Score (%)", readonly=True)
    passed = fields.Boolean(readonly=True, tracking=True)
    date_passed = fields.Date(readonly=True)

    @api.depends("session_id")
    def _compute_course_id(self):
        for attendance in self:
            if attendance.session_id:
                attendance.course_id = attendance.session_id.course_id

    @api.depends("session_id")
    def _compute_is_waiting(self):
        for attendance in self:
            attendance.is_waiting = not attendance.session_id

    def _action_passed(self):
        """Called once for the attendances whose result turned to passed.

        The qualification side (certifications, 上岗资格) hooks in here.
        """
        return True
