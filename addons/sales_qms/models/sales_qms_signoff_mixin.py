import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Written only by the sign-off steps (``_write_signoff``).
SIGNOFF_FIELDS = {
    "signoff_state",
    "signoff_version",
    "signoff_prepared_by_id",
    "signoff_prepared_on",
    "signoff_reviewed_by_id",
    "signoff_reviewed_on",
    "signoff_approved_by_id",
    "signoff_approved_on",
}


class SalesQmsSignoffMixin(models.AbstractModel):
    """The 编制 / 审核 / 批准 sign-off of a controlled record.

    A controlled record (audit programme, audit report, management review,
    business plan, quality policy) is prepared (编制), then reviewed (审核),
    then approved (批准), in that order, each step by a user on a date.
    Who may review and approve is configured per record type and company
    (``sales.qms.signoff.rule``); without a rule, quality representatives
    do. By default the three signatures are three different people.

    While it is being signed the record is locked: returning it to
    preparation unlocks it. Once approved it never changes in place: a
    change needs a new version (``action_signoff_new_version``), whose
    sign-off starts over; the approved content of every version stays in
    the chatter as the snapshot taken at approval (``_signoff_report_xmlid``).

    Models inheriting the mixin:

    * need ``company_id`` and ``mail.thread``;
    * may extend ``_signoff_exempt_fields`` with fields their own workflow
      writes after approval (a state, a link to a later record);
    * may give ``_signoff_report_xmlid`` (its QWeb report) so the approved
      version is kept as printed, and call ``sales_qms.signoff_block`` in it;
    * put ``_signoff_xlsx_footer()`` under their XLSX tables.
    """

    _name = "sales.qms.signoff.mixin"
    _description = "Sign-off of a Controlled Record (编制/审核/批准)"

    signoff_state = fields.Selection(
        [
            ("draft", "Being Prepared"),
            ("prepared", "Prepared, To Review"),
            ("reviewed", "Reviewed, To Approve"),
            ("approved", "Approved"),
        ],
        string="Sign-off",
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    signoff_version = fields.Integer(
        string="Revision", default=1, readonly=True, copy=False, tracking=True
    )
    signoff_prepared_by_id = fields.Many2one(
        "res.users", string="Prepared by", readonly=True, copy=False
    )
    signoff_prepared_on = fields.Datetime(
        string="Prepared on", readonly=True, copy=False
    )
    signoff_reviewed_by_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, copy=False
    )
    signoff_reviewed_on = fields.Datetime(
        string="Reviewed on", readonly=True, copy=False
    )
    signoff_approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False
    )
    signoff_approved_on = fields.Datetime(
        string="Approved on", readonly=True, copy=False
    )
    signoff_can_review = fields.Boolean(compute="_compute_signoff_can_sign")
    signoff_can_approve = fields.Boolean(compute="_compute_signoff_can_sign")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("uid")
    @api.depends("signoff_state", "company_id")
    def _compute_signoff_can_sign(self):
        for record in self:
            record.signoff_can_review = record.signoff_state == "prepared" and (
                record._signoff_may_sign("review", self.env.user)
            )
            record.signoff_can_approve = record.signoff_state == "reviewed" and (
                record._signoff_may_sign("approve", self.env.user)
            )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # a controlled record is born being prepared, whoever creates it
        if any(SIGNOFF_FIELDS & vals.keys() for vals in vals_list):
            raise AccessError(
                self.env._(
                    "A controlled record is created being prepared; its sign-off is "
                    "recorded by preparing, reviewing and approving it."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if SIGNOFF_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "The sign-off of a controlled record is recorded by its own "
                    "buttons, never written by hand."
                )
            )
        self._check_signoff_unlocked(vals.keys())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        signed = self.filtered(lambda record: record.signoff_state != "draft")
        if signed:
            raise UserError(
                self.env._(
                    "%(records)s is prepared, reviewed or approved: a signed "
                    "controlled record cannot be deleted.",
                    records=", ".join(signed.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_signoff_prepare(self):
        """编制: the author hands the record over for review."""
        self.check_access("write")
        for record in self:
            record._check_signoff_state("draft")
            record._signoff_check_ready()
        self._write_signoff(
            {
                "signoff_state": "prepared",
                "signoff_prepared_by_id": self.env.uid,
                "signoff_prepared_on": fields.Datetime.now(),
            }
        )
        return True

    def action_signoff_review(self):
        """审核: a configured reviewer, not the author, checks the record."""
        for record in self:
            record._check_signer("review")
            record._check_signoff_state("prepared")
        self.sudo()._write_signoff(
            {
                "signoff_state": "reviewed",
                "signoff_reviewed_by_id": self.env.uid,
                "signoff_reviewed_on": fields.Datetime.now(),
            }
        )
        return True

    def action_signoff_approve(self):
        """批准: a configured approver puts the reviewed record in force."""
        for record in self:
            record._check_signer("approve")
            record._check_signoff_state("reviewed")
        self.sudo()._write_signoff(
            {
                "signoff_state": "approved",
                "signoff_approved_by_id": self.env.uid,
                "signoff_approved_on": fields.Datetime.now(),
            }
        )
        for record in self:
            record.sudo()._signoff_keep_snapshot()
        self._signoff_on_approved()
        return True

    def action_signoff_return(self):
        """Send a record being signed back to its author (审核/批准 refused):
        the steps already signed are cleared."""
        for record in self:
            if record.signoff_state not in ("prepared", "reviewed"):
                raise UserError(
                    self.env._(
                        "Only a record waiting for review or approval can be sent "
                        "back to preparation."
                    )
                )
            # the author withdraws it, or its next signer refuses it
            step = "review" if record.signoff_state == "prepared" else "approve"
            if record.signoff_prepared_by_id != self.env.user:
                record._check_signer(step)
        self.sudo()._write_signoff(
            {
                "signoff_state": "draft",
                "signoff_prepared_by_id": False,
                "signoff_prepared_on": False,
                "signoff_reviewed_by_id": False,
                "signoff_reviewed_on": False,
            }
        )
        for record in self:
            record.message_post(
                body=self.env._(
                    "Sent back to preparation by %(user)s.", user=self.env.user.name
                )
            )
        return True

    def action_signoff_new_version(self):
        """Start the next revision of an approved record: it can be changed
        again and its sign-off starts over; the approved one is kept in the
        chatter as it was printed."""
        self.check_access("write")
        for record in self:
            record._check_signoff_state("approved")
            # whoever may approve the next version may open it
            if not record._signoff_may_sign("approve", self.env.user):
                raise AccessError(
                    self.env._(
                        "Only an approver of %(record)s may start its new version.",
                        record=record.display_name,
                    )
                )
            record.sudo()._write_signoff(
                {
                    "signoff_state": "draft",
                    "signoff_version": record.signoff_version + 1,
                    "signoff_prepared_by_id": False,
                    "signoff_prepared_on": False,
                    "signoff_reviewed_by_id": False,
                    "signoff_reviewed_on": False,
                    "signoff_approved_by_id": False,
                    "signoff_approved_on": False,
                }
            )
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _write_signoff(self, vals):
        """The sign-off steps' own way to write their fields (``write``
        refuses them to everybody)."""
        return super().write(vals)

    @api.model
    def _signoff_exempt_fields(self):
        """Fields that may change while the record is signed: mail and
        activity bookkeeping; models add what their own workflow writes."""
        return {
            name
            for name in self._fields
            if name.startswith(("message_", "activity_", "website_message"))
        } | {"display_name", "write_date", "write_uid", "__last_update"}

    def _check_signoff_unlocked(self, field_names):
        locked = set(field_names) - self._signoff_exempt_fields()
        if not locked:
            return
        for record in self:
            if record.signoff_state == "approved":
                raise UserError(
                    self.env._(
                        "%(record)s is approved: a change needs a new version "
                        "(button “New Version”).",
                        record=record.display_name,
                    )
                )
            if record.signoff_state != "draft":
                raise UserError(
                    self.env._(
                        "%(record)s is being signed off: send it back to "
                        "preparation before changing it.",
                        record=record.display_name,
                    )
                )

    def _check_signoff_state(self, expected):
        self.ensure_one()
        if self.signoff_state == expected:
            return
        messages = {
            "draft": self.env._(
                "%(record)s is already prepared: it cannot be prepared again."
            ),
            "prepared": self.env._(
                "%(record)s must be prepared (编制) before it is reviewed."
            ),
            "reviewed": self.env._(
                "%(record)s must be reviewed (审核) before it is approved."
            ),
            "approved": self.env._(
                "%(record)s is not approved: only an approved record gets a new "
                "version."
            ),
        }
        raise UserError(messages[expected] % {"record": self.display_name})

    def _check_signer(self, step):
        """The current user may sign ``step`` of this record: configured as a
        signer, able to read it, and not already a signer of this version
        when the rule wants different people."""
        self.ensure_one()
        self.check_access("read")
        Rule = self.env["sales.qms.signoff.rule"]
        rule = Rule._get_rule(self._name, self.company_id)
        user = self.env.user
        if not self._signoff_may_sign(step, user):
            raise AccessError(
                self.env._(
                    "You are not allowed to %(step)s %(record)s: see the sign-off "
                    "rules of the quality configuration.",
                    step=self.env._("review")
                    if step == "review"
                    else self.env._("approve"),
                    record=self.display_name,
                )
            )
        distinct = rule.distinct_signers if rule else True
        earlier = self.signoff_prepared_by_id | (
            self.signoff_reviewed_by_id if step == "approve" else self.env["res.users"]
        )
        if distinct and user in earlier:
            raise UserError(
                self.env._(
                    "%(record)s needs different people to prepare, review and "
                    "approve it: you have already signed it.",
                    record=self.display_name,
                )
            )

    def _signoff_may_sign(self, step, user):
        """``user`` may sign ``step`` ("review" or "approve") of this record:
        the sign-off rule of its type and company; models may narrow it."""
        self.ensure_one()
        Rule = self.env["sales.qms.signoff.rule"]
        rule = Rule._get_rule(self._name, self.company_id)
        return Rule._is_signer(rule, step, user)

    def _signoff_check_ready(self):
        """Hook: refuse to prepare a record that is not complete."""
        return True

    def _signoff_on_approved(self):
        """Hook: what the approval puts in force."""
        return True

    def _signoff_report_xmlid(self):
        """The QWeb report printing this record, kept at each approval."""
        return False

    def _signoff_keep_snapshot(self):
        """Keep the approved version as printed, attached to the chatter: the
        evidence stays even after a new version changes the record."""
        self.ensure_one()
        report_xmlid = self._signoff_report_xmlid()
        if not report_xmlid:
            return
        # HTML, not PDF: it renders without wkhtmltopdf and keeps the text
        html, _report_type = self.env["ir.actions.report"]._render_qweb_html(
            report_xmlid, self.ids
        )
        name = self.env._(
            "%(record)s - revision %(revision)s - approved.html",
            record=self.display_name,
            revision=self.signoff_version,
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": name.replace("/", "-"),
                "raw": html,
                "mimetype": "text/html",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.message_post(
            body=self.env._(
                "Revision %(revision)s approved by %(user)s: the approved version is "
                "attached.",
                revision=self.signoff_version,
                user=self.signoff_approved_by_id.name,
            ),
            attachment_ids=attachment.ids,
        )

    def _signoff_lines(self):
        """The three signatures, in order, for the reports:
        ``[(label, user name, date)]``."""
        self.ensure_one()
        # dated in the company's calendar, like its months and effective dates
        tz = self.env["sales.qms.indicator"]._get_timezone(self.company_id)
        return [
            (
                label,
                user.name or "",
                fields.Date.to_string(pytz.utc.localize(date).astimezone(tz).date())
                if date
                else "",
            )
            for label, user, date in (
                (
                    self.env._("Prepared by (编制)"),
                    self.signoff_prepared_by_id,
                    self.signoff_prepared_on,
                ),
                (
                    self.env._("Reviewed by (审核)"),
                    self.signoff_reviewed_by_id,
                    self.signoff_reviewed_on,
                ),
                (
                    self.env._("Approved by (批准)"),
                    self.signoff_approved_by_id,
                    self.signoff_approved_on,
                ),
            )
        ]

    def _signoff_xlsx_footer(self):
        """Rows to put under an XLSX table (``footer`` of a sheet)."""
        self.ensure_one()
        return [[label, name, date] for label, name, date in self._signoff_lines()] + [
            [self.env._("Revision"), str(self.signoff_version), ""]
        ]
