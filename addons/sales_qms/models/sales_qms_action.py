from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Written by the action's steps only (``_write_state``), never by ``write``.
ACTION_STATE_FIELDS = {
    "state",
    "done_date",
    "verified_by_id",
    "verified_on",
    "verification_result",
    "verification_note",
    "due_reminder_on",
    "overdue_reminder_on",
}
MAIL_FIELDS = {"message_main_attachment_id", "message_follower_ids", "activity_ids"}
DEFAULT_REMINDER_DAYS = 3
CRON_BATCH_SIZE = 200
REMINDER_TYPES = (
    "sales_qms.mail_activity_type_action_due",
    "sales_qms.mail_activity_type_action_overdue",
)


class SalesQmsAction(models.Model):
    """A corrective, preventive, immediate or improvement action (CAPA).

    Mostly the treatment of a nonconformity, but also a decision of the
    management review: the nonconformity is optional. Its responsible records
    it done; the quality representative, never the responsible, verifies its
    effectiveness. An action found not effective sends its nonconformity back
    to treatment.
    """

    _name = "sales.qms.action"
    _description = "Corrective / Preventive Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"
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
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    nonconformity_id = fields.Many2one(
        "sales.qms.nonconformity",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    # a decision of a management review (管理评审输出) followed up as an action
    management_review_id = fields.Many2one(
        "sales.qms.management.review",
        readonly=True,
        index="btree_not_null",
        check_company=True,
    )
    decision_id = fields.Many2one(
        "sales.qms.management.review.decision",
        readonly=True,
        index="btree_not_null",
    )
    action_type = fields.Selection(
        [
            ("immediate", "Immediate Action"),
            ("corrective", "Corrective Action"),
            ("preventive", "Preventive Action"),
            ("improvement", "Improvement Action"),
        ],
        string="Type",
        required=True,
        default="corrective",
        tracking=True,
    )
    description = fields.Text(required=True)
    responsible_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    deadline = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("done", "Done"),
            ("verified", "Verified"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="open",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    done_date = fields.Date(readonly=True, copy=False, tracking=True)
    done_note = fields.Text(string="What Was Done")
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    verified_on = fields.Date(readonly=True, copy=False)
    verification_result = fields.Selection(
        [("effective", "Effective"), ("ineffective", "Not Effective")],
        string="Effectiveness",
        readonly=True,
        copy=False,
        tracking=True,
    )
    verification_note = fields.Text(readonly=True, copy=False)
    due_reminder_on = fields.Datetime(readonly=True, copy=False)
    overdue_reminder_on = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = (
                action.state == "open" and action.deadline and action.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue actions."))
        domain = [
            ("state", "=", "open"),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("deadline")
    def _check_deadline(self):
        for action in self:
            # a decision's action is due from the day it was decided
            created = action.decision_id.review_date or fields.Date.context_today(
                action, action.create_date or fields.Datetime.now()
            )
            if action.deadline < created:
                raise ValidationError(
                    self.env._(
                        "The deadline %(deadline)s of the action %(action)s is "
                        "before the day it was created (%(created)s).",
                        deadline=action.deadline,
                        action=action.name,
                        created=created,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if ACTION_STATE_FIELDS & vals.keys():
                raise AccessError(
                    self.env._(
                        "An action is created open; it is recorded done and "
                        "verified by its steps."
                    )
                )
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "sales.qms.action"
                ) or self.env._("New")
        nonconformities = self.env["sales.qms.nonconformity"].browse(
            [
                vals["nonconformity_id"]
                for vals in vals_list
                if vals.get("nonconformity_id")
            ]
        )
        nonconformities._check_not_frozen()
        return super().create(vals_list)

    def write(self, vals):
        if ACTION_STATE_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "An action is recorded done and verified by its steps, never "
                    "by hand."
                )
            )
        if vals.keys() - MAIL_FIELDS:
            frozen = self.filtered(lambda action: action.state != "open")
            if frozen:
                raise UserError(
                    self.env._(
                        "The action %(action)s is done, verified or cancelled: it "
                        "cannot be changed.",
                        action=frozen[0].name,
                    )
                )
            if "nonconformity_id" in vals:
                self.env["sales.qms.nonconformity"].browse(
                    vals["nonconformity_id"]
                )._check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        if any(action.state != "open" for action in self):
            raise UserError(
                self.env._(
                    "A done, verified or cancelled action is a quality record and "
                    "cannot be deleted."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_done(self):
        """The responsible (or the quality representative) records the action
        done, with what was done."""
        self.check_access("write")
        is_manager = self.env.user.has_group("sales_qms.group_sales_qms_manager")
        for action in self:
            if not (is_manager or action.responsible_id == self.env.user):
                raise AccessError(
                    self.env._(
                        "Only the responsible of %(action)s or the quality "
                        "representative can record it done.",
                        action=action.name,
                    )
                )
            if action.state != "open":
                raise UserError(
                    self.env._("The action %(action)s is not open.", action=action.name)
                )
            if not (action.done_note or "").strip():
                raise UserError(
                    self.env._(
                        "Describe what was done for the action %(action)s before "
                        "recording it done.",
                        action=action.name,
                    )
                )
        self._write_state(
            {"state": "done", "done_date": fields.Date.context_today(self)}
        )
        self.sudo().activity_unlink(list(REMINDER_TYPES))
        return True

    def action_cancel(self):
        self.env["sales.qms.nonconformity"]._check_manager()
        if any(action.state != "open" for action in self):
            raise UserError(self.env._("Only an open action can be cancelled."))
        self._write_state({"state": "cancelled"})
        self.sudo().activity_unlink(list(REMINDER_TYPES))
        return True

    def action_open_verify(self):
        self.ensure_one()
        self._check_can_verify()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Verify Effectiveness"),
            "res_model": "sales.qms.action.verify",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action_id": self.id},
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _record_verification(self, result, note):
        """Record the effectiveness verification of a done action; not
        effective sends its nonconformity back to treatment."""
        self.ensure_one()
        self._check_can_verify()
        if self.state != "done":
            raise UserError(
                self.env._(
                    "The action %(action)s is verified once it is done.",
                    action=self.name,
                )
            )
        self._write_state(
            {
                "state": "verified",
                "verified_by_id": self.env.uid,
                "verified_on": fields.Date.context_today(self),
                "verification_result": result,
                "verification_note": note,
            }
        )
        if result == "ineffective" and self.nonconformity_id:
            self.nonconformity_id._reopen(
                self.env._(
                    "The action %(action)s was found not effective: the "
                    "nonconformity is back in treatment. %(note)s",
                    action=self.name,
                    note=note or "",
                )
            )

    def _check_can_verify(self):
        if not (
            self.env.su or self.env.user.has_group("sales_qms.group_sales_qms_manager")
        ):
            raise AccessError(
                self.env._("Only the quality representative verifies actions.")
            )
        for action in self:
            if action.responsible_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You are responsible for %(action)s: its effectiveness "
                        "must be verified by someone else.",
                        action=action.name,
                    )
                )

    def _write_state(self, vals):
        """The action's steps write its state: ``write`` refuses it."""
        return super().write(vals)

    @api.model
    def _reminder_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("sales_qms.action_reminder_days", DEFAULT_REMINDER_DAYS)
        )
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_REMINDER_DAYS

    @api.model
    def _cron_remind_responsibles(self):
        """Daily: remind the responsible of an open action N days before its
        deadline, and again once it is overdue. Each reminder is given once
        (a stored marker), in batches."""
        today = fields.Date.context_today(self)
        due_domain = [
            ("state", "=", "open"),
            ("due_reminder_on", "=", False),
            ("deadline", ">=", today),
            ("deadline", "<=", today + timedelta(days=self._reminder_days())),
        ]
        overdue_domain = [
            ("state", "=", "open"),
            ("overdue_reminder_on", "=", False),
            ("deadline", "<", today),
        ]
        due = self.search(due_domain, limit=CRON_BATCH_SIZE, order="id")
        overdue = self.search(
            overdue_domain, limit=max(CRON_BATCH_SIZE - len(due), 0), order="id"
        )
        now = fields.Datetime.now()
        for action in due:
            action.activity_schedule(
                "sales_qms.mail_activity_type_action_due",
                date_deadline=action.deadline,
                user_id=action.responsible_id.id,
                summary=self.env._(
                    "The action %(action)s is due on %(deadline)s",
                    action=action.name,
                    deadline=action.deadline,
                ),
            )
        due._write_state({"due_reminder_on": now})
        for action in overdue:
            action.activity_schedule(
                "sales_qms.mail_activity_type_action_overdue",
                date_deadline=today,
                user_id=action.responsible_id.id,
                summary=self.env._(
                    "The action %(action)s is overdue since %(deadline)s",
                    action=action.name,
                    deadline=action.deadline,
                ),
            )
        # an overdue action needs no more "due soon" reminder
        overdue._write_state({"overdue_reminder_on": now, "due_reminder_on": now})
        remaining = self.search_count(due_domain) + self.search_count(overdue_domain)
        self.env["ir.cron"]._notify_progress(
            done=len(due) + len(overdue), remaining=remaining
        )
        return due | overdue
