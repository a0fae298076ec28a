from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

# Days an employee has to acknowledge a new version before one reminder.
ACKNOWLEDGEMENT_REMINDER_DAYS = 7
# Acknowledgements reminded per batch of the scheduled action.
ACKNOWLEDGEMENT_REMINDER_BATCH = 500

# Written only by the approval: who put which version in force, and when.
APPROVAL_FIELDS = {
    "state",
    "approved_by_id",
    "approved_on",
    "superseded_by_id",
    "superseded_on",
}


class SalesQmsPolicy(models.Model):
    """Quality policy (质量方针): a versioned document per company.

    Exactly one version is in force (state ``approved``) per company at any
    time. Approving a draft puts it in force on its effective date: at once
    when the date has come, else it waits as ``scheduled`` and a daily
    scheduled action puts it in force, superseding the one it replaces.

    An approved, scheduled or superseded version never changes: the approval
    fields are written only by the approval (``_write_approval``).

    Approval is the last step of the 编制/审核/批准 sign-off
    (``sales.qms.signoff.mixin``): a draft is prepared, reviewed, then
    approved; its next version is a new draft record (``action_new_version``).
    """

    _name = "sales.qms.policy"
    _description = "Quality Policy"
    # the sign-off first: its write guard runs before the tracking of mail.thread
    _inherit = ["sales.qms.signoff.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "company_id, effective_date desc, id desc"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        default=lambda self: self.env._("Quality Policy"),
    )
    version = fields.Char(required=True, tracking=True, default="1.0")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    content = fields.Html(
        string="Policy Statement",
        required=True,
        sanitize_style=True,
        help="The policy statement as it is communicated to staff and customers.",
    )
    effective_date = fields.Date(
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("scheduled", "Approved, Not Yet in Force"),
            ("approved", "In Force"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_on = fields.Datetime(readonly=True, copy=False)
    superseded_by_id = fields.Many2one("sales.qms.policy", readonly=True, copy=False)
    superseded_on = fields.Datetime(readonly=True, copy=False)
    audience_group_ids = fields.Many2many(
        "res.groups",
        string="Audience",
        help="Who must acknowledge this version once it is in force: the "
        "internal users of these groups; empty, every internal user of the "
        "company (ISO 9001 §5.2.2).",
    )
    acknowledgement_ids = fields.One2many(
        "sales.qms.policy.acknowledgement", "policy_id", string="Acknowledgements"
    )
    acknowledgement_count = fields.Integer(
        string="Asked", compute="_compute_acknowledgement_stats"
    )
    acknowledged_count = fields.Integer(
        string="Read", compute="_compute_acknowledgement_stats"
    )
    acknowledgement_pending = fields.Boolean(
        string="Waiting for My Acknowledgement",
        compute="_compute_acknowledgement_pending",
    )

    _sql_constraints = [
        (
            "version_company_uniq",
            "UNIQUE(version, company_id)",
            "A quality policy version must be unique per company.",
        ),
        # an exclusion constraint, not a Python check: two approvals running
        # at the same time cannot both pass
        (
            "one_approved_per_company",
            "EXCLUDE (company_id WITH =) WHERE (state = 'approved')",
            "Only one quality policy can be in force per company. Approve the "
            "new version from its form: the current one is then superseded "
            "automatically.",
        ),
        (
            "one_scheduled_per_company",
            "EXCLUDE (company_id WITH =) WHERE (state = 'scheduled')",
            "A version of the quality policy is already approved and waiting for "
            "its effective date in this company.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("name", "version")
    def _compute_display_name(self):
        for policy in self:
            policy.display_name = f"{policy.name} v{policy.version}"

    def _compute_acknowledgement_stats(self):
        # counts over everybody's acknowledgements, whoever looks: the
        # figures are the policy's, not personal data
        groups = (
            self.env["sales.qms.policy.acknowledgement"]
            .sudo()
            ._read_group(
                [("policy_id", "in", self.ids), ("state", "!=", "superseded")],
                ["policy_id", "state"],
                ["__count"],
            )
        )
        counts = {(policy.id, state): count for policy, state, count in groups}
        for policy in self:
            read = counts.get((policy.id, "done"), 0)
            policy.acknowledged_count = read
            policy.acknowledgement_count = read + counts.get((policy.id, "pending"), 0)

    @api.depends_context("uid")
    def _compute_acknowledgement_pending(self):
        pending = (
            self.env["sales.qms.policy.acknowledgement"]
            .sudo()
            .search(
                [
                    ("policy_id", "in", self.ids),
                    ("user_id", "=", self.env.uid),
                    ("state", "=", "pending"),
                ]
            )
            .policy_id
        )
        for policy in self:
            policy.acknowledgement_pending = policy in pending

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("name", "version", "content")
    def _check_text(self):
        for policy in self:
            if not (policy.name or "").strip() or not (policy.version or "").strip():
                raise ValidationError(
                    self.env._("Give the quality policy a title and a version.")
                )
            if is_html_empty(policy.content):
                raise ValidationError(
                    self.env._(
                        "The quality policy %(policy)s has no statement.",
                        policy=policy.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # a policy is born a draft, whoever creates it: approval is a step
        if any(
            vals.get("state", "draft") != "draft"
            or any(vals.get(name) for name in APPROVAL_FIELDS - {"state"})
            for vals in vals_list
        ):
            raise AccessError(
                self.env._("A quality policy is created as a draft, then approved.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if APPROVAL_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "The approval of a quality policy is recorded by approving it, "
                    "never written by hand."
                )
            )
        # The approved text is the audited evidence: it never changes in place.
        frozen_fields = {"content", "version", "effective_date", "company_id", "name"}
        if frozen_fields & vals.keys() and any(p.state != "draft" for p in self):
            raise UserError(
                self.env._(
                    "An approved or superseded quality policy cannot be modified. "
                    "Create a new version instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(policy.state != "draft" for policy in self):
            raise UserError(
                self.env._(
                    "Approved and superseded quality policies are quality records "
                    "and cannot be deleted."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        """批准: approve reviewed drafts, in force on their effective date, at
        once when it has come (superseding the version they replace)."""
        if len(self.company_id) != len(self):
            raise UserError(
                self.env._("Approve one quality policy per company at a time.")
            )
        for policy in self:
            if policy.state != "draft":
                raise UserError(
                    self.env._(
                        "The quality policy %(policy)s is not a draft: only a draft "
                        "version can be approved.",
                        policy=policy.display_name,
                    )
                )
        return self.action_signoff_approve()

    def action_new_version(self):
        """Open a draft copy of this policy to prepare the next version."""
        self.ensure_one()
        new_policy = self.copy({"version": self._next_version(), "state": "draft"})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_policy.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_signoff_new_version(self):
        # a policy's versions are records of their own, each signed off
        return self.action_new_version()

    def action_acknowledge(self):
        """“I have read it”: the current user acknowledges the versions in
        force they were asked to read; only their own acknowledgement."""
        self.check_access("read")
        acknowledgements = (
            self.env["sales.qms.policy.acknowledgement"]
            .sudo()
            .search(
                [
                    ("policy_id", "in", self.ids),
                    ("user_id", "=", self.env.uid),
                    ("state", "=", "pending"),
                ]
            )
        )
        if not acknowledgements:
            raise UserError(
                self.env._(
                    "You have nothing to acknowledge on %(policies)s: you were not "
                    "asked, or you have already read it.",
                    policies=", ".join(self.mapped("display_name")),
                )
            )
        acknowledgements.write(
            {"state": "done", "acknowledged_on": fields.Datetime.now()}
        )
        acknowledgements.policy_id._acknowledgement_activities(
            self.env.user
        ).action_feedback(feedback=self.env._("Read and understood."))
        return True

    def action_view_acknowledgements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_policy_acknowledgement_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {"search_default_filter_pending": 1}
        return action

    def action_export_acknowledgements(self):
        return self.env["sales.qms.xlsx"]._action_download(
            "policy_acknowledgement", self
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _signoff_may_sign(self, step, user):
        # ISO 9001 §5.2: top management establishes the policy; the sign-off
        # rule of the company may narrow who of top management approves
        if step != "approve":
            return super()._signoff_may_sign(step, user)
        rule = self.env["sales.qms.signoff.rule"]._get_rule(self._name, self.company_id)
        return self._is_top_manager(user) and (
            not rule or super()._signoff_may_sign(step, user)
        )

    def _check_signer(self, step):
        if step == "approve" and not self._is_top_manager(self.env.user):
            raise AccessError(
                self.env._(
                    "The quality policy is established by top management (ISO 9001 "
                    "§5.2): only top management or the company's designated top "
                    "manager approves (批准) %(policy)s. The quality representative "
                    "drafts it.",
                    policy=self.display_name,
                )
            )
        return super()._check_signer(step)

    def _is_top_manager(self, user):
        self.ensure_one()
        return (
            user.has_group("sales_qms.group_sales_qms_top_management")
            or user == self.company_id.qms_top_manager_id
        )

    @api.model
    def _signoff_exempt_fields(self):
        # the approval's own fields change when the version comes into force
        # or is superseded, long after its sign-off
        return super()._signoff_exempt_fields() | APPROVAL_FIELDS

    def _signoff_report_xmlid(self):
        return "sales_qms.action_report_sales_qms_policy"

    def _signoff_on_approved(self):
        """The approval puts the version in force on its effective date."""
        now = fields.Datetime.now()
        for policy in self.sudo():
            policy._write_approval(
                {
                    "state": "scheduled",
                    "approved_by_id": policy.signoff_approved_by_id.id,
                    "approved_on": now,
                }
            )
            if policy.effective_date <= policy._today():
                policy._put_in_force()
            else:
                policy.message_post(
                    body=self.env._(
                        "Approved; in force from %(date)s.",
                        date=policy.effective_date,
                    )
                )
        return super()._signoff_on_approved()

    def _put_in_force(self):
        """The approved version takes effect: the one in force is superseded."""
        now = fields.Datetime.now()
        for policy in self:
            current = self.search(
                [("company_id", "=", policy.company_id.id), ("state", "=", "approved")]
            )
            current._write_approval(
                {
                    "state": "superseded",
                    "superseded_by_id": policy.id,
                    "superseded_on": now,
                }
            )
            # out of force before the new version is in: the exclusion constraint
            current.flush_recordset(["state"])
            policy._write_approval({"state": "approved"})
            for old in current:
                old.message_post(
                    body=self.env._(
                        "Superseded by version %(version)s.", version=policy.version
                    )
                )
            current._close_acknowledgements()
            policy._request_acknowledgements()

    def _audience_users(self):
        """The internal users who must read this version."""
        self.ensure_one()
        domain = [
            ("share", "=", False),
            ("company_ids", "in", self.company_id.id),
        ]
        if self.audience_group_ids:
            domain.append(("groups_id", "in", self.audience_group_ids.ids))
        return self.env["res.users"].sudo().search(domain)

    def _request_acknowledgements(self):
        """Ask the audience of the version now in force to acknowledge it:
        one acknowledgement and one to-do each, never twice."""
        Acknowledgement = self.env["sales.qms.policy.acknowledgement"].sudo()
        activity_type = self.env.ref(
            "sales_qms.mail_activity_type_policy_acknowledgement",
            raise_if_not_found=False,
        )
        now = fields.Datetime.now()
        for policy in self:
            users = (
                policy._audience_users()
                - Acknowledgement.search([("policy_id", "=", policy.id)]).user_id
            )
            if not users:
                continue
            Acknowledgement.create(
                [
                    {"policy_id": policy.id, "user_id": user.id, "requested_on": now}
                    for user in users
                ]
            )
            if activity_type:
                deadline = policy._today() + timedelta(
                    days=ACKNOWLEDGEMENT_REMINDER_DAYS
                )
                # quick update: the to-do is enough, no mail per person
                self.env["mail.activity"].sudo().with_context(
                    mail_activity_quick_update=True
                ).create(
                    [
                        {
                            "res_model_id": self.env["ir.model"]._get_id(policy._name),
                            "res_id": policy.id,
                            "activity_type_id": activity_type.id,
                            "summary": activity_type.summary,
                            "user_id": user.id,
                            "date_deadline": deadline,
                        }
                        for user in users
                    ]
                )

    def _close_acknowledgements(self):
        """A superseded version needs no more reading: its pending
        acknowledgements and their to-dos are closed."""
        pending = (
            self.env["sales.qms.policy.acknowledgement"]
            .sudo()
            .search([("policy_id", "in", self.ids), ("state", "=", "pending")])
        )
        pending.write({"state": "superseded"})
        self._acknowledgement_activities().unlink()

    def _acknowledgement_activities(self, user=None):
        """The to-dos asking to acknowledge these versions (of ``user``)."""
        activity_type = self.env.ref(
            "sales_qms.mail_activity_type_policy_acknowledgement",
            raise_if_not_found=False,
        )
        if not activity_type or not self:
            return self.env["mail.activity"]
        domain = [
            ("res_model", "=", self._name),
            ("res_id", "in", self.ids),
            ("activity_type_id", "=", activity_type.id),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].sudo().search(domain)

    def _xlsx_policy_acknowledgement(self):
        """质量方针传达确认表: one sheet per version, who was asked, who has
        read it and when. Read under the user's rules: an employee sees
        their own line only."""

        def when(value):
            if not value:
                return ""
            return fields.Datetime.context_timestamp(self, value).strftime(
                "%Y-%m-%d %H:%M"
            )

        states = dict(
            self.env["sales.qms.policy.acknowledgement"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        # searched, not read through the one2many: the reader's record rules
        # decide whose lines they get
        all_acknowledgements = self.env["sales.qms.policy.acknowledgement"].search(
            [("policy_id", "in", self.ids)]
        )
        sheets = []
        for policy in self:
            acknowledgements = all_acknowledgements.filtered(
                lambda a, p=policy: a.policy_id == p
            ).sorted(lambda a: (a.state != "pending", a.user_id.name or ""))
            sheets.append(
                {
                    "name": policy.display_name,
                    "title": self.env._(
                        "Quality Policy Acknowledgements: %(policy)s",
                        policy=policy.display_name,
                    ),
                    "subtitle": self.env._(
                        "%(company)s · in force from %(date)s · read by %(read)s of "
                        "%(asked)s",
                        company=policy.company_id.name,
                        date=policy.effective_date,
                        read=policy.acknowledged_count,
                        asked=policy.acknowledgement_count,
                    ),
                    "columns": [
                        {"label": self.env._("No."), "width": 6, "type": "integer"},
                        {"label": self.env._("Employee"), "width": 20},
                        {"label": self.env._("Login"), "width": 20},
                        {"label": self.env._("Status"), "width": 14},
                        {"label": self.env._("Asked On"), "width": 18},
                        {"label": self.env._("Read On"), "width": 18},
                        {"label": self.env._("Reminded On"), "width": 18},
                    ],
                    "rows": [
                        [
                            index,
                            acknowledgement.user_id.name,
                            acknowledgement.user_id.login,
                            states[acknowledgement.state],
                            when(acknowledgement.requested_on),
                            when(acknowledgement.acknowledged_on),
                            when(acknowledgement.reminded_on),
                        ]
                        for index, acknowledgement in enumerate(acknowledgements, 1)
                    ],
                }
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Quality Policy Acknowledgements")
        )
        return self.env._("Quality Policy Acknowledgements.xlsx"), content

    @api.model
    def _cron_remind_acknowledgements(self):
        """Daily: one reminder to whoever has not read the version in force
        within ACKNOWLEDGEMENT_REMINDER_DAYS days; never a second one."""
        Acknowledgement = self.env["sales.qms.policy.acknowledgement"].sudo()
        domain = [
            ("state", "=", "pending"),
            ("reminded_on", "=", False),
            ("policy_id.state", "=", "approved"),
            (
                "requested_on",
                "<=",
                fields.Datetime.now() - timedelta(days=ACKNOWLEDGEMENT_REMINDER_DAYS),
            ),
        ]
        remaining = Acknowledgement.search_count(domain)
        done = 0
        while True:
            batch = Acknowledgement.search(domain, limit=ACKNOWLEDGEMENT_REMINDER_BATCH)
            if not batch:
                break
            for policy in batch.policy_id:
                users = batch.filtered(lambda a, p=policy: a.policy_id == p).user_id
                policy.sudo().message_notify(
                    partner_ids=users.partner_id.ids,
                    subject=self.env._(
                        "Reminder: please read the quality policy %(policy)s",
                        policy=policy.display_name,
                    ),
                    body=self.env._(
                        "The quality policy %(policy)s is in force. Please read it "
                        "and confirm with the button “I Have Read It”.",
                        policy=policy.display_name,
                    ),
                )
            batch.write({"reminded_on": fields.Datetime.now()})
            done += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=max(remaining - done, 0)
            )

    def _write_approval(self, vals):
        """Write the fields of the approval: private, the approval's own path
        (``write`` refuses them to everybody)."""
        return super().write(vals)

    def _today(self):
        """Today in the company's calendar, the one effective dates are in."""
        self.ensure_one()
        return self.env["sales.qms.objective"]._today(self.company_id)

    @api.model
    def _cron_put_in_force(self):
        """Daily: the approved versions whose effective date has come take
        effect."""
        for policy in self.search([("state", "=", "scheduled")]):
            if policy.effective_date <= policy._today():
                policy._put_in_force()

    def _next_version(self):
        self.ensure_one()
        versions = set(
            self.search([("company_id", "=", self.company_id.id)]).mapped("version")
        )
        major = self.version.split(".")[0]
        number = int(major) + 1 if major.isdigit() else len(versions) + 1
        while f"{number}.0" in versions:
            number += 1
        return f"{number}.0"
