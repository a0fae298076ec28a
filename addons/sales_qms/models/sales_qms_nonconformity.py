from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Written by the treatment's steps only (``_write_state``), never by ``write``:
# an RPC write cannot close a nonconformity or sign its effectiveness check.
NC_STATE_FIELDS = {
    "state",
    "raised_by_id",
    "closed_on",
    "checked_by_id",
    "checked_on",
    "check_result",
    "check_note",
}
# What the mail machinery may still write on a closed nonconformity.
MAIL_FIELDS = {"message_main_attachment_id", "message_follower_ids", "activity_ids"}
FROZEN_STATES = ("closed", "cancelled")
OPEN_STATES = ("draft", "in_progress", "verification")


class SalesQmsNonconformity(models.Model):
    """A nonconformity report (不合格报告) and its treatment.

    Raised from an internal audit finding, a quality objective not met in a
    month, or a business record (a sales order; other addons add complaints,
    deliveries, training sessions). The responsible contains it, analyses the
    causes (人机料法环测, 5 whys) down to the root cause and carries out the
    corrective actions; the quality representative checks the effectiveness
    before it is closed. A closed nonconformity is a frozen quality record.
    """

    _name = "sales.qms.nonconformity"
    _description = "Nonconformity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
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
    date = fields.Date(
        string="Detected On",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    origin = fields.Selection(
        [
            ("audit", "Internal Audit"),
            ("objective", "Quality Objective Not Met"),
            ("manual", "Business Record"),
        ],
        required=True,
        default="manual",
        tracking=True,
        index=True,
    )
    audit_line_id = fields.Many2one(
        "sales.qms.audit.line",
        string="Audit Finding",
        readonly=True,
        index="btree_not_null",
        check_company=True,
    )
    audit_id = fields.Many2one(
        related="audit_line_id.audit_id", store=True, index="btree_not_null"
    )
    measurement_id = fields.Many2one(
        "sales.qms.measurement",
        string="Objective Month",
        index="btree_not_null",
        check_company=True,
        help="The month in which the quality objective was not met.",
    )
    res_ref = fields.Reference(
        selection="_selection_res_ref", string="Business Record", index="btree_not_null"
    )
    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major")],
        required=True,
        default="minor",
        tracking=True,
    )
    description = fields.Text(required=True)
    containment = fields.Text(
        help="What was done at once to contain the nonconformity and its effects.",
    )
    clause_id = fields.Many2one("sales.qms.iso.clause", string="ISO Clause")
    process_id = fields.Many2one("sales.qms.process", check_company=True)
    team_id = fields.Many2one(
        "crm.team", string="Department", check_company=True, tracking=True
    )
    cause_ids = fields.One2many(
        "sales.qms.nonconformity.cause", "nonconformity_id", string="Cause Analysis"
    )
    root_cause = fields.Text(tracking=True)
    responsible_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        check_company=True,
    )
    deadline = fields.Date(tracking=True)
    action_ids = fields.One2many(
        "sales.qms.action", "nonconformity_id", string="Actions"
    )
    action_count = fields.Integer(compute="_compute_action_counts")
    open_action_count = fields.Integer(compute="_compute_action_counts")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "In Progress"),
            ("verification", "Verification"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    raised_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, default=lambda self: self.env.user
    )
    closed_on = fields.Date(readonly=True, copy=False)
    checked_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    checked_on = fields.Date(readonly=True, copy=False)
    check_result = fields.Selection(
        [("effective", "Effective"), ("ineffective", "Not Effective")],
        string="Effectiveness",
        readonly=True,
        copy=False,
        tracking=True,
    )
    check_note = fields.Text(string="Effectiveness Note", readonly=True, copy=False)

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.model
    def _selection_res_ref(self):
        """The business records a nonconformity may come from; other addons
        extend it (complaints, deliveries, training sessions)."""
        return [("sale.order", self.env._("Sales Order"))]

    @api.depends("action_ids.state")
    def _compute_action_counts(self):
        groups = self.env["sales.qms.action"]._read_group(
            [("nonconformity_id", "in", self.ids)],
            ["nonconformity_id", "state"],
            ["__count"],
        )
        totals, opened = {}, {}
        for nonconformity, state, count in groups:
            totals[nonconformity] = totals.get(nonconformity, 0) + count
            if state == "open":
                opened[nonconformity] = opened.get(nonconformity, 0) + count
        for nonconformity in self:
            nonconformity.action_count = totals.get(nonconformity._origin, 0)
            nonconformity.open_action_count = opened.get(nonconformity._origin, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("deadline")
    def _check_deadline(self):
        for nonconformity in self:
            if not nonconformity.deadline:
                continue
            created = fields.Date.context_today(
                nonconformity, nonconformity.create_date or fields.Datetime.now()
            )
            if nonconformity.deadline < created:
                raise ValidationError(
                    self.env._(
                        "The deadline %(deadline)s of the nonconformity %(nc)s is "
                        "before the day it was created (%(created)s).",
                        deadline=nonconformity.deadline,
                        nc=nonconformity.name,
                        created=created,
                    )
                )

    @api.constrains("origin", "measurement_id")
    def _check_origin(self):
        for nonconformity in self:
            if nonconformity.origin == "objective" and not nonconformity.measurement_id:
                raise ValidationError(
                    self.env._(
                        "A nonconformity raised from a quality objective names the "
                        "month in which the objective was not met."
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if NC_STATE_FIELDS & vals.keys():
                raise AccessError(
                    self.env._(
                        "A nonconformity is created as a draft; its treatment and "
                        "effectiveness check are recorded by its steps."
                    )
                )
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "sales.qms.nonconformity"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if NC_STATE_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "The state and the effectiveness check of a nonconformity are "
                    "recorded by its steps, never written by hand."
                )
            )
        if vals.keys() - MAIL_FIELDS:
            self._check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_raised(self):
        if any(nc.state != "draft" or nc.audit_line_id for nc in self):
            raise UserError(
                self.env._(
                    "A nonconformity under treatment, closed or raised by an audit "
                    "is a quality record: cancel it instead of deleting it."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_start(self):
        """Start the treatment: someone is responsible and the root cause is
        known."""
        self._check_can_treat()
        for nc in self:
            nc._check_state(("draft",))
            if not nc.responsible_id:
                raise UserError(
                    self.env._(
                        "The nonconformity %(nc)s has no responsible: name who "
                        "treats it before starting.",
                        nc=nc.name,
                    )
                )
            if not (nc.root_cause or "").strip():
                raise UserError(
                    self.env._(
                        "The nonconformity %(nc)s has no root cause: analyse the "
                        "causes (5 whys) and summarise the root cause before "
                        "starting.",
                        nc=nc.name,
                    )
                )
        self._write_state({"state": "in_progress"})
        return True

    def action_submit_verification(self):
        """The actions are done: the quality representative may now check the
        effectiveness."""
        self._check_can_treat()
        for nc in self:
            nc._check_state(("in_progress",))
            nc._check_no_open_action()
            if not nc.action_ids.filtered(lambda a: a.state != "cancelled"):
                raise UserError(
                    self.env._(
                        "The nonconformity %(nc)s has no corrective action: record "
                        "what was done before asking for verification.",
                        nc=nc.name,
                    )
                )
        self._write_state({"state": "verification"})
        return True

    def action_open_check(self):
        self.ensure_one()
        self._check_can_check()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Effectiveness Check"),
            "res_model": "sales.qms.nonconformity.check",
            "view_mode": "form",
            "target": "new",
            "context": {"default_nonconformity_id": self.id},
        }

    def action_close(self):
        self._check_manager()
        for nc in self:
            nc._check_state(("verification",))
            nc._check_no_open_action()
            if nc.check_result != "effective":
                raise UserError(
                    self.env._(
                        "The nonconformity %(nc)s cannot be closed before its "
                        "actions are checked effective.",
                        nc=nc.name,
                    )
                )
            if not nc.checked_by_id or nc.checked_by_id == nc.responsible_id:
                raise UserError(
                    self.env._(
                        "The effectiveness of %(nc)s must be checked by someone "
                        "other than its responsible.",
                        nc=nc.name,
                    )
                )
        self._write_state(
            {"state": "closed", "closed_on": fields.Date.context_today(self)}
        )
        return True

    def action_cancel(self):
        self._check_manager()
        for nc in self:
            nc._check_state(("draft", "in_progress"))
        self._write_state({"state": "cancelled"})
        return True

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_action_action"
        )
        action["domain"] = [("nonconformity_id", "=", self.id)]
        action["context"] = {
            "default_nonconformity_id": self.id,
            "default_company_id": self.company_id.id,
            "default_responsible_id": self.responsible_id.id,
            "default_deadline": self.deadline,
        }
        return action

    def action_view_origin(self):
        self.ensure_one()
        record = self.audit_id or self.measurement_id or self.res_ref
        if not record:
            return False
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _record_check(self, result, note):
        """Record the effectiveness check (有效性验证): effective closes the
        nonconformity, not effective sends it back to treatment."""
        self.ensure_one()
        self._check_can_check()
        self._check_state(("verification",))
        self._write_state(
            {
                "checked_by_id": self.env.uid,
                "checked_on": fields.Date.context_today(self),
                "check_result": result,
                "check_note": note,
            }
        )
        if result == "effective":
            self.action_close()
        else:
            self._reopen(
                self.env._(
                    "The effectiveness check found the actions not effective: %(note)s",
                    note=note or "",
                )
            )

    def _reopen(self, reason):
        """Back to treatment (an action was found not effective)."""
        for nc in self.filtered(lambda nc: nc.state in ("verification", "closed")):
            nc._write_state({"state": "in_progress", "closed_on": False})
            nc.message_post(body=reason)

    def _check_can_check(self):
        self._check_manager()
        for nc in self:
            if nc.responsible_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You are responsible for %(nc)s: its effectiveness must be "
                        "checked by someone else.",
                        nc=nc.name,
                    )
                )

    def _check_manager(self):
        if not (
            self.env.su or self.env.user.has_group("sales_qms.group_sales_qms_manager")
        ):
            raise AccessError(
                self.env._("Only the quality representative can take this step.")
            )

    def _check_can_treat(self):
        """The responsible and the quality representative lead the treatment."""
        self.check_access("write")
        if self.env.su or self.env.user.has_group("sales_qms.group_sales_qms_manager"):
            return
        for nc in self:
            if nc.responsible_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the responsible of %(nc)s or the quality "
                        "representative can take this step.",
                        nc=nc.name,
                    )
                )

    def _check_state(self, states):
        self.ensure_one()
        if self.state not in states:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The nonconformity %(nc)s is %(state)s: this step is not possible.",
                    nc=self.name,
                    state=labels[self.state],
                )
            )

    def _check_no_open_action(self):
        self.ensure_one()
        opened = self.action_ids.filtered(lambda action: action.state == "open")
        if opened:
            raise UserError(
                self.env._(
                    "The nonconformity %(nc)s still has open actions:\n%(actions)s",
                    nc=self.name,
                    actions="\n".join(
                        f"- {action.name} {action.description}" for action in opened
                    ),
                )
            )

    def _check_not_frozen(self):
        frozen = self.filtered(lambda nc: nc.state in FROZEN_STATES)
        if frozen:
            raise UserError(
                self.env._(
                    "The nonconformity %(nc)s is closed or cancelled: it is a "
                    "quality record and cannot be changed.",
                    nc=frozen[0].name,
                )
            )

    def _write_state(self, vals):
        """The treatment's steps write its state: ``write`` refuses it."""
        return super().write(vals)
