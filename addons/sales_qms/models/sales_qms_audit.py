from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Written by the audit's steps only (``_write_state``), never by ``write``.
AUDIT_STATE_FIELDS = {"state", "reminder_sent_on"}
# What the mail machinery may still write on a closed audit.
MAIL_FIELDS = {"message_main_attachment_id", "message_follower_ids", "activity_ids"}
# Days before the planned start the auditors are reminded, unless configured.
DEFAULT_REMINDER_DAYS = 7
CRON_BATCH_SIZE = 200


class SalesQmsAudit(models.Model):
    """An internal audit (内部审核) of sales processes against ISO 9001.

    Planned in the annual programme, carried out by a lead auditor and
    auditors who never audit their own work, recorded as a checklist whose
    lines are the findings (符合/观察项/轻微不符合/严重不符合). A finding of
    nonconformity raises a nonconformity report; the audit closes once every
    such finding has one, and a closed audit is a frozen quality record.
    """

    _name = "sales.qms.audit"
    _description = "Internal Audit"
    # the audit report is a controlled record: 编制 by the lead auditor,
    # 审核 and 批准 as configured (quality representatives by default)
    _inherit = ["sales.qms.signoff.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "planned_date_start desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    title = fields.Char(required=True, tracking=True)
    programme_id = fields.Many2one(
        "sales.qms.audit.programme",
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    process_ids = fields.Many2many(
        "sales.qms.process", string="Processes", check_company=True
    )
    clause_ids = fields.Many2many("sales.qms.iso.clause", string="ISO Clauses")
    objective = fields.Text(string="Audit Objective")
    planned_date_start = fields.Date(required=True, tracking=True)
    planned_date_end = fields.Date(required=True, tracking=True)
    date_start = fields.Date(string="Actual Start", tracking=True, copy=False)
    date_end = fields.Date(string="Actual End", tracking=True, copy=False)
    lead_auditor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    auditor_ids = fields.Many2many(
        "res.users",
        "sales_qms_audit_auditor_rel",
        "audit_id",
        "user_id",
        string="Auditors",
        check_company=True,
    )
    auditee_team_ids = fields.Many2many(
        "crm.team",
        string="Audited Departments",
        check_company=True,
    )
    auditee_ids = fields.Many2many(
        "res.users",
        "sales_qms_audit_auditee_rel",
        "audit_id",
        "user_id",
        string="Auditees",
        check_company=True,
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("reported", "Reported"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    checklist_id = fields.Many2one(
        "sales.qms.audit.checklist",
        string="Checklist Template",
        check_company=True,
        help="Load its questions as the lines of the audit.",
    )
    line_ids = fields.One2many(
        "sales.qms.audit.line", "audit_id", string="Checklist", copy=True
    )
    strengths = fields.Html()
    improvements = fields.Html(string="Opportunities for Improvement")
    conclusion = fields.Html()
    nonconformity_ids = fields.One2many(
        "sales.qms.nonconformity", "audit_id", string="Nonconformities"
    )
    nonconformity_count = fields.Integer(compute="_compute_nonconformity_count")
    finding_count = fields.Integer(
        string="Nonconformity Findings", compute="_compute_finding_counts"
    )
    observation_count = fields.Integer(
        string="Observations", compute="_compute_finding_counts"
    )
    reminder_sent_on = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the auditors were reminded of the audit: reminded once.",
    )
    can_manage = fields.Boolean(compute="_compute_can_manage")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_nonconformity_count(self):
        counts = dict(
            self.env["sales.qms.nonconformity"]._read_group(
                [("audit_id", "in", self.ids)], ["audit_id"], ["__count"]
            )
        )
        for audit in self:
            audit.nonconformity_count = counts.get(audit._origin, 0)

    @api.depends("line_ids.result")
    def _compute_finding_counts(self):
        for audit in self:
            results = audit.line_ids.mapped("result")
            audit.finding_count = sum(r in ("minor_nc", "major_nc") for r in results)
            audit.observation_count = results.count("observation")

    @api.depends_context("uid")
    @api.depends("lead_auditor_id", "auditor_ids")
    def _compute_can_manage(self):
        user = self.env.user
        is_manager = user.has_group("sales_qms.group_sales_qms_manager")
        for audit in self:
            audit.can_manage = is_manager or user in audit._get_audit_team()

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("planned_date_start", "planned_date_end", "date_start", "date_end")
    def _check_dates(self):
        for audit in self:
            if audit.planned_date_end < audit.planned_date_start:
                raise ValidationError(
                    self.env._(
                        "The planned end of the audit %(audit)s is before its "
                        "planned start.",
                        audit=audit.display_name,
                    )
                )
            if (
                audit.date_start
                and audit.date_end
                and audit.date_end < audit.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The actual end of the audit %(audit)s is before its "
                        "actual start.",
                        audit=audit.display_name,
                    )
                )

    @api.constrains("lead_auditor_id", "auditor_ids", "auditee_team_ids", "auditee_ids")
    def _check_independence(self):
        """ISO 9001 §9.2.2 c): auditors never audit their own work."""
        for audit in self:
            for auditor in audit._get_audit_team():
                if auditor in audit.auditee_ids:
                    raise ValidationError(
                        self.env._(
                            "%(auditor)s cannot audit %(audit)s: they are one of "
                            "its auditees. Auditors never audit their own work.",
                            auditor=auditor.name,
                            audit=audit.display_name,
                        )
                    )
                for team in audit.auditee_team_ids.sudo():
                    if auditor == team.user_id or auditor in team.member_ids:
                        raise ValidationError(
                            self.env._(
                                "%(auditor)s cannot audit %(audit)s: they belong "
                                "to the audited department %(team)s. Auditors "
                                "never audit their own work.",
                                auditor=auditor.name,
                                audit=audit.display_name,
                                team=team.name,
                            )
                        )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(AUDIT_STATE_FIELDS & vals.keys() for vals in vals_list):
            raise AccessError(
                self.env._("An internal audit is created as planned, then carried out.")
            )
        self.env["sales.qms.audit.programme"].browse(
            {vals["programme_id"] for vals in vals_list if vals.get("programme_id")}
        )._check_signoff_unlocked({"audit_ids"})
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "sales.qms.audit"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if AUDIT_STATE_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "The state of an internal audit changes by its steps, never "
                    "by hand."
                )
            )
        if vals.keys() - MAIL_FIELDS:
            self._check_not_closed()
        if "programme_id" in vals:
            # moving an audit in or out changes a signed programme
            programmes = self.programme_id | self.programme_id.browse(
                vals["programme_id"] or []
            )
            programmes._check_signoff_unlocked({"audit_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_carried_out(self):
        if any(audit.state not in ("planned", "cancelled") for audit in self):
            raise UserError(
                self.env._(
                    "An internal audit that was carried out is a quality record: "
                    "cancel it instead of deleting it."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_start(self):
        self._check_can_manage()
        for audit in self:
            audit._check_state(("planned",))
            audit._check_independence()
            vals = {"state": "in_progress"}
            if not audit.date_start:
                vals["date_start"] = fields.Date.context_today(audit)
            audit._write_state(vals)
        return True

    def action_report(self):
        """The audit is done: every question has its result."""
        self._check_can_manage()
        for audit in self:
            audit._check_state(("in_progress",))
            pending = audit.line_ids.filtered(lambda line: not line.result)
            if pending:
                raise UserError(
                    self.env._(
                        "The audit %(audit)s cannot be reported: these questions "
                        "have no result yet:\n%(questions)s",
                        audit=audit.display_name,
                        questions="\n".join(f"- {line.question}" for line in pending),
                    )
                )
            vals = {"state": "reported"}
            if not audit.date_end:
                vals["date_end"] = fields.Date.context_today(audit)
            audit._write_state(vals)
        return True

    def action_close(self):
        """Close the audit: each nonconformity finding has its report, and
        the audit report is approved (批准)."""
        self._check_can_manage()
        for audit in self:
            audit._check_state(("reported",))
            audit._check_findings_raised()
            if audit.signoff_state != "approved":
                raise UserError(
                    self.env._(
                        "The audit %(audit)s cannot be closed before its report is "
                        "approved (编制 → 审核 → 批准).",
                        audit=audit.display_name,
                    )
                )
            audit._write_state({"state": "closed"})
        return True

    def action_cancel(self):
        self._check_can_manage()
        for audit in self:
            audit._check_state(("planned", "in_progress"))
        self._write_state({"state": "cancelled"})
        return True

    def action_reset_planned(self):
        self._check_can_manage()
        for audit in self:
            audit._check_state(("cancelled",))
        self._write_state({"state": "planned"})
        return True

    def action_load_checklist(self):
        """Add the template's questions not yet on the audit: pressing twice
        adds nothing more."""
        self._check_can_manage()
        self._check_not_closed()
        for audit in self:
            if not audit.checklist_id:
                raise UserError(
                    self.env._("Choose the checklist template to load first.")
                )
            known = {
                (line.question, line.clause_id.id, line.process_id.id)
                for line in audit.line_ids
            }
            commands = []
            for template_line in audit.checklist_id.line_ids:
                key = (
                    template_line.question,
                    template_line.clause_id.id,
                    template_line.process_id.id,
                )
                if key in known:
                    continue
                known.add(key)
                commands.append(
                    Command.create(
                        {
                            "sequence": template_line.sequence,
                            "question": template_line.question,
                            "guidance": template_line.guidance,
                            "clause_id": template_line.clause_id.id,
                            "process_id": template_line.process_id.id,
                        }
                    )
                )
            if commands:
                audit.line_ids = commands
        return True

    def action_view_nonconformities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_nonconformity_action"
        )
        action["domain"] = [("audit_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_print_report(self):
        return self.env.ref("sales_qms.action_report_sales_qms_audit").report_action(
            self
        )

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("audit_report", self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_audit_team(self):
        self.ensure_one()
        return self.lead_auditor_id | self.auditor_ids

    def _check_can_manage(self):
        """The steps of an audit belong to its lead auditor and auditors, and
        to the quality representative."""
        self.check_access("write")
        if self.env.su or self.env.user.has_group("sales_qms.group_sales_qms_manager"):
            return
        for audit in self:
            if self.env.user not in audit._get_audit_team():
                raise AccessError(
                    self.env._(
                        "Only the auditors of %(audit)s or the quality "
                        "representative can carry it out.",
                        audit=audit.display_name,
                    )
                )

    def _check_state(self, states):
        self.ensure_one()
        if self.state not in states:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The audit %(audit)s is %(state)s: this step is not possible.",
                    audit=self.display_name,
                    state=labels[self.state],
                )
            )

    def _check_findings_raised(self):
        self.ensure_one()
        missing = self.line_ids.filtered(
            lambda line: (
                line.result in ("minor_nc", "major_nc") and not line.nonconformity_id
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "The audit %(audit)s cannot be closed: these nonconformity "
                    "findings have no nonconformity report yet:\n%(findings)s",
                    audit=self.display_name,
                    findings="\n".join(f"- {line.question}" for line in missing),
                )
            )

    def _check_report_unsigned(self):
        """The findings are the content of the report: they change only
        while the report is being prepared."""
        signed = self.filtered(lambda audit: audit.signoff_state != "draft")
        if signed:
            raise UserError(
                self.env._(
                    "The report of the internal audit %(audit)s is signed or being "
                    "signed: send it back to preparation (or start a new version) "
                    "before changing its findings.",
                    audit=signed[0].display_name,
                )
            )

    @api.model
    def _signoff_exempt_fields(self):
        # the audit's own steps go on after its report is signed (closing)
        return super()._signoff_exempt_fields() | AUDIT_STATE_FIELDS | MAIL_FIELDS

    def _signoff_check_ready(self):
        """The report is prepared once the audit is reported and every
        nonconformity finding has its report (their numbers are printed)."""
        if self.state != "reported":
            raise UserError(
                self.env._(
                    "The report of the internal audit %(audit)s is prepared once "
                    "the audit is reported.",
                    audit=self.display_name,
                )
            )
        self._check_findings_raised()
        return super()._signoff_check_ready()

    def _signoff_report_xmlid(self):
        return "sales_qms.action_report_sales_qms_audit"

    def action_signoff_new_version(self):
        # a closed audit is a frozen record: its approved report stays the last
        self._check_not_closed()
        return super().action_signoff_new_version()

    def _check_not_closed(self):
        closed = self.filtered(lambda audit: audit.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The internal audit %(audit)s is closed: it is a quality record "
                    "and cannot be changed.",
                    audit=closed[0].display_name,
                )
            )

    def _write_state(self, vals):
        """The audit's steps write its state: ``write`` refuses it."""
        return super().write(vals)

    def _xlsx_audit_report(self):
        """The checklist and findings of each audit, one sheet per audit."""
        results = dict(
            self.env["sales.qms.audit.line"]
            ._fields["result"]
            ._description_selection(self.env)
        )
        columns = [
            {"label": self.env._("No."), "width": 6, "type": "integer"},
            {"label": self.env._("Process"), "width": 16},
            {"label": self.env._("ISO Clause"), "width": 22},
            {"label": self.env._("Question"), "width": 48},
            {"label": self.env._("Result"), "width": 14},
            {"label": self.env._("Evidence"), "width": 48},
            {"label": self.env._("Nonconformity"), "width": 16},
        ]
        sheets = []
        for audit in self:
            auditors = (audit.lead_auditor_id | audit.auditor_ids).mapped("name")
            sheets.append(
                {
                    "name": audit.name,
                    "title": self.env._(
                        "Internal Audit %(number)s: %(title)s",
                        number=audit.name,
                        title=audit.title,
                    ),
                    "subtitle": self.env._(
                        "Planned %(start)s – %(end)s · Auditors: %(auditors)s · "
                        "Audited: %(teams)s",
                        start=audit.planned_date_start,
                        end=audit.planned_date_end,
                        auditors=", ".join(auditors),
                        teams=", ".join(audit.auditee_team_ids.mapped("name")),
                    ),
                    "columns": columns,
                    "rows": [
                        (
                            index,
                            line.process_id.name or "",
                            line.clause_id.display_name or "",
                            line.question,
                            results.get(line.result, ""),
                            line.evidence or "",
                            line.nonconformity_id.name or "",
                        )
                        for index, line in enumerate(audit.line_ids, start=1)
                    ],
                    "footer": audit._signoff_xlsx_footer(),
                }
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Internal Audit Report")
        )
        name = self[:1].name if len(self) == 1 else self.env._("Internal Audits")
        return f"{name.replace('/', '-')}.xlsx", content

    @api.model
    def _reminder_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("sales_qms.audit_reminder_days", DEFAULT_REMINDER_DAYS)
        )
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_REMINDER_DAYS

    @api.model
    def _cron_remind_auditors(self):
        """Daily: remind the auditors of the audits starting within the
        configured days, once per audit (the ``reminder_sent_on`` marker), in
        batches."""
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "planned"),
            ("reminder_sent_on", "=", False),
            ("planned_date_start", ">=", today),
            ("planned_date_start", "<=", today + timedelta(days=self._reminder_days())),
        ]
        audits = self.search(domain, limit=CRON_BATCH_SIZE, order="id")
        activity_type = self.env.ref("sales_qms.mail_activity_type_audit_reminder")
        for audit in audits:
            for user in audit._get_audit_team():
                audit.activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=audit.planned_date_start,
                    user_id=user.id,
                    summary=self.env._(
                        "Prepare the internal audit %(audit)s",
                        audit=audit.display_name,
                    ),
                )
        audits._write_state({"reminder_sent_on": fields.Datetime.now()})
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(audits), remaining=remaining)
        return audits
