"""Certifications: the proof an employee passed a course, valid until the
course's validity runs out.

One certification per pass. A renewal supersedes the previous certification
of the same course, which is kept for the record; at most one certification
per (employee, course) is current (a partial unique index, so that two
concurrent grants cannot both win).
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Days before expiry an employee and their manager are reminded (default of
# the system parameter ``sales_training.expiry_reminder_days``).
DEFAULT_REMINDER_DAYS = 30
CURRENT_STATES = ("valid", "expiring")


class SalesTrainingCertification(models.Model):
    _name = "sales.training.certification"
    _description = "Training Certification"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_obtained desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="User"
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True
    )
    course_id = fields.Many2one(
        "sales.training.course",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
        ondelete="restrict",
    )
    attendance_id = fields.Many2one(
        "sales.training.attendance",
        string="Passed In",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        ondelete="set null",
        help="The attendance whose passed result granted this certification.",
    )
    session_id = fields.Many2one(related="attendance_id.session_id", string="Session")
    exam_score = fields.Float(string="Exam Score (%)", readonly=True)
    date_obtained = fields.Date(required=True, readonly=True, tracking=True)
    date_expiry = fields.Date(
        string="Expiry Date",
        readonly=True,
        tracking=True,
        help="Empty: the course's certification never expires.",
    )
    state = fields.Selection(
        [
            ("valid", "Valid"),
            ("expiring", "Expiring Soon"),
            ("expired", "Expired"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="valid",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_expired = fields.Date(
        readonly=True,
        copy=False,
        help="Set when the certification ran out: the month it counts as expired in.",
    )
    superseded_by_id = fields.Many2one(
        "sales.training.certification", string="Renewed By", readonly=True, copy=False
    )
    reminder_done = fields.Boolean(
        readonly=True,
        copy=False,
        help="The employee and their manager were reminded of the expiry "
        "and the employee was enrolled in the next session.",
    )
    renewal_attendance_id = fields.Many2one(
        "sales.training.attendance",
        string="Renewal Enrolment",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def init(self):
        # one current certification per employee and course, whatever races
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (employee_id, course_id) "
                "WHERE state IN ('valid', 'expiring', 'expired')",
                SQL.identifier("sales_training_certification_current_uniq"),
                SQL.identifier(self._table),
            )
        )
        # a pass grants one certification
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (attendance_id) "
                "WHERE attendance_id IS NOT NULL",
                SQL.identifier("sales_training_certification_attendance_uniq"),
                SQL.identifier(self._table),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        # granted by passing a course, never typed in: only the grant path
        # (``_grant_from_attendances``, running as superuser) creates them
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Certifications are granted by passing a course; "
                    "they cannot be created by hand."
                )
            )
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("sales.training.certification")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            raise AccessError(
                self.env._(
                    "A certification is a record of a pass: it cannot be edited."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A certification is kept for the record: it cannot be deleted."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_attendance(self):
        self.ensure_one()
        self.attendance_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.training.attendance",
            "res_id": self.attendance_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _reminder_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("sales_training.expiry_reminder_days")
        )
        try:
            return max(int(value), 0) if value else DEFAULT_REMINDER_DAYS
        except ValueError:
            return DEFAULT_REMINDER_DAYS

    @api.model
    def _state_for(self, date_expiry, today, reminder_days):
        if not date_expiry:
            return "valid"
        if date_expiry < today:
            return "expired"
        if date_expiry <= today + relativedelta(days=reminder_days):
            return "expiring"
        return "valid"

    @api.model
    def _grant_from_attendances(self, attendances):
        """Grant one certification per passed attendance that has none yet.

        A previous current certification of the same employee and course is
        superseded (kept, linked to its renewal). Idempotent: an attendance
        granted once is skipped. Returns the new certifications.
        """
        attendances = attendances.sudo().filtered(
            lambda attendance: attendance.passed and attendance.employee_id
        )
        if not attendances:
            return self.browse()
        Certification = self.sudo()
        granted = Certification.search(
            [("attendance_id", "in", attendances.ids)]
        ).attendance_id
        attendances -= granted
        if not attendances:
            return self.browse()
        current = Certification.search(
            [
                ("employee_id", "in", attendances.employee_id.ids),
                ("course_id", "in", attendances.course_id.ids),
                ("state", "in", (*CURRENT_STATES, "expired")),
            ]
        )
        current_by_key = {
            (cert.employee_id.id, cert.course_id.id): cert for cert in current
        }
        today = fields.Date.context_today(self)
        reminder_days = self._reminder_days()
        vals_list, seen = [], set()
        # the latest pass of a (employee, course) wins when several come at once
        for attendance in attendances.sorted(
            lambda a: (a.date_passed or today, a.id), reverse=True
        ):
            key = (attendance.employee_id.id, attendance.course_id.id)
            if key in seen:
                continue
            seen.add(key)
            date_obtained = attendance.date_passed or today
            months = attendance.course_id.validity_months
            date_expiry = (
                date_obtained + relativedelta(months=months) if months > 0 else False
            )
            state = self._state_for(date_expiry, today, reminder_days)
            vals_list.append(
                {
                    "employee_id": attendance.employee_id.id,
                    "course_id": attendance.course_id.id,
                    "company_id": attendance.company_id.id,
                    "attendance_id": attendance.id,
                    "exam_score": attendance.exam_score,
                    "date_obtained": date_obtained,
                    "date_expiry": date_expiry,
                    "state": state,
                    # a pass recorded after its validity already ran out
                    "date_expired": date_expiry if state == "expired" else False,
                }
            )
        previous = Certification.browse(
            [current_by_key[key].id for key in seen if key in current_by_key]
        )
        previous.write({"state": "superseded"})
        # the unique index of current certifications must see it first
        previous.flush_recordset(["state"])
        new = Certification.with_context(mail_create_nolog=True).create(vals_list)
        new_by_key = {(cert.employee_id.id, cert.course_id.id): cert for cert in new}
        for cert in previous:
            cert.superseded_by_id = new_by_key[(cert.employee_id.id, cert.course_id.id)]
        # activities of the expiry reminder are done: the course was passed again
        previous.activity_feedback(
            ["sales_training.mail_activity_type_certification_expiry"],
            feedback=self.env._("Renewed."),
        )
        return new

    @api.model
    def _cron_process_expiry(self, batch_size=200):
        """Daily: expire what ran out, remind and re-enrol what expires soon,
        then, once nothing remains, take the month's qualification snapshot.

        Each step selects only what it has not done yet (state, reminder
        flag), so a second run the same day does nothing and an interrupted
        run resumes where it stopped. One batch per step and call; the
        scheduler calls again while work remains (``_notify_progress``).
        """
        today = fields.Date.context_today(self)
        reminder_days = self._reminder_days()
        Certification = self.sudo()
        expired = Certification.search(
            [("state", "in", CURRENT_STATES), ("date_expiry", "<", today)],
            limit=batch_size,
        )
        # one write per expiry date, not per certification
        for date_expiry in set(expired.mapped("date_expiry")):
            expired.filtered(
                lambda cert, day=date_expiry: cert.date_expiry == day
            ).write({"state": "expired", "date_expired": date_expiry})
        expiring = Certification.search(
            [
                ("state", "=", "valid"),
                ("date_expiry", "!=", False),
                ("date_expiry", "<=", today + relativedelta(days=reminder_days)),
            ],
            limit=batch_size,
        )
        expiring.write({"state": "expiring"})
        # an expiry the reminder window missed (validity shorter than the
        # window, cron stopped) still gets its reminder and re-enrolment
        to_remind = Certification.search(
            [("state", "in", ("expiring", "expired")), ("reminder_done", "=", False)],
            limit=batch_size,
        )
        to_remind._remind_and_enrol()
        remaining = (
            Certification.search_count(
                [("state", "in", CURRENT_STATES), ("date_expiry", "<", today)]
            )
            + Certification.search_count(
                [
                    ("state", "=", "valid"),
                    ("date_expiry", "!=", False),
                    ("date_expiry", "<=", today + relativedelta(days=reminder_days)),
                ]
            )
            + Certification.search_count(
                [
                    ("state", "in", ("expiring", "expired")),
                    ("reminder_done", "=", False),
                ]
            )
        )
        if not remaining:
            # once per run, after the last batch (it replaces the month's rows)
            self.env["sales.training.qualification.snapshot"]._take_snapshot()
        done = len(expired) + len(expiring) + len(to_remind)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    def _remind_and_enrol(self):
        """Remind the employee and their manager (one activity each, of our
        own type) and enrol the employee in the course's next session, or
        on its waiting list, with the expiry date as deadline."""
        if not self:
            return
        activity_type = self.env.ref(
            "sales_training.mail_activity_type_certification_expiry"
        )
        Attendance = self.env["sales.training.attendance"].sudo()
        open_by_key = Attendance._open_enrolments(self.employee_id, self.course_id)
        today = fields.Date.context_today(self)
        requests = [
            (cert.employee_id, cert.course_id, max(cert.date_expiry, today))
            for cert in self
            if (cert.employee_id.id, cert.course_id.id) not in open_by_key
        ]
        created = Attendance._enrol(requests)
        for cert in self:
            key = (cert.employee_id.id, cert.course_id.id)
            attendance = open_by_key.get(key) or created.get(key)
            users = (
                cert.employee_id.user_id | cert.employee_id.parent_id.user_id
            ).filtered(lambda user: not user.share)
            for user in users:
                cert.activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=max(
                        cert.date_expiry, fields.Date.context_today(self)
                    ),
                    user_id=user.id,
                    note=self.env._(
                        "The certification of %(course)s of %(employee)s expires on "
                        "%(date)s: renew it by passing the course again.",
                        course=cert.course_id.name,
                        employee=cert.employee_id.name,
                        date=cert.date_expiry,
                    ),
                )
            cert.write(
                {
                    "reminder_done": True,
                    "renewal_attendance_id": attendance.id if attendance else False,
                }
            )
