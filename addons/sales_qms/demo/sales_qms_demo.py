"""Demo data generated in Python: the company's currency, a year of
quotations and orders, sign-offs, who read the quality policy, and the
language the demo writes its messages in.

Loaded by the demo XML files of this module (and of after_sales) only. The
orders get XML ids of this module, so uninstalling it removes them like any
other demo record.
"""

import logging
import random
from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Command
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

DEMO_ORDER_COUNT = 150
DEMO_ORDER_XMLID = "sales_qms.sale_order_demo_history_{:03d}"

# (customer, month of the history in which its first order is confirmed,
# relative size of its orders). Month 0 holds the customers the company
# already had; the others are won during the year (none in months 2 and 7).
DEMO_CUSTOMERS = [
    ("sales_qms.res_partner_demo_suzhou_precision", 0, 1.4),
    ("sales_qms.res_partner_demo_ningbo_haitian", 0, 1.0),
    ("sales_qms.res_partner_demo_hangzhou_zhongrui", 0, 1.2),
    ("sales_qms.res_partner_demo_foshan_meilian", 0, 1.3),
    ("sales_qms.res_partner_demo_xiamen_tongchuang", 0, 0.9),
    ("sales_qms.res_partner_demo_wuxi_huaguang", 1, 1.1),
    ("sales_qms.res_partner_demo_shenzhen_pengda", 1, 1.0),
    ("sales_qms.res_partner_demo_shanghai_shentong", 3, 1.2),
    ("sales_qms.res_partner_demo_zhongshan_kaili", 4, 0.7),
    ("sales_qms.res_partner_demo_hefei_jinding", 5, 0.9),
    ("sales_qms.res_partner_demo_guangzhou_nanfang", 5, 1.3),
    ("sales_qms.res_partner_demo_qingdao_haichuang", 6, 0.8),
    ("sales_qms.res_partner_demo_changzhou_hengli", 8, 1.0),
    ("sales_qms.res_partner_demo_nanning_guixin", 9, 0.6),
    ("sales_qms.res_partner_demo_wenzhou_yonggu", 10, 0.8),
    ("sales_qms.res_partner_demo_dongguan_hengchang", 11, 0.7),
]
# (product, smallest and largest quantity of a line)
DEMO_PRODUCTS = [
    ("sales_qms.product_product_demo_valve_block", 1, 6),
    ("sales_qms.product_product_demo_bearing", 20, 120),
    ("sales_qms.product_product_demo_flange", 10, 80),
    ("sales_qms.product_product_demo_servo_motor", 1, 8),
    ("sales_qms.product_product_demo_actuator", 2, 20),
]
# Relative number of quotations per calendar month: Spring Festival in
# February, Golden Week in October, the year-end push in December.
DEMO_MONTH_VOLUME = {
    1: 1.1,
    2: 0.55,
    3: 1.15,
    4: 1.0,
    5: 1.0,
    6: 1.1,
    7: 0.9,
    8: 0.85,
    9: 1.1,
    10: 0.85,
    11: 1.0,
    12: 1.2,
}
# What the accounting demo of ``account`` creates, entries and statements.
ACCOUNT_DEMO_MODELS = (
    "account.move",
    "account.bank.statement",
    "account.bank.statement.line",
)
# Who read the quality policy in force, and how many days after it was
# asked; the other employees have not yet (张伟 among them: he tries it).
DEMO_POLICY_READERS = [
    (1, "sales_qms.res_users_demo_lin_jianguo"),
    (1, "sales_qms.res_users_demo_zhou_min"),
    (2, "sales_qms.res_users_demo_zhao_lei"),
    (3, "sales_qms.res_users_demo_he_jing"),
    (5, "sales_qms.res_users_demo_li_na"),
    (8, "sales_qms.res_users_demo_wang_qiang"),
]
# Extra days customers take to place their order: holidays slow approvals.
DEMO_MONTH_EXTRA_DAYS = {1: 3, 2: 4, 7: 2, 10: 1}


