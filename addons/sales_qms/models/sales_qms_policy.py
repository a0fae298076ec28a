from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

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

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

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
