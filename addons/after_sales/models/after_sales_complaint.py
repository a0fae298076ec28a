"""Customer complaints (客诉): SLA on working hours, 8D handling and the
customer's confirmation of the resolution by a signed, single-use link."""

import hashlib
import secrets
from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.misc import consteq

COMPLAINT_SEVERITIES = [
    ("minor", "Minor"),
    ("major", "Major"),
    ("critical", "Critical"),
]
COMPLAINT_CATEGORIES = [
    ("quality", "Product Quality"),
    ("delivery", "Delivery"),
    ("packaging", "Packaging"),
    ("documents", "Documents"),
    ("service", "Service"),
    ("price", "Price"),
    ("other", "Other"),
]
# Fields only the complaint's own methods write (after checking the caller's
# rights): a client sending them by RPC is refused.
PROTECTED_FIELDS = {
    "first_response_at",
    "resolved_at",
    "closed_at",
    "paused_since",
    "paused_hours",
    "resolution_hours",
    "confirmation_state",
    "confirmation_channel",
    "confirmation_comment",
    "confirmed_at",
    "confirmed_by_name",
    "confirmation_recorded_by_id",
    "confirmation_token_hash",
    "confirmation_token_expiry",
    "rating",
    "close_reason",
    "closed_by_id",
    "nonconformity_id",
}
CONFIRMATION_VALIDITY_DAYS = 14