class SalesQmsDemo(models.AbstractModel):
    _name = "sales.qms.demo"
    _description = "Quality Management Demo Data"

    @api.model
    def _set_company_currency(self, currency_xmlid="base.CNY"):
        """The demo company keeps its books in yuan.

        Odoo refuses to change a company's currency once journal items
        exist, and the accounting demo of ``account`` posted its invoices
        and bank statements in the company's first currency when it was
        installed, before this module. When those demo entries are all the
        accounting the company has, they are removed, the currency changed
        and the accounting demo loaded again, now in the new currency. The
        company's pricelists and the quotations of earlier demos change
        currency too.

        Does nothing when the company already has the currency, and keeps it
        when the company holds accounting that is not the demo's.
        """
        company = self.env.ref("base.main_company")
        currency = self.env.ref(currency_xmlid)
        if company.currency_id == currency:
            return False
        currency.active = True
        moves = self.env["account.move"].search(
            [("company_id", "child_of", company.id)]
        )
        demo_ids = {
            (data.model, data.res_id)
            for data in self.env["ir.model.data"].search(
                [
                    ("module", "=", "account"),
                    ("model", "in", list(ACCOUNT_DEMO_MODELS)),
                ]
            )
        }

        def is_demo(move):
            # an entry of the demo, or of a bank statement (line) of the demo
            return not demo_ids.isdisjoint(
                {
                    ("account.move", move.id),
                    ("account.bank.statement.line", move.statement_line_id.id),
                    ("account.bank.statement", move.statement_line_id.statement_id.id),
                }
            )

        if not all(is_demo(move) for move in moves):
            _logger.info(
                "The company %s has accounting entries of its own: it keeps its "
                "currency %s.",
                company.name,
                company.currency_id.name,
            )
            return False
        if moves:
            statements = moves.statement_line_id.statement_id
            moves.line_ids.remove_move_reconcile()
            moves.filtered(lambda move: move.state == "posted").button_draft()
            moves.with_context(force_delete=True).unlink()
            statements.exists().unlink()
        former = company.currency_id
        company.currency_id = currency
        if moves:
            self.env["account.chart.template"]._install_demo(company)
        # the company's pricelists and the quotations of earlier demos, in yuan
        # like the quotations to come (their lines follow)
        self.env["product.pricelist"].with_context(active_test=False).search(
            [("company_id", "=", company.id), ("currency_id", "=", former.id)]
        ).write({"currency_id": currency.id})
        self.env["sale.order"].search(
            [("company_id", "=", company.id), ("currency_id", "=", former.id)]
        ).write({"currency_id": currency.id})
        return True

    @api.model
    def _in_chinese(self, modules=("sales_qms",)):
        """This model in the language the demo company works in.

        Messages and to-dos the code writes are stored in the language of
        the moment they are written: when Chinese is installed (``scripts/run``
        and docker load it before the addons), the demo writes them in
        Chinese, as its users would have. The terms of ``modules`` (activity
        types, selections) are loaded first: Odoo loads a module's terms
        after its demo data. Without Chinese, nothing changes.
        """
        if not self.env["res.lang"]._lang_get("zh_CN"):
            return self
        loaded = self.env.cr.cache.setdefault("sales_qms_demo_terms", set())
        if missing := [module for module in modules if module not in loaded]:
            self.env["ir.module.module"]._load_module_terms(missing, ["zh_CN"])
            loaded.update(missing)
        return self.with_context(lang="zh_CN")

    @api.model
    def _translate_creation_messages(self, modules=("sales_qms",)):
        """Name the model in Chinese in the “… created” line of the records
        the demo created.

        Odoo logs that line in the user's language but reads the model's
        name without one while it loads data, and loads a module's terms
        after its demo: the line read “Quality Objective 创建”. The records
        are those of the models of ``modules``, those the demo created under
        their XML ids and the survey answers of the satisfaction campaigns.
        Without Chinese, nothing changes.
        """
        chinese = self._in_chinese(modules)
        if chinese is self:
            return False
        Model = self.env["ir.model"]
        models = Model.search(
            [("model", "=like", "sales.qms.%"), ("transient", "=", False)]
        ) | Model.search(
            [("model", "=like", "after.sales.%"), ("transient", "=", False)]
        )
        data = self.env["ir.model.data"].search(
            [
                ("module", "in", list(modules)),
                ("model", "not in", models.mapped("model")),
            ]
        )
        record_ids = defaultdict(list)
        for datum in data:
            record_ids[datum.model].append(datum.res_id)
        # the survey answers of the satisfaction campaigns
        record_ids["survey.user_input"] = (
            self.env["sales.qms.satisfaction.response"].search([]).user_input_id.ids
        )
        domains = [[("model", "=", model.model)] for model in models] + [
            [("model", "=", name), ("res_id", "in", ids)]
            for name, ids in record_ids.items()
        ]
        Message = self.env["mail.message"].sudo()
        for domain in domains:
            name = domain[0][2]
            english = Model.with_context(lang="en_US")._get(name).name
            translated = chinese.env["ir.model"]._get(name).name
            if english == translated:
                continue
            for message in Message.search(
                [
                    *domain,
                    ("message_type", "=", "notification"),
                    ("body", "=like", f"<p>{english} %"),
                ]
            ):
                message.body = Markup(
                    str(message.body).replace(f"<p>{english} ", f"<p>{translated} ", 1)
                )
        return True

    @api.model
    def _call_in_chinese(self, model, method, ids, modules=("sales_qms",)):
        """Call ``method`` of the records ``ids`` of ``model`` as the demo's
        XML would, its messages and to-dos in Chinese (``_in_chinese``)."""
        env = self._in_chinese(modules).env
        return getattr(env[model].browse(ids), method)()

    @api.model
    def _sign_off(
        self, model, ids, signers, signed_on=None, approve="action_signoff_approve"
    ):
        """Sign ``ids`` off through the real steps: prepared, reviewed and
        approved by the three ``signers`` (user ids, in that order), then dated
        ``signed_on`` (a datetime string) when the story happened earlier.
        Without ``approve``, the records wait for their approval."""
        records = self._in_chinese().env[model].browse(ids)
        preparer, reviewer, approver = self.env["res.users"].browse(signers)
        Message = self.env["mail.message"].sudo()
        domain = [("model", "=", model), ("res_id", "in", records.ids)]
        earlier = Message.search(domain)
        records.with_user(preparer).action_signoff_prepare()
        records.with_user(reviewer).action_signoff_review()
        if approve:
            getattr(records.with_user(approver), approve)()
        if signed_on:
            records._write_signoff(
                {
                    "signoff_prepared_on": signed_on,
                    "signoff_reviewed_on": signed_on,
                    "signoff_approved_on": signed_on,
                }
            )
            # what the sign-off logged (the approved version kept), that day
            (Message.search(domain) - earlier).write({"date": signed_on})

    @api.model
    def _gather_review_inputs(self, review_ids):
        """Gathered by the quality representative, who works in Chinese when
        it is installed: the inputs are frozen in the gatherer's language, so
        this module's terms are loaded first (they are otherwise loaded after
        its demo data)."""
        manager = self.env.ref("sales_qms.res_users_demo_zhou_min")
        reviews = self._in_chinese().env["sales.qms.management.review"]
        reviews.browse(review_ids).with_user(manager).action_gather_inputs()

    @api.model
    def _load_policy_acknowledgements(self, policy_ids):
        """Who has read the quality policy in force (ISO 9001 §5.2.2).

        Its version came into force on its effective date and asked every
        employee to read it then; those who joined the demo after its
        approval are asked the same way. Top management, the quality and
        sales managers, the auditor and two salespeople read it in the first
        weeks; the others have not yet and were reminded once, a week after.
        Every date is moved back to that story.

        Does nothing when somebody has already read it.
        """
        policy = self._in_chinese().env["sales.qms.policy"].browse(policy_ids)
        Acknowledgement = self.env["sales.qms.policy.acknowledgement"].sudo()
        if policy.state != "approved" or Acknowledgement.search_count(
            [("policy_id", "=", policy.id), ("state", "=", "done")]
        ):
            return False
        policy._request_acknowledgements()
        asked_on = datetime.combine(policy.effective_date, time(1, 0))
        acknowledgements = Acknowledgement.search([("policy_id", "=", policy.id)])
        acknowledgements.write({"requested_on": asked_on})
        policy._acknowledgement_activities().write(
            {"date_deadline": policy.effective_date + timedelta(days=7)}
        )
        activity_type = self.env.ref(
            "sales_qms.mail_activity_type_policy_acknowledgement"
        )
        for days, xmlid in DEMO_POLICY_READERS:
            user = self.env.ref(xmlid)
            policy.with_user(user).action_acknowledge()
            read_on = asked_on + timedelta(days=days, hours=days % 5)
            acknowledgements.filtered(lambda a, u=user: a.user_id == u).write(
                {"acknowledged_on": read_on}
            )
            # the “read and understood” of the to-do, in the chatter that day
            self.env["mail.message"].sudo().search(
                [
                    ("model", "=", policy._name),
                    ("res_id", "=", policy.id),
                    ("author_id", "=", user.partner_id.id),
                    ("mail_activity_type_id", "=", activity_type.id),
                ]
            ).write({"date": read_on})
        acknowledgements.filtered(lambda a: a.state == "pending").write(
            {"reminded_on": asked_on + timedelta(days=7, minutes=30)}
        )
        return True

    @api.model
    def _load_order_history(self):
        """A year of quotations and orders for the demo customers.

        Creates about 150 quotations spread over the last 12 months (the
        current one included) for the demo customers of the main company,
        confirms about 70 % of them, cancels about 10 % and leaves the rest
        open, then backdates them in SQL: ``create_date`` is the quotation
        date and ``date_order`` the confirmation date, as the quality
        indicators read them. The generator is seeded, so every database
        gets the same story, shifted to its installation date.

        Core demo orders whose date was set in the past are also aligned
        (a quotation is never created after its order date), otherwise the
        "days from quotation to order" of the last months would be negative.

        Does nothing when the demo orders already exist.
        """
        if self.env.ref(DEMO_ORDER_XMLID.format(1), raise_if_not_found=False):
            return False
        company = self.env.ref("base.main_company")
        customers = [
            (self.env.ref(xmlid), first_month, size)
            for xmlid, first_month, size in DEMO_CUSTOMERS
        ]
        products = [
            (self.env.ref(xmlid), low, high) for xmlid, low, high in DEMO_PRODUCTS
        ]
        plans = self._plan_order_history(
            random.Random(2026), fields.Datetime.now(), customers, products
        )

        Order = (
            self.env["sale.order"]
            .with_company(company)
            .with_context(
                tracking_disable=True, mail_create_nolog=True, mail_notrack=True
            )
        )
        orders = Order.create(
            [
                {
                    "partner_id": plan["partner"].id,
                    "user_id": plan["partner"].user_id.id,
                    "team_id": plan["partner"].user_id.sale_team_id.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty}
                        )
                        for product, qty in plan["lines"]
                    ],
                }
                for plan in plans
            ]
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": DEMO_ORDER_XMLID.format(number),
                    "record": order,
                    "noupdate": True,
                }
                for number, order in enumerate(orders, start=1)
            ]
        )
        by_outcome = {"sale": Order, "cancel": Order, "sent": Order, "draft": Order}
        for order, plan in zip(orders, plans, strict=True):
            by_outcome[plan["state"]] |= order
        by_outcome["sale"].action_confirm()
        by_outcome["cancel"].action_cancel()
        by_outcome["sent"].action_quotation_sent()
        # the confirmation writes date_order: flush it before overwriting it
        self.env.flush_all()

        rows = SQL(", ").join(
            SQL(
                "(%s, %s::timestamp, %s::timestamp, %s::date, %s)",
                order.id,
                plan["quoted_on"],
                plan["ordered_on"] or plan["quoted_on"],
                (plan["quoted_on"] + timedelta(days=30)).date(),
                plan["partner"].user_id.id,
            )
            for order, plan in zip(orders, plans, strict=True)
        )
        self.env.cr.execute(
            SQL(
                """UPDATE sale_order o
                      SET create_date = v.create_date,
                          date_order = v.date_order,
                          validity_date = v.validity_date,
                          create_uid = v.user_id,
                          write_uid = v.user_id
                     FROM (VALUES %s)
                          AS v(id, create_date, date_order, validity_date, user_id)
                    WHERE o.id = v.id""",
                rows,
            )
        )
        # Core demo orders dated in the past were still created today.
        self.env.cr.execute(
            SQL(
                """UPDATE sale_order
                      SET create_date = date_order
                    WHERE company_id = %s
                      AND create_date > date_order
                      AND id NOT IN %s""",
                company.id,
                tuple(orders.ids),
            )
        )
        self.env.cr.execute(
            SQL(
                """UPDATE sale_order_line l
                      SET create_date = o.create_date,
                          create_uid = o.create_uid
                     FROM sale_order o
                    WHERE l.order_id = o.id
                      AND o.company_id = %s
                      AND l.create_date > o.create_date""",
                company.id,
            )
        )
        self.env["sale.order.line"].invalidate_model()
        self.env["sale.order"].invalidate_model()
        return True

    @api.model
    def _plan_order_history(self, rng, now, customers, products):
        """What each demo quotation becomes, without creating it.

        :param random.Random rng: the seeded generator
        :param datetime now: the present (UTC, naive); nothing is dated after it
        :param list customers: ``(partner, first_month, size)`` tuples
        :param list products: ``(product, min_qty, max_qty)`` tuples
        :return: a list of dicts with ``partner``, ``lines`` (product, qty),
            ``state`` and the UTC datetimes ``quoted_on`` and ``ordered_on``
            (False unless confirmed), sorted by quotation date
        """
        today = now.date()
        first_day = today.replace(day=1) - relativedelta(months=11)
        months = [first_day + relativedelta(months=index) for index in range(12)]

        def working_days(month):
            last = min(month + relativedelta(months=1, days=-1), today)
            days = [month + timedelta(days=n) for n in range((last - month).days + 1)]
            return [day for day in days if day.weekday() < 5] or days

        def at_office_hours(day):
            # 09:00-17:00 in China, the same date in UTC and in Europe
            return datetime.combine(day, time(rng.randint(1, 8), rng.randint(0, 59)))

        def lines_for(size):
            count = rng.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0]
            return [
                (product, max(1, round(rng.randint(low, high) * size)))
                for product, low, high in rng.sample(products, count)
            ]

        # quotations per month, in proportion to the working days and the season
        weights = [
            DEMO_MONTH_VOLUME[month.month] * len(working_days(month))
            for month in months
        ]
        counts = [int(DEMO_ORDER_COUNT * weight / sum(weights)) for weight in weights]
        for index in sorted(range(12), key=lambda i: -weights[i])[
            : DEMO_ORDER_COUNT - sum(counts)
        ]:
            counts[index] += 1

        plans = []
        for index, month in enumerate(months):
            days = working_days(month)
            extra_days = DEMO_MONTH_EXTRA_DAYS.get(month.month, 0)
            # the first order of a customer won this month: quoted early, confirmed fast
            won = [c for c in customers if c[1] == index]
            first_half = days[: max(1, len(days) // 2)]
            for partner, _first_month, size in won:
                quoted_on = min(at_office_hours(rng.choice(first_half)), now)
                delay = timedelta(days=rng.randint(0, 5), hours=2)
                ordered_on = min(quoted_on + delay, now)
                plans.append(
                    {
                        "partner": partner,
                        "lines": lines_for(size),
                        "state": "sale",
                        "quoted_on": quoted_on,
                        "ordered_on": ordered_on,
                    }
                )
            # customers already buying (those of month 0 buy from the start)
            known = [c for c in customers if c[1] < index or c[1] == 0]
            for _count in range(max(0, counts[index] - len(won))):
                partner, _first_month, size = rng.choices(
                    known, weights=[c[2] for c in known]
                )[0]
                quoted_on = min(at_office_hours(rng.choice(days)), now)
                delay = min(15, round(rng.triangular(1, 14, 4)) + extra_days)
                ordered_on = quoted_on + timedelta(days=delay, hours=rng.randint(1, 6))
                outcome = rng.random()
                lines = lines_for(size)
                if outcome < 0.74 and ordered_on <= now:
                    state = "sale"
                elif outcome < 0.74 or outcome >= 0.85:
                    # still waiting for the customer's purchase order
                    state, ordered_on = rng.choice(["draft", "sent", "sent"]), False
                else:
                    state, ordered_on = "cancel", False
                plans.append(
                    {
                        "partner": partner,
                        "lines": lines,
                        "state": state,
                        "quoted_on": quoted_on,
                        "ordered_on": ordered_on,
                    }
                )
        plans.sort(key=lambda plan: plan["quoted_on"])
        return plans

    # ------------------------------------------------------------
    # CUSTOMER SATISFACTION
    # ------------------------------------------------------------

    @api.model
    def _load_satisfaction_answers(self):
        """Launch the two demo campaigns and have most customers answer.

        The last campaign was sent 240 days ago and is closed; this one was
        sent 60 days ago and is still running, two customers have not
        answered (one was reminded). Answers are seeded: most customers are
        satisfied, a few rate delivery or price lower, one is unhappy (its
        salesperson gets a follow-up activity).
        """
        env = self._in_chinese().env
        today = fields.Date.context_today(self)
        for xmlid, days_ago, unanswered, seed in (
            ("sales_qms.sales_qms_satisfaction_campaign_demo_previous", 240, 4, 2025),
            ("sales_qms.sales_qms_satisfaction_campaign_demo_current", 60, 2, 2026),
        ):
            campaign = env.ref(xmlid)
            if campaign.response_ids:
                continue
            campaign.with_context(mail_notrack=True).action_launch()
            invited_on = today - timedelta(days=days_ago)
            responses = campaign.response_ids.sorted("id")
            responses._write_answers(
                {
                    "invitation_date": invited_on,
                    "invitation_sent_on": datetime.combine(invited_on, time(2, 0)),
                }
            )
            rng = random.Random(seed)
            lines = campaign.question_line_ids.sorted("sequence")
            for index, response in enumerate(responses[:-unanswered]):
                # index of the answer: 0 very satisfied … 4 very dissatisfied
                unhappy = index == 5
                for line in lines:
                    if unhappy:
                        choice = rng.choice([2, 3, 3])
                    elif line.dimension_id.code in ("delivery", "price"):
                        choice = rng.choices([0, 1, 2], weights=[4, 5, 1])[0]
                    else:
                        choice = rng.choices([0, 1, 2], weights=[7, 3, 0.5])[0]
                    answer = line.question_id.suggested_answer_ids.sorted("sequence")[
                        choice
                    ]
                    response.user_input_id._save_lines(line.question_id, answer.id)
                response.user_input_id._mark_done()
                response._write_answers(
                    {"answer_date": invited_on + timedelta(days=1 + index % 20)}
                )
            reminded = responses[-1]
            reminded._write_answers(
                {
                    "reminder_sent_on": datetime.combine(
                        invited_on + timedelta(days=campaign.reminder_days), time(1, 30)
                    )
                }
            )
            if days_ago > 120:
                campaign.action_close()
        return True
