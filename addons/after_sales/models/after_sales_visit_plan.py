"""年度回访服务计划: the annual return-visit plan.

Confirming a plan freezes its customers into plan lines; the visits
themselves are created ahead of time by a daily scheduled action
(``after.sales.visit._cron_generate_visits``).
"""

import calendar
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

MONTHS = [(str(number), calendar.month_abbr[number]) for number in range(1, 13)]
VISIT_TYPES = [("on_site", "On Site"), ("phone", "Phone"), ("online", "Online")]


class AfterSalesVisitPlan(models.Model):
    _name = "after.sales.visit.plan"
    _description = "Annual Return-Visit Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    customer_rule = fields.Selection(
        [
            ("category", "Customer Tags"),
            ("revenue", "Last Year's Revenue"),
            ("domain", "Filter"),
            ("list", "List of Customers"),
        ],
        string="Customers By",
        required=True,
        default="category",
    )
    partner_category_ids = fields.Many2many(
        "res.partner.category", string="Customer Tags"
    )
    revenue_min = fields.Monetary(
        "Minimum Revenue",
        currency_field="currency_id",
        help="Confirmed sales (untaxed) of the customer in the previous year.",
    )
    revenue_max = fields.Monetary(
        "Maximum Revenue",
        currency_field="currency_id",
        help="Leave empty for no upper bound.",
    )
    partner_domain = fields.Char("Customer Filter", default="[]")
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    visits_per_customer = fields.Integer(default=1, required=True)
    month_from = fields.Selection(MONTHS, "From Month", default="1")
    month_to = fields.Selection(MONTHS, "To Month", default="12")
    visit_type = fields.Selection(VISIT_TYPES, required=True, default="on_site")
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        check_company=True,
        help="Who visits every customer of the plan; leave empty to assign "
        "each customer's own salesperson.",
    )
    line_ids = fields.One2many(
        "after.sales.visit.plan.line", "plan_id", "Plan Customers"
    )
    visit_ids = fields.One2many("after.sales.visit", "plan_id", "Visits")
    customer_count = fields.Integer(compute="_compute_customer_count")
    visit_count = fields.Integer(compute="_compute_visit_counts")
    visit_done_count = fields.Integer("Done", compute="_compute_visit_counts")
    visit_missed_count = fields.Integer("Missed", compute="_compute_visit_counts")
    visit_rescheduled_count = fields.Integer(
        "Rescheduled", compute="_compute_visit_counts"
    )
    visit_planned_total = fields.Integer(
        "Planned Visits", compute="_compute_visit_counts"
    )
    note = fields.Html()

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends(
        "state",
        "line_ids",
        "customer_rule",
        "partner_category_ids",
        "revenue_min",
        "revenue_max",
        "partner_domain",
        "partner_ids",
        "company_id",
        "year",
    )
    def _compute_customer_count(self):
        confirmed = self.filtered(lambda plan: plan.state != "draft" and plan.id)
        counts = dict(
            self.env["after.sales.visit.plan.line"]._read_group(
                [("plan_id", "in", confirmed.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            if plan in confirmed:
                plan.customer_count = counts.get(plan._origin, 0)
            else:
                try:
                    plan.customer_count = len(plan._get_customers())
                except (ValueError, SyntaxError, NameError, UserError):
                    plan.customer_count = 0

    @api.depends("visit_ids.state")
    def _compute_visit_counts(self):
        groups = self.env["after.sales.visit"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id", "state"], ["__count"]
        )
        counts = {}
        for plan, state, count in groups:
            counts.setdefault(plan, {})[state] = count
        for plan in self:
            by_state = counts.get(plan._origin, {})
            plan.visit_count = sum(by_state.values())
            plan.visit_done_count = by_state.get("done", 0)
            plan.visit_missed_count = by_state.get("missed", 0)
            plan.visit_rescheduled_count = by_state.get("rescheduled", 0)
            plan.visit_planned_total = (
                plan.customer_count * plan.visits_per_customer
                if plan.state != "draft"
                else 0
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("month_from", "month_to")
    def _check_months(self):
        for plan in self:
            if not plan.month_from or not plan.month_to:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: choose the months the visits fall in "
                        "(at least one month).",
                        plan=plan.name,
                    )
                )
            if int(plan.month_from) > int(plan.month_to):
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: the first month of the visits comes "
                        "after the last one.",
                        plan=plan.name,
                    )
                )

    @api.constrains("visits_per_customer")
    def _check_visits_per_customer(self):
        for plan in self:
            if not 1 <= plan.visits_per_customer <= 366:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: a customer is visited at least once "
                        "and at most 366 times a year.",
                        plan=plan.name,
                    )
                )

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(
                    self.env._("Plan %(plan)s: the year is not valid.", plan=plan.name)
                )

    @api.constrains("revenue_min", "revenue_max")
    def _check_revenue(self):
        for plan in self:
            if plan.revenue_min < 0 or plan.revenue_max < 0:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: a revenue bound cannot be negative.",
                        plan=plan.name,
                    )
                )
            if plan.revenue_max and plan.revenue_min > plan.revenue_max:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: the minimum revenue exceeds the maximum.",
                        plan=plan.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        frozen = set(vals) & {
            "year",
            "company_id",
            "customer_rule",
            "partner_category_ids",
            "revenue_min",
            "revenue_max",
            "partner_domain",
            "partner_ids",
            "visits_per_customer",
            "month_from",
            "month_to",
            "visit_type",
            "user_id",
        }
        if frozen and any(plan.state != "draft" for plan in self):
            raise UserError(
                self.env._(
                    "A confirmed plan keeps its customers and schedule: "
                    "reset it to draft or cancel it instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(
                self.env._("Only a draft plan can be deleted; cancel it instead.")
            )

    # ------------------------------------------------------------
    # ACTION METHODS
    # ------------------------------------------------------------

    def _check_manager(self):
        if not self.env.user.has_group("after_sales.group_after_sales_manager"):
            raise UserError(
                self.env._("Only an after-sales manager manages the visit plans.")
            )

    def action_confirm(self):
        """Freeze the customers into plan lines; the daily action then
        creates the visits ahead of their dates."""
        self._check_manager()
        self.check_access("write")
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._("Plan %(plan)s is not a draft.", plan=plan.name)
                )
            customers = plan._get_customers()
            if not customers:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s selects no customer: check its rules.",
                        plan=plan.name,
                    )
                )
            users = {}
            if not plan.user_id:
                users = {
                    row["id"]: row["user_id"]
                    for row in customers.read(["user_id"], load=None)
                }
            self.env["after.sales.visit.plan.line"].create(
                [
                    {
                        "plan_id": plan.id,
                        "partner_id": partner_id,
                        "user_id": plan.user_id.id or users.get(partner_id),
                    }
                    for partner_id in customers.ids
                ]
            )
            plan.state = "confirmed"
        return True

    def action_done(self):
        self._check_manager()
        self.filtered(lambda plan: plan.state == "confirmed").state = "done"
        return True

    def action_cancel(self):
        """Stop the plan: no more visits are created, planned ones are
        cancelled; done visits stay as records."""
        self._check_manager()
        self.visit_ids.filtered(lambda visit: visit.state == "planned").sudo().write(
            {"state": "cancel"}
        )
        self.state = "cancel"
        return True

    def action_draft(self):
        self._check_manager()
        for plan in self:
            if plan.state != "cancel" or plan.visit_ids.filtered(
                lambda visit: visit.state != "cancel"
            ):
                raise UserError(
                    self.env._(
                        "Only a cancelled plan without visits goes back to draft."
                    )
                )
        self.line_ids.unlink()
        self.state = "draft"
        return True

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "after_sales.after_sales_visit_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {
            "default_plan_id": self.id,
            "search_default_group_state": 1,
        }
        return action

    def action_preview_customers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customers of the Plan"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self._get_customers().ids)]
            if self.state == "draft"
            else [("id", "in", self.line_ids.partner_id.ids)],
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_customers(self):
        """The commercial partners the rules of the plan select."""
        self.ensure_one()
        Partner = self.env["res.partner"].with_context(active_test=True)
        domain = [
            ("parent_id", "=", False),
            ("company_id", "in", [False, self.company_id.id]),
        ]
        if self.customer_rule == "category":
            if not self.partner_category_ids:
                return Partner
            domain.append(("category_id", "in", self.partner_category_ids.ids))
        elif self.customer_rule == "domain":
            domain += safe_eval(self.partner_domain or "[]")
        elif self.customer_rule == "list":
            domain.append(("id", "in", self.partner_ids.ids))
        elif self.customer_rule == "revenue":
            revenues = self._get_previous_year_revenues()
            partner_ids = [
                partner_id
                for partner_id, amount in revenues.items()
                if amount >= self.revenue_min
                and (not self.revenue_max or amount <= self.revenue_max)
            ]
            domain.append(("id", "in", partner_ids))
        return Partner.search(domain, order="id")

    def _get_previous_year_revenues(self):
        """``{commercial partner id: confirmed untaxed amount}`` of the year
        before the plan's, in one grouped query."""
        self.ensure_one()
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "sale"),
                    ("company_id", "=", self.company_id.id),
                    ("date_order", ">=", date(self.year - 1, 1, 1)),
                    ("date_order", "<", date(self.year, 1, 1)),
                ],
                ["partner_id"],
                ["amount_untaxed:sum"],
            )
        )
        revenues = {}
        for partner, amount in groups:
            commercial_id = partner.commercial_partner_id.id
            revenues[commercial_id] = revenues.get(commercial_id, 0.0) + amount
        return revenues

    def _get_period(self):
        """First and last day of the months the visits fall in."""
        self.ensure_one()
        first = date(self.year, int(self.month_from), 1)
        last_month = int(self.month_to)
        last = date(
            self.year, last_month, calendar.monthrange(self.year, last_month)[1]
        )
        return first, last

    def _planned_date(self, partner_id, sequence):
        """The date of visit ``sequence`` (1-based) of a customer.

        The period is cut into as many equal slots as visits; inside a slot,
        customers are spread by a stable hash of their id so that the visits
        of a big plan do not all fall on one day; weekends move to a
        weekday of the period.
        """
        first, last = self._get_period()
        span = (last - first).days + 1
        slot = span / self.visits_per_customer
        offset = (partner_id * 7919 % 1000) / 1000.0
        day = first + timedelta(days=int((sequence - 1 + offset) * slot))
        if day.weekday() == 5:
            day -= timedelta(days=1)
        elif day.weekday() == 6:
            day += timedelta(days=1)
            if day > last:
                day -= timedelta(days=3)
        return max(first, min(day, last))