def _hash_token(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


class AfterSalesComplaint(models.Model):
    _name = "after.sales.complaint"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "received_at desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"

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
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    contact_id = fields.Many2one(
        "res.partner",
        check_company=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
    )
    email = fields.Char(
        compute="_compute_email", store=True, readonly=False, precompute=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("email", "E-mail"),
            ("letter", "Letter"),
            ("portal", "Portal"),
        ],
        required=True,
        default="phone",
    )
    received_at = fields.Datetime(
        required=True,
        index=True,
        default=fields.Datetime.now,
        tracking=True,
    )
    visit_issue_ids = fields.One2many(
        "after.sales.visit.issue",
        "complaint_id",
        string="Raised in Visits",
        readonly=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", index="btree_not_null", check_company=True
    )
    picking_id = fields.Many2one("stock.picking", string="Delivery", check_company=True)
    product_id = fields.Many2one("product.product", check_company=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        check_company=True,
        domain="[('product_id', '=', product_id)]",
    )
    category = fields.Selection(
        COMPLAINT_CATEGORIES, required=True, default="quality", tracking=True
    )
    severity = fields.Selection(
        COMPLAINT_SEVERITIES, required=True, default="minor", tracking=True
    )
    description = fields.Text(required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_claimed = fields.Monetary(tracking=True)
    stage_id = fields.Many2one(
        "after.sales.complaint.stage",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage_id(),
    )
    is_resolved = fields.Boolean(related="stage_id.is_resolved")
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    color = fields.Integer()
    # --- handling
    resolution = fields.Text(tracking=True)
    compensation = fields.Text()
    compensation_amount = fields.Monetary(tracking=True)
    # --- 8D
    d1_team_ids = fields.Many2many("res.users", check_company=True)
    d2_problem = fields.Text(string="D2 Problem Description")
    d3_containment = fields.Text(string="D3 Containment Actions")
    d4_root_cause = fields.Text()
    d5_corrective_actions = fields.Text(string="D5 Corrective Actions Chosen")
    d6_verification = fields.Text(string="D6 Implemented and Verified")
    d7_prevention = fields.Text(string="D7 Prevention of Recurrence")
    d8_closure = fields.Text(string="D8 Closure and Recognition")
    nonconformity_id = fields.Many2one(
        "sales.qms.nonconformity",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    # --- SLA clock
    sla_ids = fields.One2many("after.sales.complaint.sla", "complaint_id", string="SLA")
    sla_status = fields.Selection(
        [
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("breached", "Breached"),
        ],
        string="SLA Status",
        compute="_compute_sla_summary",
        store=True,
        index=True,
    )
    sla_deadline = fields.Datetime(
        string="Next SLA Deadline", compute="_compute_sla_summary", store=True
    )
    first_response_at = fields.Datetime(readonly=True, copy=False)
    resolved_at = fields.Datetime(readonly=True, copy=False)
    closed_at = fields.Datetime(readonly=True, copy=False)
    paused_since = fields.Datetime(readonly=True, copy=False)
    paused_hours = fields.Float(
        string="Paused (Working Hours)", readonly=True, copy=False
    )
    resolution_hours = fields.Float(
        string="Resolution Time (Working Hours)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working hours from receipt to resolution, paused time excluded.",
    )
    is_repeat = fields.Boolean(
        string="Repeat Complaint",
        compute="_compute_is_repeat",
        store=True,
        help="The same customer complained in the same category within the "
        "configured number of days before.",
    )
    # --- customer confirmation (顾客确认)
    confirmation_state = fields.Selection(
        [
            ("none", "Not Requested"),
            ("pending", "Waiting for the Customer"),
            ("confirmed", "Confirmed"),
            ("rejected", "Rejected"),
        ],
        string="Customer Confirmation",
        required=True,
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    confirmation_channel = fields.Selection(
        [("link", "Link in E-mail"), ("phone", "Phone")],
        readonly=True,
        copy=False,
    )
    confirmation_comment = fields.Text(readonly=True, copy=False)
    confirmed_at = fields.Datetime(readonly=True, copy=False)
    confirmed_by_name = fields.Char(string="Confirmed By", readonly=True, copy=False)
    confirmation_recorded_by_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, copy=False
    )
    confirmation_token_hash = fields.Char(
        readonly=True, copy=False, groups="base.group_system"
    )
    confirmation_token_expiry = fields.Datetime(
        readonly=True, copy=False, groups="base.group_system"
    )
    rating = fields.Integer(
        string="Customer Rating",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="The customer's rating of the handling, 1 (poor) to 5 (excellent).",
    )
    close_reason = fields.Text(readonly=True, copy=False, tracking=True)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # ------------------------------------------------------------
    # SQL CONSTRAINTS
    # ------------------------------------------------------------

    _sql_constraints = [
        (
            "rating_range",
            "CHECK(rating IS NULL OR (rating >= 0 AND rating <= 5))",
            "The customer's rating is between 1 and 5.",
        ),
        (
            "amount_claimed_positive",
            "CHECK(amount_claimed IS NULL OR amount_claimed >= 0)",
            "The amount claimed cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _default_stage_id(self):
        return self.env["after.sales.complaint.stage"].search([], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    @api.depends("partner_id", "contact_id")
    def _compute_email(self):
        for complaint in self:
            complaint.email = (
                complaint.contact_id.email or complaint.partner_id.email or False
            )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for complaint in self:
            salesperson = complaint.partner_id.commercial_partner_id.user_id
            if salesperson and not complaint.user_id:
                complaint.user_id = salesperson

    @api.depends("user_id")
    def _compute_team_id(self):
        for complaint in self:
            if complaint.user_id.sale_team_id:
                complaint.team_id = complaint.user_id.sale_team_id

    @api.depends("sla_ids.status", "sla_ids.deadline", "sla_ids.reached_at")
    def _compute_sla_summary(self):
        order = {"on_time": 0, "at_risk": 1, "breached": 2}
        for complaint in self:
            statuses = complaint.sla_ids.mapped("status")
            complaint.sla_status = max(statuses, key=order.get) if statuses else False
            open_deadlines = [
                line.deadline
                for line in complaint.sla_ids
                if not line.reached_at and line.deadline
            ]
            complaint.sla_deadline = min(open_deadlines) if open_deadlines else False

    @api.depends("commercial_partner_id", "category", "received_at")
    def _compute_is_repeat(self):
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("after_sales.repeat_complaint_days", 90)
        )
        dated = self.filtered(lambda c: c.commercial_partner_id and c.received_at)
        (self - dated).is_repeat = False
        if not dated:
            return
        window = timedelta(days=days)
        # one query for the batch: the earlier complaints of the same
        # customers over the whole span, matched in memory
        earlier = self.sudo()._read_group(
            [
                ("company_id", "in", dated.company_id.ids),
                ("commercial_partner_id", "in", dated.commercial_partner_id.ids),
                ("received_at", ">=", min(dated.mapped("received_at")) - window),
                ("received_at", "<", max(dated.mapped("received_at"))),
            ],
            ["company_id", "commercial_partner_id", "category"],
            ["received_at:array_agg"],
        )
        received = {
            (company.id, partner.id, category): dates
            for company, partner, category, dates in earlier
        }
        for complaint in dated:
            key = (
                complaint.company_id.id,
                complaint.commercial_partner_id.id,
                complaint.category,
            )
            start = complaint.received_at - window
            complaint.is_repeat = any(
                start <= date < complaint.received_at for date in received.get(key, ())
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("stage_id", "confirmation_state", "close_reason")
    def _check_closed(self):
        for complaint in self:
            if (
                complaint.stage_id.is_closed
                and complaint.confirmation_state != "confirmed"
                and not complaint.close_reason
            ):
                raise ValidationError(
                    self.env._(
                        "Complaint %(number)s cannot close before the customer "
                        "confirmed the resolution; an after-sales manager may close "
                        "it with a reason.",
                        number=complaint.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_protected(vals)
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("after.sales.complaint") or self.env._("New")
        complaints = super().create(vals_list)
        complaints._sla_apply_stage_times(
            {
                complaint.id: complaint.env["after.sales.complaint.stage"]
                for complaint in complaints
            }
        )
        complaints._sla_sync()
        return complaints

    def write(self, vals):
        if not self.env.su:
            self._check_protected(vals)
        old_stages = {}
        if "stage_id" in vals:
            old_stages = {complaint.id: complaint.stage_id for complaint in self}
        result = super().write(vals)
        if old_stages:
            changed = self.filtered(lambda c: c.stage_id != old_stages[c.id])
            changed._sla_apply_stage_times(old_stages)
        if {
            "stage_id",
            "severity",
            "category",
            "received_at",
            "company_id",
        } & vals.keys():
            self._sla_sync()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_handled(self):
        default_stage = self._default_stage_id()
        if self.filtered(lambda c: c.stage_id != default_stage or c.sla_ids.reached_at):
            raise UserError(
                self.env._(
                    "A complaint being handled is a quality record: it cannot be "
                    "deleted. Close it instead."
                )
            )

    def _check_protected(self, vals):
        protected = PROTECTED_FIELDS & vals.keys()
        if protected:
            raise AccessError(
                self.env._(
                    "These fields of a complaint are written by its buttons only: "
                    "%(fields)s.",
                    fields=", ".join(
                        self._fields[name].get_description(self.env)["string"]
                        for name in sorted(protected)
                    ),
                )
            )

    # ------------------------------------------------------------
    # MAIL
    # ------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to the complaint alias opens a complaint of its sender."""
        values = dict(custom_values or {})
        email_from = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"]
        if msg_dict.get("author_id"):
            partner = partner.browse(msg_dict["author_id"])
        if not partner and email_from:
            partner = partner.find_or_create(email_from)
        values.setdefault("partner_id", partner.commercial_partner_id.id)
        if partner != partner.commercial_partner_id:
            values.setdefault("contact_id", partner.id)
        values.setdefault("channel", "email")
        # mail.thread names the record after the subject: keep the sequence
        values.setdefault("name", self.env._("New"))
        values.setdefault(
            "description",
            html2plaintext(msg_dict.get("body") or "")
            or msg_dict.get("subject")
            or self.env._("Complaint received by e-mail"),
        )
        return super().message_new(msg_dict, custom_values=values)

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        for complaint in self:
            if complaint.partner_id:
                complaint._message_add_suggested_recipient(
                    recipients,
                    partner=complaint.partner_id,
                    reason=self.env._("Customer"),
                )
        return recipients

    # ------------------------------------------------------------
    # ACTION METHODS
    # ------------------------------------------------------------

    def action_open_nonconformity(self):
        """Open a nonconformity (不合格) from the complaint, linked both ways."""
        self.ensure_one()
        self.check_access("write")
        if not self.nonconformity_id:
            nonconformity = (
                self.env["sales.qms.nonconformity"]
                .sudo()
                .create(
                    {
                        "company_id": self.company_id.id,
                        "origin": "complaint",
                        "res_ref": f"{self._name},{self.id}",
                        "severity": "major"
                        if self.severity in ("major", "critical")
                        else "minor",
                        "team_id": self.team_id.id,
                        "description": self.env._(
                            "Customer complaint %(number)s (%(customer)s): "
                            "%(description)s",
                            number=self.name,
                            customer=self.partner_id.display_name,
                            description=self.description,
                        ),
                        "containment": self.d3_containment,
                        "root_cause": self.d4_root_cause,
                    }
                )
            )
            self.sudo().nonconformity_id = nonconformity
            self.message_post(
                body=self.env._(
                    "Nonconformity %(number)s opened from this complaint.",
                    number=nonconformity.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.qms.nonconformity",
            "res_id": self.nonconformity_id.id,
            "view_mode": "form",
        }

    def action_send_confirmation_request(self):
        """Send (again) the customer the signed link to confirm the resolution."""
        self.check_access("write")
        for complaint in self:
            if not complaint.stage_id.is_resolved:
                raise UserError(
                    self.env._(
                        "Complaint %(number)s is not resolved yet: there is nothing "
                        "for the customer to confirm.",
                        number=complaint.name,
                    )
                )
            complaint._send_confirmation_request()
        return True

    def action_print_8d(self):
        self.check_access("read")
        return self.env.ref("after_sales.action_report_complaint_8d").report_action(
            self
        )

    def action_export_xlsx(self):
        self.check_access("read")
        return self.env["sales.qms.xlsx"]._action_download("complaint_ledger", self)

    def action_record_phone_confirmation(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a Confirmation by Phone"),
            "res_model": "after.sales.complaint.confirm",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_manager_close(self):
        self.ensure_one()
        if not self.env.user.has_group("after_sales.group_after_sales_manager"):
            raise AccessError(
                self.env._(
                    "Only an after-sales manager may close a complaint with a reason."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close with a Reason"),
            "res_model": "after.sales.complaint.close",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS: SLA
    # ------------------------------------------------------------

    def _work_hours(self, date_from, date_to):
        """Working hours of the company's calendar between two UTC datetimes,
        its public holidays (calendar leaves without resource) excluded."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        if not calendar or not date_from or not date_to or date_to <= date_from:
            return 0.0
        return calendar.get_work_duration_data(date_from, date_to, compute_leaves=True)[
            "hours"
        ]

    def _plan_work_hours(self, hours, date_from):
        """The UTC datetime ``hours`` working hours after ``date_from``."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        if not calendar:
            return date_from + timedelta(hours=hours)
        return calendar.plan_hours(hours, date_from, compute_leaves=True) or False

    def _paused_hours_at(self, moment):
        """Working hours paused up to ``moment``, the current pause included."""
        self.ensure_one()
        hours = self.paused_hours
        if self.paused_since and moment > self.paused_since:
            hours += self._work_hours(self.paused_since, moment)
        return hours

    def _sla_apply_stage_times(self, old_stages):
        """Record the moments the SLA clock relies on when stages change."""
        now = fields.Datetime.now()
        for complaint in self:
            old = (
                old_stages.get(complaint.id) or self.env["after.sales.complaint.stage"]
            )
            new = complaint.stage_id
            vals = {}
            if old and old.pause_sla and not new.pause_sla and complaint.paused_since:
                vals["paused_hours"] = complaint.paused_hours + complaint._work_hours(
                    complaint.paused_since, now
                )
                vals["paused_since"] = False
            if new.pause_sla and not complaint.paused_since:
                vals["paused_since"] = now
            if old and not complaint.first_response_at:
                vals["first_response_at"] = now
            if new.is_resolved and not complaint.resolved_at:
                vals["resolved_at"] = now
            if not new.is_resolved and not new.is_closed and complaint.resolved_at:
                # reopened: the resolution clock runs again
                vals.update(resolved_at=False, resolution_hours=0.0)
                if complaint.confirmation_state != "rejected":
                    vals["confirmation_state"] = "none"
                vals.update(
                    confirmation_token_hash=False, confirmation_token_expiry=False
                )
            if new.is_closed and not complaint.closed_at:
                vals["closed_at"] = now
            if not new.is_closed and complaint.closed_at:
                vals["closed_at"] = False
            if vals.get("resolved_at"):
                paused = vals.get("paused_hours", complaint.paused_hours)
                vals["resolution_hours"] = max(
                    complaint._work_hours(complaint.received_at, now) - paused, 0.0
                )
            if vals:
                complaint.sudo().write(vals)
            if new.is_resolved and not old.is_resolved:
                complaint._send_confirmation_request()

    def _sla_sync(self):
        """Create the SLA lines of the matching policies and recompute them."""
        policies = (
            self.env["after.sales.sla.policy"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids)])
        )
        Sla = self.env["after.sales.complaint.sla"].sudo()
        new_lines = []
        for complaint in self:
            existing = {(line.policy_id, line.kind) for line in complaint.sla_ids}
            for policy in policies.filtered(lambda p, c=complaint: p._matches(c)):
                for kind in ("response", "resolution"):
                    if (policy, kind) not in existing:
                        new_lines.append(
                            {
                                "complaint_id": complaint.id,
                                "policy_id": policy.id,
                                "kind": kind,
                            }
                        )
        if new_lines:
            Sla.create(new_lines)
        self.sudo().sla_ids._recompute_sla()

    # ------------------------------------------------------------
    # BUSINESS METHODS: CUSTOMER CONFIRMATION
    # ------------------------------------------------------------

    def _generate_confirmation_token(self):
        """A new single-use token; only its hash is stored. Returns the token."""
        self.ensure_one()
        token = secrets.token_urlsafe(32)
        self.sudo().write(
            {
                "confirmation_token_hash": _hash_token(token),
                "confirmation_token_expiry": fields.Datetime.now()
                + timedelta(days=CONFIRMATION_VALIDITY_DAYS),
                "confirmation_state": "pending",
            }
        )
        return token

    def _get_confirmation_url(self, token):
        self.ensure_one()
        return f"{self.get_base_url()}/after_sales/complaint/confirm/{self.id}/{token}"

    def _send_confirmation_request(self):
        """Mail the customer the signed link; the chatter keeps a note without
        the link (staff must not confirm in the customer's place)."""
        self.ensure_one()
        token = self._generate_confirmation_token()
        recipient = self.contact_id or self.partner_id
        if self.email:
            lang = recipient.lang or self.env.lang
            complaint = self.with_context(lang=lang)
            url = self._get_confirmation_url(token)
            body = Markup("<p>%s</p><p>%s</p><p><a href='%s'>%s</a></p><p>%s</p>") % (
                complaint.env._("Dear %(customer)s,", customer=recipient.name),
                complaint.env._(
                    "We have resolved your complaint %(number)s. Please confirm the "
                    "resolution, or tell us what is still wrong, and rate our "
                    "handling.",
                    number=self.name,
                ),
                url,
                complaint.env._("Confirm the resolution"),
                complaint.env._(
                    "The link is valid %(days)s days and can be used once.",
                    days=CONFIRMATION_VALIDITY_DAYS,
                ),
            )
            self.env["mail.mail"].sudo().create(
                {
                    "subject": complaint.env._(
                        "Please confirm the resolution of complaint %(number)s",
                        number=self.name,
                    ),
                    "email_to": self.email,
                    "email_from": self.company_id.email_formatted
                    or self.env.user.email_formatted,
                    "body_html": body,
                    "auto_delete": True,
                    "model": self._name,
                    "res_id": self.id,
                }
            )
            self.message_post(
                body=self.env._(
                    "The customer was asked by e-mail (%(email)s) to confirm the "
                    "resolution.",
                    email=self.email,
                )
            )
        else:
            self.message_post(
                body=self.env._(
                    "The customer has no e-mail address: record their confirmation "
                    "taken by phone."
                )
            )

    def _check_confirmation_token(self, token):
        """Whether ``token`` may confirm this complaint now (constant time)."""
        self.ensure_one()
        complaint = self.sudo()
        if not (
            complaint.confirmation_token_hash
            and complaint.confirmation_state == "pending"
            and complaint.stage_id.is_resolved
        ):
            return False
        if not consteq(complaint.confirmation_token_hash, _hash_token(token)):
            return False
        return complaint.confirmation_token_expiry > fields.Datetime.now()

    def _apply_confirmation(
        self, accepted, rating, comment, channel, who, recorded_by=False
    ):
        """Write the customer's answer (called after the caller was checked:
        a valid token, or the rights of the staff recording a phone call)."""
        self.ensure_one()
        if not 1 <= (rating or 0) <= 5:
            raise ValidationError(
                self.env._("Rate the handling of the complaint from 1 to 5.")
            )
        if not accepted and not (comment or "").strip():
            raise ValidationError(
                self.env._(
                    "Tell us what is still wrong when you reject the resolution."
                )
            )
        complaint = self.sudo()
        now = fields.Datetime.now()
        vals = {
            "confirmation_state": "confirmed" if accepted else "rejected",
            "confirmation_channel": channel,
            "confirmation_comment": comment,
            "confirmed_at": now,
            "confirmed_by_name": who,
            "confirmation_recorded_by_id": recorded_by and recorded_by.id,
            "rating": rating,
            "confirmation_token_hash": False,
            "confirmation_token_expiry": False,
        }
        if accepted:
            vals["stage_id"] = complaint._stage_for("confirmed").id
        else:
            vals["stage_id"] = complaint._stage_for("investigating").id
        complaint.write(vals)
        if accepted:
            body = self.env._(
                "%(who)s confirmed the resolution (rating %(rating)s/5).",
                who=who,
                rating=rating,
            )
        else:
            body = self.env._(
                "%(who)s rejected the resolution (rating %(rating)s/5): %(comment)s",
                who=who,
                rating=rating,
                comment=comment,
            )
        complaint.message_post(body=body)
        if not accepted and complaint.user_id:
            complaint.activity_schedule(
                "after_sales.mail_activity_type_complaint_rejected",
                user_id=complaint.user_id.id,
                note=comment,
            )

    def _stage_for(self, kind):
        """The stage a confirmation moves the complaint to."""
        Stage = self.env["after.sales.complaint.stage"].sudo()
        stage = self.env.ref(
            f"after_sales.complaint_stage_{kind}", raise_if_not_found=False
        )
        if stage:
            return stage
        if kind in ("confirmed", "closed"):
            return Stage.search([("is_closed", "=", True)], limit=1)
        return Stage.search(
            [
                ("is_closed", "=", False),
                ("is_resolved", "=", False),
                ("pause_sla", "=", False),
            ],
            offset=1,
            limit=1,
        ) or Stage.search([], limit=1)

    # ------------------------------------------------------------
    # BUSINESS METHODS: REPORTS
    # ------------------------------------------------------------

    def _local_text(self, moment):
        """``moment`` (naive UTC) in the local time of the complaint's
        company, as the ledger and the SLA messages print it."""
        if not moment:
            return ""
        tz = self.env["sales.qms.indicator"]._get_timezone(self.company_id[:1] or None)
        return pytz.utc.localize(moment).astimezone(tz).strftime("%Y-%m-%d %H:%M")

    def _xlsx_complaint_ledger(self):
        """客诉处理台账: the complaints with their SLA and confirmation status."""
        selection = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in (
                "channel",
                "category",
                "severity",
                "sla_status",
                "confirmation_state",
            )
        }
        columns = [
            {"label": self.env._("Number"), "width": 16},
            {"label": self.env._("Received At"), "width": 17},
            {"label": self.env._("Customer"), "width": 28},
            {"label": self.env._("Channel"), "width": 10},
            {"label": self.env._("Category"), "width": 12},
            {"label": self.env._("Severity"), "width": 10},
            {"label": self.env._("Sales Order"), "width": 14},
            {"label": self.env._("Product"), "width": 22},
            {"label": self.env._("Description"), "width": 40},
            {"label": self.env._("Amount Claimed"), "width": 14, "type": "amount"},
            {"label": self.env._("Salesperson"), "width": 12},
            {"label": self.env._("Stage"), "width": 12},
            {"label": self.env._("First Response"), "width": 17},
            {"label": self.env._("Resolved At"), "width": 17},
            {
                "label": self.env._("Resolution Time (Working Hours)"),
                "width": 14,
                "type": "number",
            },
            {"label": self.env._("SLA Status"), "width": 12},
            {"label": self.env._("Root Cause"), "width": 30},
            {"label": self.env._("Resolution"), "width": 30},
            {"label": self.env._("Compensation"), "width": 14, "type": "amount"},
            {"label": self.env._("Customer Confirmation"), "width": 14},
            {"label": self.env._("Customer Rating"), "width": 10, "type": "integer"},
            {"label": self.env._("Closed At"), "width": 17},
        ]
        rows = (
            [
                complaint.name,
                complaint._local_text(complaint.received_at),
                complaint.partner_id.display_name,
                selection["channel"].get(complaint.channel, ""),
                selection["category"].get(complaint.category, ""),
                selection["severity"].get(complaint.severity, ""),
                complaint.sale_order_id.name or "",
                complaint.product_id.display_name or "",
                complaint.description or "",
                complaint.amount_claimed,
                complaint.user_id.name or "",
                complaint.stage_id.name,
                complaint._local_text(complaint.first_response_at),
                complaint._local_text(complaint.resolved_at),
                complaint.resolution_hours if complaint.resolved_at else "",
                selection["sla_status"].get(complaint.sla_status, ""),
                complaint.d4_root_cause or "",
                complaint.resolution or "",
                complaint.compensation_amount,
                selection["confirmation_state"].get(complaint.confirmation_state, ""),
                complaint.rating or "",
                complaint._local_text(complaint.closed_at),
            ]
            for complaint in self.sorted(lambda c: (c.received_at, c.id))
        )
        title = self.env._("Complaint Handling Ledger")
        content = self.env["sales.qms.xlsx"]._render_table(
            [{"name": title, "title": title, "columns": columns, "rows": rows}],
            title=title,
        )
        return self.env._("Complaint Handling Ledger.xlsx"), content
