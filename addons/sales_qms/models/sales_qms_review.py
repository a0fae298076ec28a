from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# What a reviewer may change through the review's form: their own lines and
# checklist answers, each guarded by its model. The rest is written by the
# review's flow only (superuser methods after a check of the caller's rights).
REVIEW_USER_FIELDS = {"line_ids", "answer_ids"}


class SalesQmsReview(models.Model):
    """A contract review (合同评审, 产品要求的评审) of a quotation.

    One line per reviewing role answers OK, OK with conditions or not OK;
    the review is approved when every role approved, rejected as soon as one
    role rejects. At approval a snapshot of the quotation is kept (untaxed
    amount, lines, delivery date): when the quotation changes afterwards the
    review becomes obsolete and the quotation needs a new one.
    """

    _name = "sales.qms.review"
    _description = "Contract Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    order_id = fields.Many2one(
        "sale.order",
        string="Quotation",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="order_id.partner_id", string="Customer", store=True
    )
    user_id = fields.Many2one(
        related="order_id.user_id", string="Salesperson", store=True
    )
    currency_id = fields.Many2one(related="order_id.currency_id")
    amount_untaxed = fields.Monetary(
        related="order_id.amount_untaxed", string="Current Untaxed Amount"
    )
    commitment_date = fields.Datetime(
        related="order_id.commitment_date", string="Requested Delivery Date"
    )
    rule_ids = fields.Many2many(
        "sales.qms.review.rule",
        string="Rules",
        readonly=True,
        help="The review rules the quotation matched when the review was requested.",
    )
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("obsolete", "Obsolete"),
        ],
        required=True,
        default="pending",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "sales.qms.review.line", "review_id", string="Roles", copy=False
    )
    answer_ids = fields.One2many(
        "sales.qms.review.answer", "review_id", string="Checklist", copy=False
    )
    missing_role_ids = fields.Many2many(
        "sales.qms.review.role",
        string="Waiting For",
        compute="_compute_missing_role_ids",
    )
    requested_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    obsolete_reason = fields.Char(readonly=True, copy=False, tracking=True)
    snapshot_amount_untaxed = fields.Monetary(
        string="Approved Untaxed Amount", readonly=True, copy=False
    )
    snapshot_commitment_date = fields.Datetime(
        string="Approved Delivery Date", readonly=True, copy=False
    )
    snapshot_lines = fields.Char(
        string="Approved Lines Signature", readonly=True, copy=False
    )
    order_summary = fields.Html(
        string="Key Terms",
        compute="_compute_order_summary",
        compute_sudo=True,
        sanitize=False,
        help="What is reviewed, readable by reviewers who have no access to sales.",
    )
    can_answer = fields.Boolean(
        compute="_compute_can_answer", search="_search_can_answer"
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("line_ids.result", "line_ids.role_id")
    def _compute_missing_role_ids(self):
        for review in self:
            review.missing_role_ids = review.line_ids.filtered(
                lambda line: not line._is_approved()
            ).role_id

    @api.depends("state", "line_ids.user_ids", "line_ids.group_ids")
    @api.depends_context("uid")
    def _compute_can_answer(self):
        user = self.env.user
        for review in self:
            review.can_answer = review.state in ("pending", "rejected") and any(
                line._is_allowed(user) for line in review.line_ids
            )

    def _search_can_answer(self, operator, value):
        """Open reviews with a role the current user may answer and nobody
        answered yet ("Waiting for Me")."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the reviews to answer."))
        user = self.env.user
        domain = [
            ("state", "in", ("pending", "rejected")),
            (
                "line_ids",
                "any",
                [
                    ("result", "=", False),
                    "|",
                    ("user_ids", "in", user.ids),
                    ("group_ids", "in", user.groups_id.ids),
                ],
            ),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends(
        "order_id.order_line",
        "order_id.amount_untaxed",
        "order_id.commitment_date",
        "order_id.note",
    )
    def _compute_order_summary(self):
        for review in self:
            review.order_summary = review.order_id._qms_order_summary()

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A contract review is requested from its quotation (Request "
                    "Review), never created by hand."
                )
            )
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "sales.qms.review"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and vals.keys() - REVIEW_USER_FIELDS:
            raise AccessError(
                self.env._(
                    "A contract review changes by the answers of its reviewers "
                    "only: %(fields)s cannot be written by hand.",
                    fields=", ".join(sorted(vals.keys() - REVIEW_USER_FIELDS)),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(review.state == "approved" for review in self):
            raise UserError(
                self.env._(
                    "An approved contract review is a quality record: it cannot "
                    "be deleted."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_answer_ok(self):
        """Approve every role of the review the current user answers."""
        return self._answer_mine("ok")

    def action_answer_ok_conditions(self):
        return self._answer_mine("ok_conditions")

    def action_answer_not_ok(self):
        return self._answer_mine("not_ok")

    def action_view_order(self):
        self.ensure_one()
        self.order_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.order_id.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _answer_mine(self, result):
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: line._is_allowed(self.env.user) and line.result != result
        )
        if not lines:
            if not any(line._is_allowed(self.env.user) for line in self.line_ids):
                raise AccessError(
                    self.env._(
                        "You answer no role of the contract review %(review)s.",
                        review=self.name,
                    )
                )
            return True
        return lines._answer(result)

    def _update_state(self):
        """The state the answers of the roles give; at approval, the snapshot
        of the quotation and the quotation's review status."""
        for review in self.sudo():
            if review.state not in ("pending", "rejected"):
                continue
            if any(line.result == "not_ok" for line in review.line_ids):
                state = "rejected"
            elif all(line._is_approved() for line in review.line_ids):
                state = "approved"
            else:
                state = "pending"
            if state == review.state:
                continue
            vals = {"state": state}
            if state == "approved":
                vals.update(review.order_id._qms_review_snapshot())
                vals["approved_on"] = fields.Datetime.now()
            review.write(vals)
            review._close_activities()
            review.order_id._qms_post_review_outcome(review)
        # reviewers may have no access to sales
        self.sudo().order_id._qms_sync_review_state()

    def _set_obsolete(self, reason):
        """The quotation changed, or another review replaces this one."""
        reviews = self.sudo().filtered(lambda review: review.state != "obsolete")
        if not reviews:
            return
        reviews.write({"state": "obsolete", "obsolete_reason": reason})
        reviews._close_activities(all_users=True)
        for review in reviews:
            review.order_id.message_post(
                body=self.env._(
                    "Contract review %(review)s is obsolete: %(reason)s",
                    review=review.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _snapshot_differs(self):
        """Whether the quotation changed since the review was approved."""
        self.ensure_one()
        order = self.order_id
        return (
            order.currency_id.compare_amounts(
                order.amount_untaxed, self.snapshot_amount_untaxed
            )
            != 0
            or order.commitment_date != self.snapshot_commitment_date
            or order._qms_lines_signature() != self.snapshot_lines
        )

    def _schedule_activities(self):
        """A to-do for every user who may answer a role."""
        activity_type = self.env.ref(
            "sales_qms.mail_activity_type_contract_review", raise_if_not_found=False
        )
        if not activity_type:
            return
        for review in self.sudo():
            users = review.line_ids._get_allowed_users()
            for user in users:
                review.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    note=self.env._(
                        "Review the quotation %(order)s of %(customer)s.",
                        order=review.order_id.name,
                        customer=review.partner_id.display_name,
                    ),
                )

    def _close_activities(self, all_users=False):
        """Mark done the to-dos of the users who have nothing left to answer;
        every to-do once the review is closed."""
        activity_type = self.env.ref(
            "sales_qms.mail_activity_type_contract_review", raise_if_not_found=False
        )
        if not activity_type:
            return
        for review in self.sudo():
            activities = review.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            if not all_users and review.state in ("pending", "rejected"):
                open_lines = review.line_ids.filtered(lambda line: not line.result)
                activities = activities.filtered(
                    lambda activity, lines=open_lines: (
                        not any(line._is_allowed(activity.user_id) for line in lines)
                    )
                )
            if review.state == "obsolete":
                activities.unlink()
            else:
                activities.action_feedback(
                    feedback=self.env._("Reviewed"),
                )
