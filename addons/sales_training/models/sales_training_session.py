from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round

PRESENT_STATES = ("present", "late")


class SalesTrainingSession(models.Model):
    """A session of a course: an internal training or an external seminar /
    industry workshop (行业研讨会), its attendees and their results."""

    _name = "sales.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Number",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    course_id = fields.Many2one(
        "sales.training.course",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    plan_line_id = fields.Many2one(
        "sales.training.plan.line", index=True, check_company=True
    )
    session_type = fields.Selection(
        [
            ("internal", "Internal Training"),
            ("external", "External Seminar / Workshop"),
        ],
        string="Type",
        required=True,
        default="internal",
    )
    trainer_id = fields.Many2one(
        "res.users", tracking=True, default=lambda self: self.env.user
    )
    provider_id = fields.Many2one("res.partner")
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    location = fields.Char()
    online_url = fields.Char(string="Online Link")
    capacity = fields.Integer(help="Maximum attendees; 0 means no limit.")
    cost = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Invited"),
            ("done", "Held"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    attendance_ids = fields.One2many(
        "sales.training.attendance", "session_id", string="Attendees"
    )
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
    duration_hours = fields.Float(related="course_id.duration_hours")
    has_exam = fields.Boolean(compute="_compute_has_exam")
    attendee_count = fields.Integer(
        string="Attendees (count)", compute="_compute_counts", store=True
    )
    present_count = fields.Integer(
        string="Trained",
        compute="_compute_counts",
        store=True,
        help="Attendees present or late.",
    )
    passed_count = fields.Integer(
        string="Passed", compute="_compute_counts", store=True
    )
    exam_sent = fields.Boolean(copy=False, readonly=True)
    effectiveness_score = fields.Float(
        compute="_compute_effectiveness_score",
        store=True,
        aggregator="avg",
        help="The average effectiveness score of the evaluated attendees.",
    )
    evaluated_count = fields.Integer(compute="_compute_effectiveness_score", store=True)

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("course_id.exam_survey_id")
    def _compute_has_exam(self):
        for session in self:
            session.has_exam = bool(session.course_id.exam_survey_id)

    @api.depends("attendance_ids.attendance_state", "attendance_ids.passed")
    def _compute_counts(self):
        for session in self:
            attendances = session.attendance_ids
            session.attendee_count = len(attendances)
            session.present_count = len(
                attendances.filtered(lambda a: a.attendance_state in PRESENT_STATES)
            )
            session.passed_count = len(attendances.filtered("passed"))

    @api.depends(
        "attendance_ids.effectiveness_score", "attendance_ids.effectiveness_evaluated"
    )
    def _compute_effectiveness_score(self):
        for session in self:
            evaluated = session.attendance_ids.filtered("effectiveness_evaluated")
            session.evaluated_count = len(evaluated)
            session.effectiveness_score = (
                float_round(
                    sum(evaluated.mapped("effectiveness_score")) / len(evaluated),
                    precision_digits=2,
                )
                if evaluated
                else 0.0
            )

    @api.depends("name", "course_id")
    def _compute_display_name(self):
        for session in self:
            session.display_name = (
                f"{session.name} {session.course_id.name}"
                if session.course_id
                else session.name
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for session in self:
            if session.date_end <= session.date_start:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s ends before it starts: the end must "
                        "come after the start.",
                        session=session.display_name,
                    )
                )

    @api.constrains("capacity")
    def _check_capacity(self):
        if any(session.capacity < 0 for session in self):
            raise ValidationError(
                self.env._("The capacity cannot be negative (0 means no limit).")
            )
        self._check_capacity_reached()

    @api.constrains("cost")
    def _check_cost(self):
        if any(session.cost < 0 for session in self):
            raise ValidationError(
                self.env._("The cost of a session cannot be negative.")
            )

    def _check_capacity_reached(self):
        """Refuse more attendees than the capacity, counted in one query."""
        limited = self.filtered("capacity")
        if not limited:
            return
        counts = dict(
            self.env["sales.training.attendance"]
            .sudo()
            ._read_group(
                [("session_id", "in", limited.ids)], ["session_id"], ["__count"]
            )
        )
        for session in limited:
            count = counts.get(session.sudo(), 0)
            if count > session.capacity:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s takes at most %(capacity)s attendees; "
                        "it would have %(count)s.",
                        session=session.display_name,
                        capacity=session.capacity,
                        count=count,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state", "draft") != "draft" for vals in vals_list
        ):
            raise UserError(self.env._("A new session starts as a draft."))
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                date = fields.Datetime.to_datetime(vals.get("date_start")) or None
                vals["name"] = self.env["ir.sequence"].with_company(
                    vals.get("company_id") or self.env.company.id
                ).next_by_code(
                    "sales.training.session", sequence_date=date
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if (
            not self.env.su
            and {"state", "exam_sent", "calendar_event_id"} & vals.keys()
        ):
            # the state follows the actions (invite, hold, cancel), which
            # check the attendance, the rights and send what must be sent
            raise UserError(
                self.env._("Use the session's buttons to change its status.")
            )
        if "course_id" in vals and any(session.state != "draft" for session in self):
            raise UserError(
                self.env._(
                    "The course of a session can change only while it is a draft."
                )
            )
        result = super().write(vals)
        if {"date_start", "date_end", "location", "online_url"} & vals.keys():
            self.filtered("calendar_event_id")._sync_calendar_event()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(session.state == "done" for session in self):
            raise UserError(
                self.env._("A held session is a training record: it cannot be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_manage(self):
        """The trainer of the sessions or a training manager acts on them:
        checked before anything is done as superuser."""
        self.check_access("write")
        if self.env.su or self.env.user.has_group(
            "sales_training.group_sales_training_manager"
        ):
            return
        if any(session.trainer_id != self.env.user for session in self):
            raise AccessError(
                self.env._(
                    "Only the trainer of a session or a training manager may do this."
                )
            )

    def action_send_invitations(self):
        """Invite the attendees: one calendar event with their partners and a
        mail to each attendee not invited yet (inviting again sends nothing
        twice; new attendees get their mail)."""
        self._check_manage()
        for session in self:
            if session.state not in ("draft", "planned"):
                raise UserError(
                    self.env._(
                        "Only a draft or invited session sends invitations: "
                        "%(session)s is %(state)s.",
                        session=session.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[session.state],
                    )
                )
            if not session.attendance_ids:
                raise UserError(
                    self.env._(
                        "Add attendees to session %(session)s before inviting them.",
                        session=session.display_name,
                    )
                )
        template = self.env.ref("sales_training.mail_template_session_invitation")
        for session in self.sudo():
            session._sync_calendar_event()
            to_invite = session.attendance_ids.filtered(lambda a: not a.invitation_sent)
            for attendance in to_invite:
                template.send_mail(
                    attendance.id, email_layout_xmlid="mail.mail_notification_light"
                )
            to_invite.invitation_sent = True
            if to_invite:
                session.message_post(
                    body=self.env._(
                        "Invitations sent to %(names)s.",
                        names=", ".join(to_invite.employee_id.mapped("name")),
                    )
                )
            if session.state == "draft":
                session.state = "planned"
        return True

    def action_done(self):
        """Hold the session: every attendee's presence is recorded first.
        The attendees present get the reaction survey right away."""
        self._check_manage()
        for session in self:
            if session.state != "planned":
                raise UserError(
                    self.env._(
                        "Only an invited session can be held (session %(session)s).",
                        session=session.display_name,
                    )
                )
            if session.date_start > fields.Datetime.now():
                raise UserError(
                    self.env._(
                        "Session %(session)s has not started yet: it is held once "
                        "it has taken place.",
                        session=session.display_name,
                    )
                )
            unmarked = session.attendance_ids.filtered(
                lambda a: a.attendance_state == "invited"
            )
            if unmarked:
                raise UserError(
                    self.env._(
                        "Record the attendance of %(names)s before holding session "
                        "%(session)s.",
                        names=", ".join(unmarked.mapped("employee_id.name")),
                        session=session.display_name,
                    )
                )
        self.sudo().state = "done"
        self.sudo().attendance_ids.filtered(
            lambda a: a.attendance_state in PRESENT_STATES
        )._send_reaction_survey()
        return True

    def action_cancel(self):
        self._check_manage()
        if any(session.state == "done" for session in self):
            raise UserError(self.env._("A held session cannot be cancelled."))
        self.sudo().calendar_event_id.action_archive()
        self.sudo().state = "cancel"
        return True

    def action_draft(self):
        self._check_manage()
        if any(session.state != "cancel" for session in self):
            raise UserError(self.env._("Only a cancelled session goes back to draft."))
        self.sudo().calendar_event_id.action_unarchive()
        self.sudo().state = "draft"
        return True

    def action_mark_all_present(self):
        """Mark every attendee not yet marked as present."""
        self._check_manage()
        if any(session.state not in ("draft", "planned") for session in self):
            raise UserError(
                self.env._("Attendance is taken before the session is marked as held.")
            )
        self.attendance_ids.filtered(
            lambda a: a.attendance_state == "invited"
        ).attendance_state = "present"
        return True

    def action_send_exam(self):
        """Send the course's exam to the attendees present or late: one
        personal answer of the survey each, sent once."""
        self._check_manage()
        for session in self:
            if session.state != "done":
                raise UserError(
                    self.env._("The exam is sent once the session is held.")
                )
            if not session.course_id.exam_survey_id:
                raise UserError(
                    self.env._(
                        "Course %(course)s has no exam.", course=session.course_id.name
                    )
                )
        self.sudo().attendance_ids.filtered(
            lambda a: a.attendance_state in PRESENT_STATES
        )._send_exam()
        self.sudo().exam_sent = True
        return True

    def action_fetch_results(self):
        """Read the exam results from the attendees' completed survey answers."""
        self._check_manage()
        self.sudo().attendance_ids._update_results_from_surveys()
        return True

    def action_add_attendees(self):
        self.ensure_one()
        self._check_manage()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add Attendees"),
            "res_model": "sales.training.session.add.attendees",
            "view_mode": "form",
            "target": "new",
            "context": {"default_session_id": self.id},
        }

    def action_view_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }

    def action_print_sign_in_sheet(self):
        return self.env.ref("sales_training.action_report_sign_in_sheet").report_action(
            self
        )

    def action_export_sign_in_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("training_sign_in", self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _sync_calendar_event(self):
        """Create or update the one calendar event of each session, with
        the attendees' partners; the calendar's own mails are not sent (the
        invitation template is)."""
        Event = (
            self.env["calendar.event"].sudo().with_context(no_mail_to_attendees=True)
        )
        for session in self:
            partners = session.attendance_ids.employee_id.work_contact_id
            vals = {
                "name": session.display_name,
                "start": session.date_start,
                "stop": session.date_end,
                "location": session.location or session.online_url or False,
                "videocall_location": session.online_url or False,
                "user_id": session.trainer_id.id or self.env.user.id,
                "partner_ids": [fields.Command.set(partners.ids)],
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": session.id,
            }
            if session.calendar_event_id:
                session.calendar_event_id.with_context(no_mail_to_attendees=True).write(
                    vals
                )
            else:
                session.calendar_event_id = Event.create(vals)

    def _xlsx_sign_in_sheet(self):
        """培训签到表: one sheet per session, one row per attendee, the
        signature column left blank for the handwritten signatures."""
        columns = [
            {"label": self.env._("No."), "width": 6, "type": "integer"},
            {"label": self.env._("Full Name"), "width": 14},
            {"label": self.env._("Department"), "width": 18},
            {"label": self.env._("Job Position"), "width": 18},
            {"label": self.env._("Sign-in Time"), "width": 16},
            {"label": self.env._("Signature"), "width": 22},
        ]
        sheets = []
        for session in self.sorted(lambda s: (s.date_start, s.name)):
            subtitle = self.env._(
                "%(course)s | %(start)s - %(end)s | %(place)s | Trainer: %(trainer)s",
                course=session.course_id.name,
                start=fields.Datetime.context_timestamp(
                    session, session.date_start
                ).strftime("%Y-%m-%d %H:%M"),
                end=fields.Datetime.context_timestamp(
                    session, session.date_end
                ).strftime("%H:%M"),
                place=session.location or session.online_url or "",
                trainer=session.trainer_id.name or session.provider_id.name or "",
            )
            rows = [
                [
                    index,
                    attendance.employee_id.name,
                    attendance.employee_id.department_id.name or "",
                    attendance.employee_id.job_id.name or "",
                    "",
                    "",
                ]
                for index, attendance in enumerate(session.attendance_ids, start=1)
            ]
            sheets.append(
                {
                    "name": session.name,
                    "title": self.env._("Training Sign-in Sheet"),
                    "subtitle": subtitle,
                    "columns": columns,
                    "rows": rows,
                }
            )
        title = self.env._("Training Sign-in Sheet")
        content = self.env["sales.qms.xlsx"]._render_table(sheets, title=title)
        return "training_sign_in_sheet.xlsx", content
