"""The SLA lines of a complaint: one per policy and kind (first response,
resolution), deadlines on the company's working calendar, and the escalation
ladder run by a cron."""

from markupsafe import Markup

from odoo import api, fields, models

ESCALATION_BATCH = 200


class AfterSalesComplaintSla(models.Model):
    _name = "after.sales.complaint.sla"
    _description = "Complaint SLA"
    _order = "complaint_id, kind desc, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    complaint_id = fields.Many2one(
        "after.sales.complaint", required=True, index=True, ondelete="cascade"
    )
    policy_id = fields.Many2one(
        "after.sales.sla.policy",
        string="SLA Policy",
        required=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        related="complaint_id.user_id", string="Salesperson", store=True, index=True
    )
    team_id = fields.Many2one(related="complaint_id.team_id", store=True)
    partner_id = fields.Many2one(
        related="complaint_id.commercial_partner_id", string="Customer", store=True
    )
    received_at = fields.Datetime(related="complaint_id.received_at", store=True)
    kind = fields.Selection(
        [("response", "First Response"), ("resolution", "Resolution")],
        required=True,
    )
    target_hours = fields.Float(
        string="Time Limit (Working Hours)", compute="_compute_target_hours"
    )
    deadline = fields.Datetime(readonly=True)
    reached_at = fields.Datetime(readonly=True)
    consumed_hours = fields.Float(
        string="Time Consumed (Working Hours)", readonly=True, aggregator="avg"
    )
    status = fields.Selection(
        [
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("breached", "Breached"),
        ],
        required=True,
        default="on_time",
        readonly=True,
        index=True,
    )
    warned_at = fields.Datetime(string="Owner Warned At", readonly=True)
    manager_escalated_at = fields.Datetime(string="Manager Called At", readonly=True)
    quality_escalated_at = fields.Datetime(
        string="Quality Representative Called At", readonly=True
    )

    # ------------------------------------------------------------
    # SQL CONSTRAINTS
    # ------------------------------------------------------------

    _sql_constraints = [
        (
            "complaint_policy_kind_unique",
            "UNIQUE(complaint_id, policy_id, kind)",
            "A complaint has one line per SLA policy and kind.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("kind", "policy_id.response_hours", "policy_id.resolution_hours")
    def _compute_target_hours(self):
        for line in self:
            line.target_hours = (
                line.policy_id.response_hours
                if line.kind == "response"
                else line.policy_id.resolution_hours
            )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _reached_moment(self):
        self.ensure_one()
        complaint = self.complaint_id
        if self.kind == "response":
            return complaint.first_response_at
        return complaint.resolved_at

    def _recompute_sla(self):
        """Deadline, consumed working time and status of each line, now.

        The deadline is ``target`` working hours after receipt, pushed by the
        working hours spent in pausing stages; a reached line is frozen."""
        now = fields.Datetime.now()
        for line in self:
            complaint = line.complaint_id
            reached = line._reached_moment()
            if line.reached_at and reached == line.reached_at:
                continue
            moment = reached or now
            paused = complaint._paused_hours_at(moment)
            deadline = complaint._plan_work_hours(
                line.target_hours + paused, complaint.received_at
            )
            consumed = max(
                complaint._work_hours(complaint.received_at, moment) - paused, 0.0
            )
            if deadline and moment > deadline:
                status = "breached"
            elif (
                not reached
                and line.target_hours
                and consumed >= line.target_hours * line.policy_id.warning_percent / 100
            ):
                status = "at_risk"
            else:
                status = "on_time"
            line.write(
                {
                    "deadline": deadline,
                    "reached_at": reached or False,
                    "consumed_hours": consumed,
                    "status": status,
                }
            )

    @api.model
    def _cron_escalate(self, batch_size=ESCALATION_BATCH):
        """Refresh the open SLA lines and climb the escalation ladder: the
        owner warned at the policy's share of the time, the manager on breach,
        the quality representative after the further delay. Each step once
        (its marker is stored), in batches; running twice acts once."""
        domain = [
            ("reached_at", "=", False),
            ("complaint_id.is_closed", "=", False),
            ("quality_escalated_at", "=", False),
        ]
        lines = self.search(domain, order="id")
        total = len(lines)
        done = 0
        for start in range(0, total, batch_size):
            batch = lines[start : start + batch_size]
            batch._recompute_sla()
            batch._escalate()
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)

    def _escalate(self):
        now = fields.Datetime.now()
        for line in self:
            complaint = line.complaint_id
            if line.reached_at or complaint.paused_since:
                continue
            policy = line.policy_id
            if line.status in ("at_risk", "breached") and not line.warned_at:
                owner = complaint.user_id or policy.manager_id
                line._escalation_step(
                    "after_sales.mail_activity_type_complaint_sla_warning",
                    owner,
                    self.env._(
                        "SLA %(kind)s of complaint %(number)s: %(percent)s %% of "
                        "the time is used, the deadline is %(deadline)s.",
                        kind=line._kind_label(),
                        number=complaint.name,
                        percent=round(policy.warning_percent),
                        deadline=line._deadline_text(),
                    ),
                )
                line.warned_at = now
            if line.status == "breached" and not line.manager_escalated_at:
                manager = complaint.team_id.user_id or policy.manager_id
                line._escalation_step(
                    "after_sales.mail_activity_type_complaint_sla_breach",
                    manager,
                    self.env._(
                        "SLA %(kind)s of complaint %(number)s is breached (deadline "
                        "%(deadline)s): escalated to the manager.",
                        kind=line._kind_label(),
                        number=complaint.name,
                        deadline=line._deadline_text(),
                    ),
                )
                line.manager_escalated_at = now
            if (
                line.status == "breached"
                and line.manager_escalated_at
                and not line.quality_escalated_at
                and complaint._work_hours(line.deadline, now)
                >= policy.escalation_delay_hours
            ):
                line._escalation_step(
                    "after_sales.mail_activity_type_complaint_sla_quality",
                    policy.quality_user_id,
                    self.env._(
                        "SLA %(kind)s of complaint %(number)s is still breached "
                        "%(hours)s working hours after its deadline: escalated to the "
                        "quality representative.",
                        kind=line._kind_label(),
                        number=complaint.name,
                        hours=policy.escalation_delay_hours,
                    ),
                )
                line.quality_escalated_at = now

    def _escalation_step(self, activity_xmlid, user, message):
        self.ensure_one()
        complaint = self.complaint_id.sudo()
        complaint.message_post(
            body=Markup("<p>%s</p>") % message, subtype_xmlid="mail.mt_note"
        )
        if user:
            complaint.activity_schedule(
                activity_xmlid,
                user_id=user.id,
                note=message,
                date_deadline=fields.Date.today(),
            )

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _deadline_text(self):
        return self.complaint_id._local_text(self.deadline)
