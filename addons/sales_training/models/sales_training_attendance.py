from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round

PRESENT_STATES = ("present", "late")
# written by the application's own methods only (as superuser, after their
# checks): results read from the surveys, invitations sent, evaluations
PROTECTED_FIELDS = {
    "exam_user_input_id",
    "exam_score",
    "passed",
    "date_passed",
    "examined",
    "invitation_sent",
    "reaction_user_input_id",
    "reaction_done",
    "reaction_score",
    "behaviour_scheduled",
    "behaviour_evaluator_id",
    "behaviour_rating",
    "behaviour_comment",
}
# behaviour rating (1-5) -> percentage of the behaviour level
BEHAVIOUR_RATING_SCORES = {"1": 20.0, "2": 40.0, "3": 60.0, "4": 80.0, "5": 100.0}


class SalesTrainingAttendance(models.Model):
    """One employee in one session, or on the waiting list of a course (no
    session yet): attendance, exam result and effectiveness evaluation."""

    _name = "sales.training.attendance"
    _description = "Training Attendance"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "session_id, employee_id, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

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
    job_id = fields.Many2one(related="employee_id.job_id", string="Job Position")
    is_waiting = fields.Boolean(
        string="On the Waiting List", compute="_compute_is_waiting", store=True
    )
    deadline = fields.Date(
        help="Pre-job training: the date the course must be passed by."
    )
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
    # indexed: every completed survey looks up its attendance
    exam_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Exam Answers",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    exam_score = fields.Float(string="Exam Score (%)", readonly=True)
    passed = fields.Boolean(readonly=True, tracking=True)
    date_passed = fields.Date(readonly=True)
    # --- session facts kept on the attendance for the indicator engine ---
    session_state = fields.Selection(
        related="session_id.state", string="Session Status"
    )
    date_session = fields.Datetime(
        related="session_id.date_start", string="Session Date", store=True, index=True
    )
    plan_line_id = fields.Many2one(
        related="session_id.plan_line_id", store=True, index=True
    )
    trainer_id = fields.Many2one(related="session_id.trainer_id", string="Trainer")
    training_hours = fields.Float(
        compute="_compute_training_hours",
        store=True,
        digits=(16, 1),
        help="The course hours, for an attendee present or late at a held session.",
    )
    invitation_sent = fields.Boolean(readonly=True, copy=False)
    # --- exam ---
    examined = fields.Boolean(
        readonly=True,
        copy=False,
        help="The attendee completed the exam: the score is read from the answers.",
    )
    exam_state = fields.Selection(
        related="exam_user_input_id.state", string="Exam Status"
    )
    # --- effectiveness evaluation (培训效果评估) ---
    reaction_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Reaction Answers",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    reaction_done = fields.Boolean(readonly=True, copy=False)
    reaction_score = fields.Float(
        string="Reaction Score (%)", readonly=True, copy=False
    )
    behaviour_due_date = fields.Date(
        compute="_compute_behaviour_due_date",
        store=True,
        help="The day the manager evaluates the applied behaviour.",
    )
    behaviour_scheduled = fields.Boolean(readonly=True, copy=False)
    behaviour_evaluator_id = fields.Many2one("res.users", readonly=True, copy=False)
    behaviour_rating = fields.Selection(
        [
            ("1", "1 - Not applied"),
            ("2", "2 - Rarely applied"),
            ("3", "3 - Partly applied"),
            ("4", "4 - Mostly applied"),
            ("5", "5 - Fully applied"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
    )
    behaviour_comment = fields.Text(readonly=True, copy=False)
    behaviour_score = fields.Float(
        string="Behaviour Score (%)", compute="_compute_behaviour_score", store=True
    )
    effectiveness_score = fields.Float(
        compute="_compute_effectiveness_score",
        store=True,
        aggregator="avg",
        help="The levels evaluated so far (reaction, learning, behaviour), weighted "
        "by the course's weights.",
    )
    effectiveness_evaluated = fields.Boolean(
        compute="_compute_effectiveness_score", store=True
    )
    is_mine = fields.Boolean(compute="_compute_is_mine")
    reaction_state = fields.Selection(
        related="reaction_user_input_id.state", string="Reaction Survey Status"
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("session_id")
    def _compute_course_id(self):
        for attendance in self:
            if attendance.session_id:
                attendance.course_id = attendance.session_id.course_id

    @api.depends("session_id")
    def _compute_is_waiting(self):
        for attendance in self:
            attendance.is_waiting = not attendance.session_id

    @api.depends_context("uid")
    @api.depends("employee_id.user_id")
    def _compute_is_mine(self):
        for attendance in self:
            attendance.is_mine = attendance.employee_id.user_id == self.env.user

    @api.depends("session_id.state", "attendance_state", "course_id.duration_hours")
    def _compute_training_hours(self):
        for attendance in self:
            attendance.training_hours = (
                attendance.course_id.duration_hours
                if attendance.session_id.state == "done"
                and attendance.attendance_state in PRESENT_STATES
                else 0.0
            )

    @api.depends(
        "session_id.date_end",
        "course_id.behaviour_delay_days",
        "company_id.partner_id.tz",
    )
    def _compute_behaviour_due_date(self):
        for attendance in self:
            if attendance.session_id:
                # the day the session ends where the company is, not in UTC
                tz = self.env["sales.qms.indicator"]._get_timezone(
                    attendance.company_id
                )
                end = fields.Datetime.context_timestamp(
                    attendance.with_context(tz=tz.zone), attendance.session_id.date_end
                )
                attendance.behaviour_due_date = fields.Date.add(
                    end.date(), days=attendance.course_id.behaviour_delay_days
                )
            else:
                attendance.behaviour_due_date = False

    @api.depends("behaviour_rating")
    def _compute_behaviour_score(self):
        for attendance in self:
            attendance.behaviour_score = BEHAVIOUR_RATING_SCORES.get(
                attendance.behaviour_rating, 0.0
            )

    @api.depends(
        "reaction_done",
        "reaction_score",
        "examined",
        "exam_score",
        "behaviour_rating",
        "behaviour_score",
        "course_id.weight_reaction",
        "course_id.weight_learning",
        "course_id.weight_behaviour",
    )
    def _compute_effectiveness_score(self):
        for attendance in self:
            course = attendance.course_id
            levels = []
            if attendance.reaction_done:
                levels.append((course.weight_reaction, attendance.reaction_score))
            if attendance.examined:
                levels.append((course.weight_learning, attendance.exam_score))
            if attendance.behaviour_rating:
                levels.append((course.weight_behaviour, attendance.behaviour_score))
            total_weight = sum(weight for weight, _score in levels)
            attendance.effectiveness_evaluated = bool(total_weight)
            attendance.effectiveness_score = (
                float_round(
                    sum(weight * score for weight, score in levels) / total_weight,
                    precision_digits=2,
                )
                if total_weight
                else 0.0
            )

    @api.depends("employee_id", "course_id")
    def _compute_display_name(self):
        for attendance in self:
            attendance.display_name = (
                f"{attendance.employee_id.name} - {attendance.course_id.name}"
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("session_id", "employee_id")
    def _check_unique_in_session(self):
        sessions = self.session_id
        if not sessions:
            return
        duplicates = self.sudo()._read_group(
            [
                ("session_id", "in", sessions.ids),
                ("employee_id", "in", self.employee_id.ids),
            ],
            ["session_id", "employee_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if duplicates:
            raise ValidationError(
                self.env._(
                    "%(employee)s is already an attendee of session %(session)s.",
                    employee=duplicates[0][1].name,
                    session=duplicates[0][0].display_name,
                )
            )

    @api.constrains("session_id")
    def _check_session_capacity(self):
        self.session_id._check_capacity_reached()

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            PROTECTED_FIELDS & vals.keys() for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "Results and evaluations are recorded by the training's actions."
                )
            )
        attendances = super().create(vals_list)
        attendances._check_session_editable()
        return attendances

    def write(self, vals):
        if not self.env.su and (protected := PROTECTED_FIELDS & vals.keys()):
            raise UserError(
                self.env._(
                    "%(fields)s are recorded by the training's own actions (exam "
                    "results, invitations, evaluations), not edited by hand.",
                    fields=", ".join(
                        self._fields[name].get_description(self.env)["string"]
                        for name in sorted(protected)
                    ),
                )
            )
        if "attendance_state" in vals or "session_id" in vals:
            self._check_session_editable()
        result = super().write(vals)
        if "session_id" in vals:
            self._check_session_editable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held_session(self):
        if any(attendance.session_id.state == "done" for attendance in self):
            raise UserError(
                self.env._(
                    "The attendance of a held session is a training record: it stays."
                )
            )

    def _check_session_editable(self):
        """A trainer only touches the attendees of the sessions they train;
        the attendance of a held or cancelled session is final."""
        if self.env.su:
            return
        is_manager = self.env.user.has_group(
            "sales_training.group_sales_training_manager"
        )
        for attendance in self.filtered("session_id"):
            session = attendance.session_id
            if not is_manager and session.trainer_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the trainer of session %(session)s or a training "
                        "manager records its attendance.",
                        session=session.display_name,
                    )
                )
            if session.state in ("done", "cancel"):
                raise UserError(
                    self.env._(
                        "Session %(session)s is held or cancelled: its attendance "
                        "is final.",
                        session=session.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _action_mark(self, state):
        self.check_access("write")
        self.write({"attendance_state": state})
        return True

    def action_mark_present(self):
        return self._action_mark("present")

    def action_mark_late(self):
        return self._action_mark("late")

    def action_mark_absent(self):
        return self._action_mark("absent")

    def action_mark_excused(self):
        return self._action_mark("excused")

    def action_evaluate_behaviour(self):
        self.ensure_one()
        self._check_behaviour_evaluator()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evaluate Applied Behaviour"),
            "res_model": "sales.training.behaviour.evaluation",
            "view_mode": "form",
            "target": "new",
            "context": {"default_attendance_id": self.id},
        }

    def _action_open_survey(self, fname):
        """The attendee opens their own personal survey link (the link
        carries their answer token: nobody answers for them)."""
        self.ensure_one()
        self.check_access("read")
        if self.employee_id.user_id != self.env.user:
            raise AccessError(self.env._("Only the attendee answers their own survey."))
        user_input = self.sudo()[fname]
        if not user_input:
            raise UserError(self.env._("No survey was sent to this attendee."))
        if user_input.state == "done":
            raise UserError(self.env._("This survey is already answered."))
        return {
            "type": "ir.actions.act_url",
            "url": user_input.get_start_url(),
            "target": "new",
        }

    def action_take_exam(self):
        return self._action_open_survey("exam_user_input_id")

    def action_give_reaction(self):
        return self._action_open_survey("reaction_user_input_id")

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _action_passed(self):
        """Called once for the attendances whose result turned to passed.

        The qualification side (certifications, 上岗资格) hooks in here.
        """
        return True

    def _partner_to_invite(self):
        self.ensure_one()
        return self.employee_id.user_id.partner_id or self.employee_id.work_contact_id

    def _create_survey_answer(self, survey):
        """A personal answer of ``survey`` for this attendee (as superuser:
        the caller checked its rights; attendees need no survey rights)."""
        self.ensure_one()
        partner = self._partner_to_invite()
        return survey.sudo()._create_answer(
            user=self.employee_id.user_id,
            partner=partner,
            email=partner.email or self.employee_id.work_email,
            check_attempts=False,
        )

    def _send_survey(self, survey_fname, input_fname, template_xmlid):
        """Create and mail each attendee's personal answer of the course's
        survey ``survey_fname`` (stored in ``input_fname``), once."""
        template = self.env.ref(template_xmlid)
        for attendance in self.filtered(lambda a: not a[input_fname]):
            survey = attendance.course_id[survey_fname]
            if not survey:
                continue
            attendance[input_fname] = attendance._create_survey_answer(survey)
            template.send_mail(
                attendance.id, email_layout_xmlid="mail.mail_notification_light"
            )

    def _send_exam(self):
        """Create and mail each attendee's personal exam, once."""
        self._send_survey(
            "exam_survey_id",
            "exam_user_input_id",
            "sales_training.mail_template_training_exam",
        )

    def _send_reaction_survey(self):
        """Right after the session: the course's reaction survey, once each."""
        self._send_survey(
            "reaction_survey_id",
            "reaction_user_input_id",
            "sales_training.mail_template_training_reaction",
        )

    def _update_results_from_surveys(self):
        """Read the score and pass/fail of the completed exam answers and the
        score of the completed reaction answers; call ``_action_passed``
        once for the attendances that turned to passed."""
        newly_passed = self.browse()
        for attendance in self:
            exam = attendance.exam_user_input_id
            if exam.state == "done":
                vals = {"examined": True, "exam_score": exam.scoring_percentage}
                if exam.scoring_success and not attendance.passed:
                    vals["passed"] = True
                    vals["date_passed"] = (
                        exam.end_datetime or fields.Datetime.now()
                    ).date()
                    newly_passed |= attendance
                elif not exam.scoring_success and attendance.passed:
                    vals.update(passed=False, date_passed=False)
                if any(attendance[name] != value for name, value in vals.items()):
                    attendance.write(vals)
            reaction = attendance.reaction_user_input_id
            if reaction.state == "done" and (
                not attendance.reaction_done
                or attendance.reaction_score != reaction.scoring_percentage
            ):
                attendance.write(
                    {
                        "reaction_done": True,
                        "reaction_score": reaction.scoring_percentage,
                    }
                )
        if newly_passed:
            newly_passed._action_passed()
        return newly_passed

    def _behaviour_evaluator(self):
        """The attendee's manager, else the training manager (the first user
        of the training manager group in the company)."""
        self.ensure_one()
        manager_user = self.employee_id.parent_id.user_id
        if manager_user:
            return manager_user
        return self.env.ref(
            "sales_training.group_sales_training_manager"
        ).users.filtered(
            lambda user: self.company_id in user.company_ids and not user.share
        ).sorted("id")[:1] or self.env.ref("base.user_admin")

    def _check_behaviour_evaluator(self):
        # the employee's manager reads the attendances of their team (rule)
        self.check_access("read")
        user = self.env.user
        if self.env.su or user.has_group("sales_training.group_sales_training_manager"):
            return
        for attendance in self:
            if user not in (
                attendance.employee_id.parent_id.user_id
                | attendance.behaviour_evaluator_id
            ):
                raise AccessError(
                    self.env._(
                        "Only the manager of %(employee)s or a training manager "
                        "evaluates their applied behaviour.",
                        employee=attendance.employee_id.name,
                    )
                )

    def _record_behaviour_evaluation(self, rating, comment):
        """Record the manager's rating and comment and close the evaluation
        activity."""
        self._check_behaviour_evaluator()
        # the evaluator may not read the session: checked, then read as superuser
        for attendance in self.sudo():
            if attendance.session_id.state != "done" or (
                attendance.attendance_state not in PRESENT_STATES
            ):
                raise UserError(
                    self.env._(
                        "Only the attendees present at a held session are evaluated."
                    )
                )
        if rating not in BEHAVIOUR_RATING_SCORES:
            raise ValidationError(self.env._("The rating is between 1 and 5."))
        self.sudo().write({"behaviour_rating": rating, "behaviour_comment": comment})
        activity_type = self.env.ref(
            "sales_training.mail_activity_type_behaviour_evaluation"
        )
        self.sudo().activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        ).action_feedback(feedback=comment)

    @api.model
    def _cron_schedule_behaviour_evaluations(self, batch_size=500):
        """Schedule, once, the behaviour evaluation of the attendees present
        at held sessions whose evaluation day has come, for their manager."""
        domain = [
            ("session_id.state", "=", "done"),
            ("attendance_state", "in", PRESENT_STATES),
            ("behaviour_scheduled", "=", False),
            ("behaviour_rating", "=", False),
            ("behaviour_due_date", "<=", fields.Date.context_today(self)),
        ]
        # the cron's user may lack the rules' access: it schedules for all
        Attendance = self.sudo()
        attendances = Attendance.search(domain, limit=batch_size)
        remaining = Attendance.search_count(domain) - len(attendances)
        activity_type = self.env.ref(
            "sales_training.mail_activity_type_behaviour_evaluation"
        )
        for attendance in attendances:
            evaluator = attendance._behaviour_evaluator()
            attendance.behaviour_evaluator_id = evaluator
            attendance.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=attendance.behaviour_due_date,
                user_id=evaluator.id,
                summary=self.env._(
                    "Evaluate how %(employee)s applies %(course)s",
                    employee=attendance.employee_id.name,
                    course=attendance.course_id.name,
                ),
            )
        attendances.write({"behaviour_scheduled": True})
        self.env["ir.cron"]._notify_progress(done=len(attendances), remaining=remaining)
        return attendances
