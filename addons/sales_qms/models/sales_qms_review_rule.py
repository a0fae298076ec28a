from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class SalesQmsReviewRule(models.Model):
    """Which quotations need a contract review (合同评审) before confirmation.

    A rule sets one or more conditions on a quotation; it matches when ALL the
    conditions it sets hold. A quotation matched by any active rule of its
    company is confirmed only once a review covering the roles of its rules
    is approved, or a sales manager recorded an override. With no rule in a
    company, confirming an order is exactly Odoo's.
    """

    _name = "sales.qms.review.rule"
    _inherit = ["sales.qms.company.config.mixin"]
    _description = "Contract Review Rule"
    _order = "sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    min_amount = fields.Monetary(
        string="Untaxed Amount From",
        currency_field="currency_id",
        help="The quotation's untaxed amount, converted into the company "
        "currency, is at least this amount. 0: no condition on the amount.",
    )
    product_categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="A line of the quotation sells a product of one of these "
        "categories or of their sub-categories.",
    )
    max_lead_days = fields.Integer(
        string="Delivery Sooner Than (Days)",
        help="The delivery date promised to the customer is sooner than this "
        "number of days from today. 0: no condition on the delivery date.",
    )
    min_discount = fields.Float(
        string="Discount From (%)",
        digits="Discount",
        help="A line of the quotation has at least this discount. 0: no "
        "condition on discounts.",
    )
    new_customer = fields.Boolean(
        help="The customer (its company) has no confirmed order yet in this company."
    )
    checklist_id = fields.Many2one(
        "sales.qms.review.checklist",
        required=True,
        check_company=True,
        help="The questions the reviewers answer.",
    )
    reviewer_ids = fields.One2many(
        "sales.qms.review.rule.reviewer",
        "rule_id",
        string="Reviewers",
        copy=True,
        help="The roles approving the review and who may answer for each.",
    )
    role_ids = fields.Many2many(
        "sales.qms.review.role",
        string="Reviewing Roles",
        compute="_compute_role_ids",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("reviewer_ids.role_id")
    def _compute_role_ids(self):
        for rule in self:
            rule.role_ids = rule.reviewer_ids.role_id

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    # "name" is always written at creation: a rule with no condition at all
    # is checked too
    @api.constrains(
        "name",
        "min_amount",
        "product_categ_ids",
        "max_lead_days",
        "min_discount",
        "new_customer",
    )
    def _check_conditions(self):
        for rule in self:
            if rule.min_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The amount of the review rule %(rule)s cannot be negative.",
                        rule=rule.name,
                    )
                )
            if not 0 <= rule.min_discount <= 100:
                raise ValidationError(
                    self.env._(
                        "The discount of the review rule %(rule)s must be between 0 "
                        "and 100 %%.",
                        rule=rule.name,
                    )
                )
            if rule.max_lead_days < 0:
                raise ValidationError(
                    self.env._(
                        "The number of days of the review rule %(rule)s cannot be "
                        "negative.",
                        rule=rule.name,
                    )
                )
            if not rule._has_condition():
                raise ValidationError(
                    self.env._(
                        "The review rule %(rule)s sets no condition: it would hold "
                        "every quotation. Set an amount, product categories, a "
                        "delivery lead time, a discount or new customers.",
                        rule=rule.name,
                    )
                )

    @api.constrains("reviewer_ids", "checklist_id")
    def _check_reviewer_ids(self):
        for rule in self:
            if not rule.reviewer_ids:
                raise ValidationError(
                    self.env._(
                        "The review rule %(rule)s names no reviewing role.",
                        rule=rule.name,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _get_company_rules(self, companies):
        """The active rules of ``companies``, as superuser: a rule applies
        whoever confirms."""
        rule_ids = [
            rule_id
            for company in companies
            for rule_id in self._get_active_ids(company.id)
        ]
        return self.sudo().browse(rule_ids)

    def _has_condition(self):
        self.ensure_one()
        return bool(
            self.min_amount
            or self.product_categ_ids
            or self.max_lead_days
            or self.min_discount
            or self.new_customer
        )

    @api.model
    def _match_orders(self, orders):
        """``{order: rules}``: the active rules matching each quotation.

        The conditions a rule sets must all hold. Cheap conditions are tested
        first; the customers' order history is read once for all orders, only
        for the rules that still match on everything else.
        """
        rules = self._get_company_rules(orders.company_id)
        if not rules:
            return {}
        candidates = {}
        for order in orders:
            for rule in rules:
                if rule.company_id == order.company_id and rule._match_order(order):
                    candidates.setdefault(order, []).append(rule)
        history_orders = [
            order
            for order, order_rules in candidates.items()
            if any(rule.new_customer for rule in order_rules)
        ]
        known_customers = self._get_known_customers(
            self.env["sale.order"].concat(*history_orders)
        )
        result = {}
        for order, order_rules in candidates.items():
            customer = (order.company_id.id, order.partner_id.commercial_partner_id.id)
            matched = [
                rule
                for rule in order_rules
                if not rule.new_customer or customer not in known_customers
            ]
            if matched:
                result[order] = self.concat(*matched)
        return result

    def _match_order(self, order):
        """Whether the conditions of the rule but the customer's history hold
        for ``order``."""
        self.ensure_one()
        if self.min_amount:
            amount = order.amount_untaxed / (order.currency_rate or 1.0)
            if self.company_id.currency_id.compare_amounts(amount, self.min_amount) < 0:
                return False
        lines = order.order_line.filtered(lambda line: not line.display_type)
        if self.min_discount and not any(
            float_compare(line.discount, self.min_discount, precision_digits=2) >= 0
            for line in lines
        ):
            return False
        if self.max_lead_days:
            if not order.commitment_date:
                return False
            today = fields.Date.context_today(order)
            delivery = fields.Datetime.context_timestamp(
                order, order.commitment_date
            ).date()
            if delivery - today >= timedelta(days=self.max_lead_days):
                return False
        if self.product_categ_ids:
            paths = self.product_categ_ids.mapped("parent_path")
            categ_paths = lines.product_id.categ_id.mapped("parent_path")
            if not any(
                categ_path.startswith(path)
                for categ_path in categ_paths
                for path in paths
            ):
                return False
        return True

    @api.model
    def _get_known_customers(self, orders):
        """``{(company id, commercial partner id)}`` of the customers of
        ``orders`` having another confirmed order in the company, in one
        query."""
        if not orders:
            return set()
        order_ids = [order_id for order_id in orders._origin.ids if order_id]
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "sale"),
                    ("company_id", "in", orders.company_id.ids),
                    (
                        "partner_id.commercial_partner_id",
                        "in",
                        orders.partner_id.commercial_partner_id.ids,
                    ),
                    ("id", "not in", order_ids),
                ],
                ["company_id", "partner_id"],
            )
        )
        return {
            (company.id, partner.commercial_partner_id.id)
            for company, partner in groups
        }
