import hashlib

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import (
    float_repr,
    format_amount,
    format_datetime,
    formatLang,
    is_html_empty,
)

QMS_REVIEW_STATES = [
    ("not_needed", "Not Needed"),
    ("needed", "Review Needed"),
    ("pending", "Review Pending"),
    ("approved", "Review Approved"),
    ("overridden", "Overridden"),
]
# Written by the contract review's flow only: superuser methods run after a
# check of the caller's rights (a salesperson may write their orders, not
# approve or override their own review).
QMS_REVIEW_FLOW_FIELDS = {
    "qms_review_state",
    "qms_override_reason",
    "qms_override_by_id",
    "qms_override_on",
    "qms_departments_notified_on",
}
# The order's fields a review approves: changing them makes it obsolete.
QMS_REVIEWED_ORDER_FIELDS = {
    "order_line",
    "commitment_date",
    "pricelist_id",
    "currency_id",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    qms_review_ids = fields.One2many(
        "sales.qms.review",
        "order_id",
        string="Contract Reviews",
        copy=False,
        groups="base.group_user",
    )
    qms_review_count = fields.Integer(
        string="Contract Review Count",
        compute="_compute_qms_review_count",
        compute_sudo=True,
    )
    qms_review_rule_ids = fields.Many2many(
        "sales.qms.review.rule",
        string="Review Rules",
        compute="_compute_qms_review_status",
        compute_sudo=True,
        help="The active review rules the quotation matches now.",
    )
    qms_review_id = fields.Many2one(
        "sales.qms.review",
        string="Contract Review",
        compute="_compute_qms_review_status",
        compute_sudo=True,
        help="The current contract review of the quotation.",
    )
    qms_review_blocking = fields.Boolean(
        string="Held for Contract Review",
        compute="_compute_qms_review_status",
        compute_sudo=True,
    )
    qms_review_can_request = fields.Boolean(
        string="Contract Review Can Be Requested",
        compute="_compute_qms_review_status",
        compute_sudo=True,
    )
    qms_review_warning = fields.Char(
        string="Contract Review Warning",
        compute="_compute_qms_review_status",
        compute_sudo=True,
    )
    qms_review_state = fields.Selection(
        QMS_REVIEW_STATES,
        string="Contract Review Status",
        default="not_needed",
        readonly=True,
        copy=False,
        help="Set when the order is confirmed: whether it needed a contract "
        "review, and whether the review was approved or overridden.",
    )
    qms_override_reason = fields.Text(
        string="Override Reason", readonly=True, copy=False, tracking=True
    )
    qms_override_by_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, copy=False, tracking=True
    )
    qms_override_on = fields.Datetime(string="Overridden On", readonly=True, copy=False)
    qms_departments_notified_on = fields.Datetime(
        string="Departments Notified On",
        readonly=True,
        copy=False,
        help="When the departments were sent the key terms of the confirmed "
        "order; they are told once.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_qms_review_count(self):
        origin_ids = [order._origin.id for order in self if order._origin.id]
        counts = dict(
            self.env["sales.qms.review"]._read_group(
                [("order_id", "in", origin_ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.qms_review_count = counts.get(order._origin, 0)

    @api.depends(
        "state",
        "company_id",
        "partner_id",
        "amount_untaxed",
        "currency_rate",
        "commitment_date",
        "order_line.product_id",
        "order_line.discount",
        "order_line.display_type",
        "qms_review_ids.state",
        "qms_review_ids.line_ids.result",
        "qms_override_on",
    )
    def _compute_qms_review_status(self):
        statuses = self._qms_review_statuses()
        for order in self:
            status = statuses.get(order, {})
            order.qms_review_rule_ids = status.get("rules")
            order.qms_review_id = status.get("review") or order._qms_current_review()
            order.qms_review_blocking = status.get("blocking", False)
            order.qms_review_can_request = status.get("can_request", False)
            order.qms_review_warning = status.get("message", False)

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._qms_check_flow_fields(
                    {
                        fname
                        for fname in QMS_REVIEW_FLOW_FIELDS & vals.keys()
                        if vals[fname] and vals[fname] != "not_needed"
                    }
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._qms_check_flow_fields(QMS_REVIEW_FLOW_FIELDS & vals.keys())
        res = super().write(vals)
        if QMS_REVIEWED_ORDER_FIELDS & vals.keys():
            self._qms_check_review_outdated()
        return res

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        """Refuse the quotations whose contract review is required and not
        approved (nor overridden); tell the departments about the orders
        once confirmed.

        The refusal rolls the transaction back, so the review a refused
        quotation still lacks is requested by the form's Confirm button
        (``action_qms_confirm``) or by Request Review.
        """
        self._qms_check_contract_review()
        res = super().action_confirm()
        self._qms_notify_departments()
        return res

    def action_qms_confirm(self):
        """The form's Confirm while a contract review holds the quotation:
        request the review when there is none yet (and say so), otherwise
        confirm, which refuses with the roles still missing."""
        self.check_access("write")
        statuses = self._qms_review_statuses()
        to_request = self.filtered(lambda order: statuses.get(order, {}).get("missing"))
        if not to_request:
            return self.action_confirm()
        reviews = to_request._qms_create_reviews(statuses)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Contract review requested"),
                "message": "\n".join(
                    self.env._(
                        "%(order)s cannot be confirmed yet: contract review "
                        "%(review)s is waiting for %(roles)s.",
                        order=review.order_id.name,
                        review=review.name,
                        roles=", ".join(review.line_ids.role_id.mapped("name")),
                    )
                    for review in reviews
                ),
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_qms_request_review(self):
        """Ask the reviewing roles of the matching rules for a contract review."""
        self.check_access("write")
        statuses = self._qms_review_statuses()
        for order in self:
            status = statuses.get(order)
            if not status:
                raise UserError(
                    self.env._(
                        "%(order)s matches no contract review rule: it needs no "
                        "review.",
                        order=order.name,
                    )
                )
            if not status["can_request"]:
                raise UserError(
                    status["message"]
                    or self.env._(
                        "The contract review of %(order)s is already approved or "
                        "overridden.",
                        order=order.name,
                    )
                )
        self._qms_create_reviews(statuses)
        return True

    def action_qms_override(self):
        """Open the override of the contract review (sales managers)."""
        self.ensure_one()
        self._qms_check_override_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override the Contract Review"),
            "res_model": "sales.qms.review.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_qms_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_review_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"create": False}
        reviews = self.qms_review_ids
        if len(reviews) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=reviews.id)
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _qms_check_flow_fields(self, fnames):
        if fnames:
            raise AccessError(
                self.env._(
                    "The contract review status, its override and the notification "
                    "of the departments are recorded by their own actions, never "
                    "written by hand (%(fields)s).",
                    fields=", ".join(sorted(fnames)),
                )
            )

    def _qms_current_review(self):
        """The latest review of the order that is not obsolete."""
        self.ensure_one()
        reviews = self.sudo().qms_review_ids.filtered(
            lambda review: review.state != "obsolete"
        )
        return reviews.sorted("id")[-1:]

    def _qms_review_statuses(self):
        """``{order: status}`` for the quotations of ``self`` some review rule
        matches; the others need no review. A status holds:

        - ``rules``: the matching rules, ``roles`` the roles they require;
        - ``review``: the current review (may be empty);
        - ``cleared_by``: ``"review"`` (an approved review covers the
          quotation as it is), ``"override"``, or False;
        - ``blocking``: the quotation may not be confirmed;
        - ``missing``: no review was requested yet;
        - ``can_request``: a new review may be requested;
        - ``message``: what holds the quotation, for the form and the error.

        Costs no query when no company of the orders has a rule.
        """
        quotations = self.filtered(lambda order: order.state in ("draft", "sent"))
        matches = self.env["sales.qms.review.rule"]._match_orders(quotations)
        return {
            order: order._qms_review_status(rules) for order, rules in matches.items()
        }

    def _qms_review_status(self, rules):
        self.ensure_one()
        review = (
            self._qms_current_review()
            if self._origin.id
            else self.env["sales.qms.review"].sudo()
        )
        roles = rules.reviewer_ids.role_id
        status = {
            "rules": rules,
            "roles": roles,
            "review": review,
            "cleared_by": False,
            "blocking": True,
            "missing": not review,
            "can_request": True,
            "message": False,
        }
        covering = (
            review.state == "approved"
            and not (roles - review.line_ids.role_id)
            and not review._snapshot_differs()
        )
        if covering or self.qms_override_on:
            status.update(
                cleared_by="review" if covering else "override",
                blocking=False,
                can_request=False,
            )
            return status
        role_names = ", ".join(roles.mapped("name"))
        if not review:
            status["message"] = self.env._(
                "%(order)s needs a contract review before confirmation (%(rules)s): "
                "%(roles)s must approve it.",
                order=self.name,
                rules=", ".join(rules.mapped("name")),
                roles=role_names,
            )
        elif review.state == "pending":
            status["can_request"] = bool(roles - review.line_ids.role_id)
            waiting = review.missing_role_ids | (roles - review.line_ids.role_id)
            status["message"] = self.env._(
                "%(order)s cannot be confirmed yet: contract review %(review)s is "
                "waiting for %(roles)s.",
                order=self.name,
                review=review.name,
                roles=", ".join(waiting.sorted().mapped("name")),
            )
        elif review.state == "rejected":
            rejecting = review.line_ids.filtered(
                lambda line: line.result == "not_ok"
            ).role_id
            status["message"] = self.env._(
                "%(order)s cannot be confirmed: contract review %(review)s was "
                "rejected by %(roles)s. Revise the quotation and request a new "
                "review, or ask a sales manager to override it.",
                order=self.name,
                review=review.name,
                roles=", ".join(rejecting.mapped("name")),
            )
        else:
            status["message"] = self.env._(
                "%(order)s cannot be confirmed: contract review %(review)s no "
                "longer covers it (the quotation or the review rules changed "
                "since its approval). Request a new review: %(roles)s must "
                "approve it.",
                order=self.name,
                review=review.name,
                roles=role_names,
            )
        return status

    def _qms_create_reviews(self, statuses):
        """Create the contract review of each quotation from the rules it
        matches: one line per role (who may answer it: the users and groups
        the rules name), one answer per checklist item. Earlier reviews
        become obsolete. Callers check the user's rights on the orders."""
        Review = self.env["sales.qms.review"].sudo()
        reviews = Review
        for order in self:
            rules = statuses[order]["rules"]
            order._qms_current_review()._set_obsolete(
                self.env._("a new review was requested.")
            )
            by_role = {}
            for reviewer in rules.reviewer_ids:
                users, groups = by_role.get(
                    reviewer.role_id,
                    (self.env["res.users"], self.env["res.groups"]),
                )
                by_role[reviewer.role_id] = (
                    users | reviewer.user_ids,
                    groups | reviewer.group_id,
                )
            items = rules.checklist_id.item_ids
            review = Review.create(
                {
                    "order_id": order.id,
                    "rule_ids": [fields.Command.set(rules.ids)],
                    "requested_by_id": self.env.uid,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "role_id": role.id,
                                "sequence": role.sequence,
                                "user_ids": [fields.Command.set(users.ids)],
                                "group_ids": [fields.Command.set(groups.ids)],
                            }
                        )
                        for role, (users, groups) in sorted(
                            by_role.items(),
                            key=lambda item: (item[0].sequence, item[0].id),
                        )
                    ],
                    "answer_ids": [
                        fields.Command.create(
                            {
                                "item_id": item.id,
                                "sequence": index,
                                "name": item.name,
                                "role_id": item.role_id.id,
                            }
                        )
                        for index, item in enumerate(items, start=1)
                    ],
                }
            )
            review._schedule_activities()
            order.message_post(
                body=self.env._(
                    "Contract review %(review)s requested: %(roles)s must approve it.",
                    review=review.name,
                    roles=", ".join(review.line_ids.role_id.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )
            reviews |= review
        self._qms_sync_review_state()
        return reviews

    def _qms_sync_review_state(self):
        """The review status of quotations, from their rules, review and
        override (superuser: reviewers may not write orders)."""
        quotations = self.filtered(lambda order: order.state in ("draft", "sent"))
        statuses = quotations._qms_review_statuses()
        for order in quotations:
            state = order._qms_state_from(statuses.get(order))
            if order.qms_review_state != state:
                order.sudo().write({"qms_review_state": state})

    def _qms_state_from(self, status):
        self.ensure_one()
        if not status:
            return "not_needed"
        if status["cleared_by"] == "review":
            return "approved"
        if status["cleared_by"] == "override":
            return "overridden"
        if status["review"].state in ("pending", "rejected"):
            return "pending"
        return "needed"

    def _qms_check_contract_review(self):
        """Raise naming the reviews and roles missing on the quotations that
        may not be confirmed; record the review status of the others, which
        the contract review indicator reads."""
        quotations = self.filtered(lambda order: order.state in ("draft", "sent"))
        statuses = quotations._qms_review_statuses()
        errors = [
            status["message"]
            for order in quotations
            if (status := statuses.get(order)) and status["blocking"]
        ]
        if errors:
            raise UserError("\n\n".join(errors))
        for order in quotations:
            state = order._qms_state_from(statuses.get(order))
            if state == "not_needed" and order.qms_review_state == "pending":
                order._qms_current_review()._set_obsolete(
                    self.env._("the order was confirmed without needing a review.")
                )
            if order.qms_review_state != state:
                order.sudo().write({"qms_review_state": state})

    def _qms_check_review_outdated(self):
        """An approved review no longer holds for a quotation changed since
        (amount, lines, delivery date): it becomes obsolete."""
        approved = self.filtered(
            lambda order: (
                order.qms_review_state == "approved"
                and order.state in ("draft", "sent")
            )
        )
        outdated = approved.filtered(
            lambda order: (
                (review := order._qms_current_review())
                and review.state == "approved"
                and review._snapshot_differs()
            )
        )
        for order in outdated:
            order._qms_current_review()._set_obsolete(
                self.env._(
                    "the quotation changed after its approval (amount, lines or "
                    "delivery date)."
                )
            )
        outdated._qms_sync_review_state()

    def _qms_review_snapshot(self):
        """What an approved review approved of the quotation."""
        self.ensure_one()
        return {
            "snapshot_amount_untaxed": self.amount_untaxed,
            "snapshot_commitment_date": self.commitment_date,
            "snapshot_lines": self._qms_lines_signature(),
        }

    def _qms_lines_signature(self):
        """A digest of what the lines sell: products, descriptions,
        quantities, units, prices, discounts and taxes, in any order."""
        self.ensure_one()
        rows = sorted(
            (
                line.display_type or "",
                line.product_id.id or 0,
                line.name or "",
                float_repr(line.product_uom_qty, 6),
                line.product_uom.id or 0,
                float_repr(line.price_unit, 6),
                float_repr(line.discount, 6),
                tuple(sorted(line.tax_id.ids)),
            )
            for line in self.order_line
        )
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    def _qms_post_review_outcome(self, review):
        """Tell the salesperson the outcome of the review of their quotation."""
        self.ensure_one()
        if review.state == "approved":
            body = self.env._(
                "Contract review %(review)s is approved: the quotation may be "
                "confirmed.",
                review=review.name,
            )
        elif review.state == "rejected":
            body = self.env._(
                "Contract review %(review)s is rejected by %(roles)s.",
                review=review.name,
                roles=", ".join(
                    review.line_ids.filtered(
                        lambda line: line.result == "not_ok"
                    ).role_id.mapped("name")
                ),
            )
        else:
            return
        self.sudo().message_post(
            body=body,
            subtype_xmlid="mail.mt_note",
            message_type="comment",
            partner_ids=self.user_id.partner_id.ids,
        )

    def _qms_check_override_rights(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only a sales manager may override a contract review.")
            )

    def _qms_record_override(self, reason):
        """Let the quotation be confirmed without an approved review: the
        reason, who and when are kept on the order and in its chatter."""
        self.ensure_one()
        self._qms_check_override_rights()
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the override."))
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "Only a quotation's contract review is overridden, not the one "
                    "of the order %(order)s.",
                    order=self.name,
                )
            )
        status = self._qms_review_statuses().get(self)
        if not status or not status["blocking"]:
            raise UserError(
                self.env._(
                    "%(order)s needs no override: no contract review holds it.",
                    order=self.name,
                )
            )
        self.sudo().write(
            {
                "qms_override_reason": reason.strip(),
                "qms_override_by_id": self.env.uid,
                "qms_override_on": fields.Datetime.now(),
                "qms_review_state": "overridden",
            }
        )

    def _qms_notify_departments(self):
        """Send the key terms of the confirmed orders to the departments of
        their company, once per order (a later confirmation of the same order
        tells nobody again). Costs no query when no company of the orders has
        a department to notify."""
        orders = self.filtered(
            lambda order: (
                order.state == "sale" and not order.qms_departments_notified_on
            )
        )
        if not orders:
            return
        recipients = self.env["sales.qms.contract.recipient"]._get_company_recipients(
            orders.company_id
        )
        if not recipients:
            return
        notified = self.browse()
        for order in orders:
            partners = recipients.filtered(
                lambda recipient, order=order: recipient._applies_to(order)
            )._get_partners()
            if not partners:
                continue
            order.message_post(
                body=Markup("<p>%s</p>%s")
                % (
                    self.env._(
                        "Order %(order)s is confirmed: its key terms for the "
                        "departments concerned.",
                        order=order.name,
                    ),
                    order._qms_order_summary(),
                ),
                subtype_xmlid="mail.mt_note",
                message_type="comment",
                partner_ids=partners.ids,
            )
            notified |= order
        notified.sudo().write({"qms_departments_notified_on": fields.Datetime.now()})

    def _qms_order_summary(self):
        """The key terms of the order as HTML: customer, amounts, delivery
        date, lines and special requirements. Reviewers and departments read
        it without any access to sales."""
        self.ensure_one()
        delivery = self.commitment_date or self.expected_date
        rows = [
            (self.env._("Customer"), self.partner_id.display_name),
            (
                self.env._("Untaxed Amount"),
                format_amount(self.env, self.amount_untaxed, self.currency_id),
            ),
            (
                self.env._("Total"),
                format_amount(self.env, self.amount_total, self.currency_id),
            ),
            (
                self.env._("Delivery Date"),
                format_datetime(self.env, delivery, dt_format="short")
                if delivery
                else self.env._("Not set"),
            ),
        ]
        if self.client_order_ref:
            rows.append((self.env._("Customer Reference"), self.client_order_ref))
        if self.user_id:
            rows.append((self.env._("Salesperson"), self.user_id.name))
        html = Markup("<table class='table table-sm'><tbody>")
        for label, value in rows:
            html += Markup("<tr><th>%s</th><td>%s</td></tr>") % (label, value)
        html += Markup("</tbody></table>")
        lines = self.order_line.filtered(lambda line: not line.display_type)
        if lines:
            html += Markup(
                "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>"
            ) % (
                self.env._("Product"),
                self.env._("Quantity"),
                self.env._("Unit Price"),
                self.env._("Discount (%)"),
                self.env._("Subtotal"),
            )
            for line in lines:
                html += Markup(
                    "<tr><td>%s</td><td>%s %s</td><td>%s</td><td>%s</td>"
                    "<td>%s</td></tr>"
                ) % (
                    line.name,
                    formatLang(
                        self.env, line.product_uom_qty, dp="Product Unit of Measure"
                    ),
                    line.product_uom.name or "",
                    format_amount(self.env, line.price_unit, self.currency_id),
                    formatLang(self.env, line.discount, dp="Discount"),
                    format_amount(self.env, line.price_subtotal, self.currency_id),
                )
            html += Markup("</tbody></table>")
        if not is_html_empty(self.note):
            html += Markup("<p><strong>%s</strong></p>%s") % (
                self.env._("Special Requirements"),
                self.note,
            )
        return html
