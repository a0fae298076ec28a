"""Contract review (合同评审) gating the confirmation of quotations, the
notification of the departments, and the contract review indicator."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import SalesQmsCommon


class ContractReviewCommon(TransactionCase):
    """A company (USD) with a rule holding the quotations of 10,000 or more
    for four roles: sales (the sales manager), technical (a production
    engineer), quality (the quality representative) and finance (a group)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        usd = cls.env.ref("base.USD")
        cls.company = cls.env["res.company"].create(
            {"name": "Contract Review Co", "currency_id": usd.id}
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "Contract Review Other Co", "currency_id": usd.id}
        )
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.salesman = new_test_user(
            cls.env, "cr_salesman", groups="sales_team.group_sale_salesman", **companies
        )
        cls.salesman_2 = new_test_user(
            cls.env,
            "cr_salesman_2",
            groups="sales_team.group_sale_salesman",
            **companies,
        )
        cls.sale_manager = new_test_user(
            cls.env,
            "cr_sale_manager",
            groups="sales_team.group_sale_manager",
            **companies,
        )
        cls.technical = new_test_user(
            cls.env, "cr_technical", groups="base.group_user", **companies
        )
        cls.quality = new_test_user(
            cls.env,
            "cr_quality",
            groups="sales_qms.group_sales_qms_manager",
            **companies,
        )
        cls.finance = new_test_user(
            cls.env, "cr_finance", groups="base.group_user", **companies
        )
        cls.outsider = new_test_user(
            cls.env, "cr_outsider", groups="base.group_user", **companies
        )
        cls.finance_group = cls.env["res.groups"].create(
            {"name": "Contract Review Finance", "users": [Command.link(cls.finance.id)]}
        )
        cls.roles = {
            code: cls.env.ref(f"sales_qms.review_role_{code}")
            for code in ("sales", "technical", "quality", "finance")
        }
        cls.machines = cls.env["product.category"].create({"name": "CR Machines"})
        cls.pumps = cls.env["product.category"].create(
            {"name": "CR Pumps", "parent_id": cls.machines.id}
        )
        cls.pump = cls.env["product.product"].create(
            {
                "name": "CR Pump",
                "categ_id": cls.pumps.id,
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.service = cls.env["product.product"].create(
            {
                "name": "CR Service",
                "type": "service",
                "list_price": 10.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "CR Customer", "is_company": True}
        )
        cls.checklist = cls.env["sales.qms.review.checklist"].create(
            {
                "name": "Standard review",
                "company_id": cls.company.id,
                "item_ids": [
                    Command.create(
                        {
                            "name": "Delivery lead time feasible",
                            "role_id": cls.roles["technical"].id,
                        }
                    ),
                    Command.create({"name": "Packaging agreed with the customer"}),
                ],
            }
        )
        cls.rule = cls._rule(min_amount=10000)

    @classmethod
    def _rule(cls, company=None, reviewers=None, checklist=None, **conditions):
        reviewers = reviewers or {
            "sales": {"user_ids": [Command.set(cls.sale_manager.ids)]},
            "technical": {"user_ids": [Command.set(cls.technical.ids)]},
            "quality": {"user_ids": [Command.set(cls.quality.ids)]},
            "finance": {"group_id": cls.finance_group.id},
        }
        return cls.env["sales.qms.review.rule"].create(
            {
                "name": "Rule " + ", ".join(sorted(conditions)),
                "company_id": (company or cls.company).id,
                "checklist_id": (checklist or cls.checklist).id,
                "reviewer_ids": [
                    Command.create({"role_id": cls.roles[code].id, **vals})
                    for code, vals in reviewers.items()
                ],
                **conditions,
            }
        )

    def _quotation(self, amount=20000, product=None, user=None, partner=None, **vals):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.customer).id,
                "company_id": self.company.id,
                "user_id": (user or self.salesman).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": (product or self.pump).id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )

    def _reviewer_of(self, role_code):
        return {
            "sales": self.sale_manager,
            "technical": self.technical,
            "quality": self.quality,
            "finance": self.finance,
        }[role_code]

    def _line(self, review, role_code):
        return review.line_ids.filtered(
            lambda line: line.role_id == self.roles[role_code]
        )

    def _approve(self, order):
        """Request the review of a quotation and approve it as every role."""
        order.with_user(self.salesman).action_qms_request_review()
        review = order.qms_review_id
        for answer in review.answer_ids:
            user = self._reviewer_of(answer.role_id.code or "technical")
            answer.with_user(user).write({"result": "ok"})
        for line in review.line_ids:
            line.with_user(self._reviewer_of(line.role_id.code)).action_ok()
        self.assertEqual(review.state, "approved")
        return review


@tagged("post_install", "-at_install")
class TestContractReview(ContractReviewCommon):
    def test_confirmation_waits_for_every_role(self):
        order = self._quotation()
        self.assertTrue(order.qms_review_blocking)
        with self.assertRaisesRegex(
            UserError, "Sales, Technical / Production, Quality, Finance must approve"
        ):
            order.with_user(self.salesman).action_confirm()

        order.with_user(self.salesman).action_qms_request_review()
        review = order.qms_review_id
        self.assertRegex(review.name, r"^CR/\d{4}/\d{4}$")
        self.assertEqual(review.state, "pending")
        self.assertEqual(order.qms_review_state, "pending")
        self.assertEqual(review.rule_ids, self.rule)
        self.assertEqual(len(review.line_ids), 4)
        self.assertEqual(
            review.answer_ids.mapped("name"),
            ["Delivery lead time feasible", "Packaging agreed with the customer"],
        )
        # every reviewer gets a to-do
        self.assertEqual(
            set(review.activity_ids.user_id.ids),
            {
                self.sale_manager.id,
                self.technical.id,
                self.quality.id,
                self.finance.id,
            },
        )

        technical_line = self._line(review, "technical")
        with self.assertRaisesRegex(UserError, "Delivery lead time feasible"):
            technical_line.with_user(self.technical).action_ok()
        review.answer_ids[0].with_user(self.technical).write({"result": "ok"})
        technical_line.with_user(self.technical).action_ok()
        self.assertEqual(technical_line.reviewer_id, self.technical)
        self.assertFalse(
            review.activity_ids.filtered(lambda a: a.user_id == self.technical)
        )

        with self.assertRaises(UserError) as refusal:
            order.with_user(self.salesman).action_confirm()
        message = str(refusal.exception)
        self.assertIn(review.name, message)
        self.assertIn("waiting for Sales, Quality, Finance", message)
        self.assertNotIn("Technical", message)

        quality_line = self._line(review, "quality")
        with self.assertRaisesRegex(UserError, "Write the conditions"):
            quality_line.with_user(self.quality).action_ok_conditions()
        quality_line.with_user(self.quality).write({"comment": "Test report 100 %"})
        quality_line.with_user(self.quality).action_ok_conditions()
        self._line(review, "sales").with_user(self.sale_manager).action_ok()

        # the last role approves once the items of no role are answered
        finance_line = self._line(review, "finance")
        with self.assertRaisesRegex(UserError, "Packaging agreed"):
            finance_line.with_user(self.finance).action_ok()
        review.answer_ids[1].with_user(self.finance).write(
            {"result": "ok", "comment": "Wooden crates"}
        )
        self.assertEqual(review.answer_ids[1].answered_by_id, self.finance)
        finance_line.with_user(self.finance).action_ok()

        self.assertEqual(review.state, "approved")
        self.assertTrue(review.approved_on)
        self.assertEqual(review.snapshot_amount_untaxed, 20000)
        self.assertEqual(order.qms_review_state, "approved")
        self.assertFalse(order.qms_review_blocking)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.qms_review_state, "approved")

    def test_rejection_holds_the_quotation(self):
        order = self._quotation()
        order.with_user(self.salesman).action_qms_request_review()
        review = order.qms_review_id
        line = self._line(review, "finance")
        line.with_user(self.finance).write({"comment": "Customer over its credit"})
        line.with_user(self.finance).action_not_ok()
        self.assertEqual(review.state, "rejected")
        self.assertEqual(order.qms_review_state, "pending")
        with self.assertRaisesRegex(UserError, "rejected by Finance"):
            order.with_user(self.salesman).action_confirm()
        # a new review replaces the rejected one
        order.with_user(self.salesman).action_qms_request_review()
        self.assertEqual(review.state, "obsolete")
        self.assertNotEqual(order.qms_review_id, review)
        self.assertEqual(order.qms_review_id.state, "pending")

    def test_confirm_button_requests_the_missing_review(self):
        order = self._quotation()
        action = order.with_user(self.salesman).action_qms_confirm()
        review = order.qms_review_id
        self.assertTrue(review)
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(review.name, action["params"]["message"])
        self.assertEqual(order.state, "draft")
        # asked again, it refuses naming the roles still missing
        with self.assertRaisesRegex(UserError, "waiting for Sales, Technical"):
            order.with_user(self.salesman).action_qms_confirm()
        with self.assertRaisesRegex(UserError, "already waiting|is waiting"):
            order.with_user(self.salesman).action_qms_request_review()

    def test_only_the_allowed_reviewers_answer(self):
        order = self._quotation()
        order.with_user(self.salesman).action_qms_request_review()
        review = order.qms_review_id
        technical_line = self._line(review, "technical")
        technical_answer = review.answer_ids[0]
        for user in (self.outsider, self.salesman, self.finance):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    technical_line.with_user(user).action_ok()
                with self.assertRaises(AccessError):
                    technical_line.with_user(user).write({"comment": "fine"})
                with self.assertRaises(AccessError):
                    technical_answer.with_user(user).write({"result": "ok"})
        self.assertFalse(technical_line.result)
        self.assertFalse(technical_answer.result)
        # a reviewer writes neither the result nor the review by hand
        with self.assertRaises(AccessError):
            technical_line.with_user(self.technical).write({"result": "ok"})
        with self.assertRaises(AccessError):
            review.with_user(self.technical).write({"state": "approved"})
        with self.assertRaises(AccessError):
            review.with_user(self.salesman).write({"rule_ids": [Command.clear()]})
        # the header buttons answer the roles of the current user only
        review.answer_ids[0].with_user(self.technical).write({"result": "ok"})
        review.with_user(self.technical).action_answer_ok()
        self.assertEqual(technical_line.result, "ok")
        self.assertFalse(self._line(review, "quality").result)
        with self.assertRaises(AccessError):
            review.with_user(self.outsider).action_answer_ok()

    def test_answers_frozen_once_approved(self):
        order = self._quotation()
        review = self._approve(order)
        line = self._line(review, "quality")
        with self.assertRaisesRegex(UserError, "closed"):
            line.with_user(self.quality).action_not_ok()
        with self.assertRaisesRegex(UserError, "closed"):
            review.answer_ids[0].with_user(self.technical).write({"result": "not_ok"})
        self.assertEqual(line.result, "ok")
        with self.assertRaisesRegex(UserError, "quality record"):
            review.with_user(self.quality).unlink()

    def test_change_after_approval_needs_a_new_review(self):
        changes = {
            "amount": lambda order: order.order_line.write({"price_unit": 25000}),
            "lines": lambda order: order.write(
                {
                    "order_line": [
                        Command.create(
                            {"product_id": self.service.id, "price_unit": 0.0}
                        )
                    ]
                }
            ),
            "delivery date": lambda order: order.write(
                {"commitment_date": "2030-01-15 08:00:00"}
            ),
            "removed line": lambda order: order.order_line[1:].unlink(),
        }
        for change, apply_change in changes.items():
            with self.subTest(change=change):
                order = self._quotation(
                    order_line=[
                        Command.create(
                            {
                                "product_id": self.pump.id,
                                "price_unit": 20000,
                                "tax_id": [Command.clear()],
                            }
                        ),
                        Command.create(
                            {
                                "product_id": self.pump.id,
                                "price_unit": 1000,
                                "tax_id": [Command.clear()],
                            }
                        ),
                    ]
                )
                review = self._approve(order)
                apply_change(order.with_user(self.salesman))
                self.assertEqual(review.state, "obsolete")
                self.assertEqual(order.qms_review_state, "needed")
                self.assertTrue(order.qms_review_blocking)
                with self.assertRaisesRegex(UserError, "needs a contract review"):
                    order.with_user(self.salesman).action_confirm()
                self._approve(order)
                order.with_user(self.salesman).action_confirm()
                self.assertEqual(order.state, "sale")

        # what a review does not approve may change
        order = self._quotation()
        review = self._approve(order)
        order.with_user(self.salesman).write(
            {"client_order_ref": "PO-1", "note": "<p>Call before delivery</p>"}
        )
        self.assertEqual(review.state, "approved")
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.qms_review_state, "approved")

    def test_override_by_a_sales_manager(self):
        order = self._quotation()
        Wizard = self.env["sales.qms.review.override"]
        # a salesperson may not override, whatever the way in
        with self.assertRaises(AccessError):
            Wizard.with_user(self.salesman).create(
                {"order_id": order.id, "reason": "Urgent"}
            )
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_qms_override()
        with self.assertRaises(AccessError):
            order.with_user(self.salesman)._qms_record_override("Urgent")
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).write(
                {"qms_override_reason": "Urgent", "qms_review_state": "overridden"}
            )
        self.assertFalse(order.qms_override_on)

        wizard = Wizard.with_user(self.sale_manager).create(
            {"order_id": order.id, "reason": "   "}
        )
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_apply()
        reason = "Framework agreement already reviewed; customer line stopped"
        action = order.with_user(self.sale_manager).action_qms_override()
        self.assertEqual(action["res_model"], "sales.qms.review.override")
        wizard = Wizard.with_user(self.sale_manager).create(
            {"order_id": order.id, "reason": reason}
        )
        wizard.action_apply()
        self.assertEqual(order.qms_override_reason, reason)
        self.assertEqual(order.qms_override_by_id, self.sale_manager)
        self.assertTrue(order.qms_override_on)
        self.assertFalse(order.qms_review_blocking)
        # tracked in the chatter, by the manager
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = order.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "qms_override_reason"
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.new_value_char or tracking.new_value_text, reason)
        self.assertEqual(
            tracking.mail_message_id.author_id, self.sale_manager.partner_id
        )

        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.qms_review_state, "overridden")
        # nothing left to override on a confirmed order
        with self.assertRaises(UserError):
            Wizard.with_user(self.sale_manager).create(
                {"order_id": order.id, "reason": "Again"}
            ).action_apply()

    def test_no_rule_no_change(self):
        """A company without rules confirms as Odoo does, with no query of
        ours; a rule of another company does not hold its quotations."""
        shared = self.env["sales.qms.review.checklist"].create(
            {"name": "Shared", "company_id": False}
        )
        self._rule(company=self.other_company, checklist=shared, min_amount=1)
        self.rule.active = False
        order = self._quotation()
        self.env.flush_all()
        order._qms_check_contract_review()  # warm the cache of the rules
        with self.assertQueryCount(0):
            order._qms_check_contract_review()
            order._qms_notify_departments()
        self.assertFalse(order.qms_review_blocking)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.qms_review_state, "not_needed")
        self.assertFalse(order.qms_review_ids)
        self.assertFalse(order.qms_departments_notified_on)

    def test_no_longer_needed_review_is_obsolete_at_confirmation(self):
        order = self._quotation()
        order.with_user(self.salesman).action_qms_request_review()
        review = order.qms_review_id
        self.rule.min_amount = 50000
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(review.state, "obsolete")
        self.assertEqual(order.qms_review_state, "not_needed")

    def test_form_shows_the_review_to_do(self):
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = self.customer
            with form.order_line.new() as line:
                line.product_id = self.pump
                line.price_unit = 100
            self.assertFalse(form.qms_review_blocking)
            with form.order_line.edit(0) as line:
                line.price_unit = 15000
            self.assertTrue(form.qms_review_blocking)
            self.assertIn("must approve", form.qms_review_warning)


@tagged("post_install", "-at_install")
class TestContractReviewRules(ContractReviewCommon):
    def _matches(self, order):
        return (
            self.env["sales.qms.review.rule"]
            ._match_orders(order)
            .get(order, self.env["sales.qms.review.rule"])
        )

    def test_amount_in_company_currency(self):
        self.rule.min_amount = 20000
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 2.0,
                "currency_id": eur.id,
                "company_id": self.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": eur.id, "company_id": self.company.id}
        )
        below = self._quotation(30000, pricelist_id=pricelist.id)
        self.assertEqual(below.currency_id, eur)
        self.assertAlmostEqual(below.currency_rate, 2.0)
        # 30,000 EUR are 15,000 USD: below the rule's 20,000 USD
        self.assertFalse(self._matches(below))
        above = self._quotation(50000, pricelist_id=pricelist.id)
        self.assertEqual(self._matches(above), self.rule)
        self.assertEqual(self._matches(self._quotation(20000)), self.rule)
        self.assertFalse(self._matches(self._quotation(19999.99)))

    def test_product_category_and_its_children(self):
        self.rule.write({"min_amount": 0, "product_categ_ids": self.machines.ids})
        self.assertEqual(self._matches(self._quotation(1)), self.rule)
        self.assertFalse(self._matches(self._quotation(1, product=self.service)))

    @freeze_time("2026-03-02 04:00:00")
    def test_delivery_lead_time(self):
        self.rule.write({"min_amount": 0, "max_lead_days": 7})
        self.assertFalse(self._matches(self._quotation(1)))
        soon = self._quotation(1, commitment_date="2026-03-08 04:00:00")
        self.assertEqual(self._matches(soon), self.rule)
        later = self._quotation(1, commitment_date="2026-03-09 04:00:00")
        self.assertFalse(self._matches(later))

    def test_discount(self):
        self.rule.write({"min_amount": 0, "min_discount": 10})
        order = self._quotation(100)
        self.assertFalse(self._matches(order))
        order.order_line.discount = 9.99
        self.assertFalse(self._matches(order))
        order.order_line.discount = 10
        self.assertEqual(self._matches(order), self.rule)

    def test_new_customer(self):
        self.rule.write({"min_amount": 0, "new_customer": True})
        buyer = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id}
        )
        first = self._quotation(100)
        self.assertEqual(self._matches(first), self.rule)
        # a cancelled order, or an order of another company, makes no history
        cancelled = self._quotation(100)
        cancelled._action_cancel()
        other = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.other_company.id,
                "order_line": [Command.create({"product_id": self.pump.id})],
            }
        )
        other.action_confirm()
        self.assertEqual(self._matches(first), self.rule)
        self._approve(first)
        first.with_user(self.salesman).action_confirm()
        # the customer, and its contacts, are known from now on
        self.assertFalse(self._matches(self._quotation(100)))
        self.assertFalse(self._matches(self._quotation(100, partner=buyer)))

    def test_all_conditions_of_a_rule_must_hold(self):
        self.rule.write(
            {
                "min_amount": 10000,
                "product_categ_ids": self.pumps.ids,
                "min_discount": 5,
            }
        )
        order = self._quotation(20000)
        self.assertFalse(self._matches(order))
        order.order_line.discount = 5
        self.assertEqual(self._matches(order), self.rule)
        self.assertFalse(self._matches(self._quotation(20000, product=self.service)))

    def test_roles_of_every_matching_rule(self):
        discount_rule = self._rule(
            min_discount=20,
            reviewers={
                "finance": {"user_ids": [Command.set(self.finance.ids)]},
                "quality": {"user_ids": [Command.set(self.sale_manager.ids)]},
            },
        )
        order = self._quotation(20000)
        order.order_line.discount = 25
        self.assertEqual(self._matches(order), self.rule | discount_rule)
        order.with_user(self.salesman).action_qms_request_review()
        review = order.qms_review_id
        self.assertEqual(len(review.line_ids), 4)
        quality_line = self._line(review, "quality")
        self.assertEqual(quality_line.user_ids, self.quality | self.sale_manager)
        self.assertEqual(self._line(review, "finance").user_ids, self.finance)
        self.assertEqual(self._line(review, "finance").group_ids, self.finance_group)
        # one answer per checklist item, even when two rules use the checklist
        self.assertEqual(len(review.answer_ids), 2)

    def test_bad_rules_are_refused(self):
        Rule = self.env["sales.qms.review.rule"]
        base = {
            "company_id": self.company.id,
            "checklist_id": self.checklist.id,
            "reviewer_ids": [
                Command.create(
                    {
                        "role_id": self.roles["quality"].id,
                        "user_ids": [Command.set(self.quality.ids)],
                    }
                )
            ],
        }
        cases = {
            "cannot be negative": {"min_amount": -1},
            "between 0 and 100": {"min_discount": 120},
            "days of the review rule": {"max_lead_days": -3},
            "sets no condition": {},
            "names no reviewing role": {"min_amount": 5, "reviewer_ids": []},
            "Name the users or the group": {
                "min_amount": 5,
                "reviewer_ids": [Command.create({"role_id": self.roles["sales"].id})],
            },
        }
        for message, vals in cases.items():
            with self.subTest(message=message):
                with self.assertRaises(ValidationError) as error:
                    Rule.with_user(self.quality).create(
                        dict(base, name=f"Bad: {message}", **vals)
                    )
                self.assertIn(message, str(error.exception))
                self.assertFalse(
                    Rule.with_context(active_test=False).search_count(
                        [("name", "=", f"Bad: {message}")]
                    )
                )
        with self.assertRaises(ValidationError):
            self.rule.with_user(self.quality).min_discount = -5
        self.assertEqual(self.rule.min_discount, 0)
        # only the quality representative configures the rules
        with self.assertRaises(AccessError):
            Rule.with_user(self.sale_manager).create(
                dict(base, name="Manager's rule", min_amount=1)
            )


@tagged("post_install", "-at_install")
class TestContractReviewNotification(ContractReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule.active = False
        cls.production = new_test_user(
            cls.env,
            "cr_production",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        Recipient = cls.env["sales.qms.contract.recipient"]
        cls.department = Recipient.create(
            {
                "name": "Production",
                "company_id": cls.company.id,
                "user_ids": [Command.set(cls.production.ids)],
            }
        )
        cls.finance_department = Recipient.create(
            {
                "name": "Finance",
                "company_id": cls.company.id,
                "group_id": cls.finance_group.id,
            }
        )
        cls.pump_department = Recipient.create(
            {
                "name": "Pump workshop",
                "company_id": cls.company.id,
                "user_ids": [Command.set(cls.technical.ids)],
                "product_categ_ids": [Command.set(cls.pumps.ids)],
            }
        )
        # a department of another company hears nothing of this one
        Recipient.create(
            {
                "name": "Elsewhere",
                "company_id": cls.other_company.id,
                "user_ids": [Command.set(cls.outsider.ids)],
            }
        )

    def _notifications(self, order):
        return order.message_ids.filtered(
            lambda message: self.production.partner_id in message.partner_ids
        )

    def test_departments_notified_once(self):
        order = self._quotation(
            1234,
            product=self.service,
            commitment_date="2026-05-20 02:00:00",
            note="<p>Stainless steel bolts only</p>",
            client_order_ref="PO-778",
        )
        order.with_user(self.salesman).action_confirm()
        notifications = self._notifications(order)
        self.assertEqual(len(notifications), 1)
        self.assertEqual(
            notifications.partner_ids,
            self.production.partner_id | self.finance.partner_id,
        )
        self.assertEqual(notifications.subtype_id, self.env.ref("mail.mt_note"))
        body = str(notifications.body)
        for expected in (
            order.name,
            "CR Customer",
            "1,234.00",
            "$",
            "5/20/26",
            "Stainless steel bolts only",
            "PO-778",
            "CR Service",
        ):
            self.assertIn(expected, body)
        self.assertTrue(order.qms_departments_notified_on)
        # the customer (a follower) is not sent the internal message
        self.assertNotIn(self.customer, notifications.notified_partner_ids)

        order._action_cancel()
        order.action_draft()
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(self._notifications(order)), 1)

    def test_department_of_a_product_category(self):
        services = self._quotation(10, product=self.service)
        pumps = self._quotation(10)
        (services | pumps).with_user(self.salesman).action_confirm()
        technical = self.technical.partner_id
        self.assertFalse(
            services.message_ids.filtered(lambda m: technical in m.partner_ids)
        )
        self.assertEqual(
            len(pumps.message_ids.filtered(lambda m: technical in m.partner_ids)), 1
        )
        self.assertEqual(len(self._notifications(services)), 1)
        self.assertEqual(len(self._notifications(pumps)), 1)

    def test_departments_need_someone(self):
        with self.assertRaisesRegex(ValidationError, "Name the users or the group"):
            self.env["sales.qms.contract.recipient"].create(
                {"name": "Nobody", "company_id": self.company.id}
            )


@tagged("post_install", "-at_install")
class TestContractReviewAccess(ContractReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._quotation_of(cls.salesman)
        cls.colleague = cls._quotation_of(cls.salesman_2)
        for order in cls.own | cls.colleague:
            order.with_user(order.user_id).action_qms_request_review()

    @classmethod
    def _quotation_of(cls, user):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "user_id": user.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.pump.id,
                            "price_unit": 50000,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )

    def test_salesperson_sees_the_reviews_of_their_orders(self):
        Review = self.env["sales.qms.review"].with_user(self.salesman)
        self.assertEqual(Review.search([]), self.own.qms_review_id)
        with self.assertRaises(AccessError):
            self.colleague.qms_review_id.with_user(self.salesman).read(["name"])
        Line = self.env["sales.qms.review.line"].with_user(self.salesman)
        self.assertEqual(Line.search([]).review_id, self.own.qms_review_id)
        # a salesperson creates no review by hand, nor for a colleague
        with self.assertRaises(AccessError):
            Review.create({"order_id": self.own.id})
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.salesman).action_qms_request_review()

    def test_reviewers_see_the_reviews_naming_them(self):
        reviews = self.own.qms_review_id | self.colleague.qms_review_id
        for user in (self.technical, self.finance):
            with self.subTest(user=user.login):
                found = self.env["sales.qms.review"].with_user(user).search([])
                self.assertEqual(found, reviews)
                # what they review, without any access to sales
                self.assertIn("CR Pump", reviews[0].with_user(user).order_summary or "")
        self.assertFalse(
            self.env["sales.qms.review"].with_user(self.outsider).search([])
        )
        waiting = (
            self.env["sales.qms.review"]
            .with_user(self.technical)
            .search([("can_answer", "=", True)])
        )
        self.assertEqual(waiting, reviews)

    def test_multi_company(self):
        other_manager = new_test_user(
            self.env,
            "cr_other_manager",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_manager",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        for model in (
            "sales.qms.review",
            "sales.qms.review.line",
            "sales.qms.review.answer",
            "sales.qms.review.rule",
            "sales.qms.review.rule.reviewer",
            "sales.qms.review.checklist",
        ):
            with self.subTest(model=model):
                self.assertFalse(
                    self.env[model]
                    .with_user(other_manager)
                    .search([("company_id", "=", self.company.id)])
                )
        with self.assertRaises(AccessError):
            self.own.qms_review_id.with_user(other_manager).read(["name"])
        # a rule may not use the checklist of another company
        with self.assertRaises(UserError):
            self.env["sales.qms.review.rule"].create(
                {
                    "name": "Mixed companies",
                    "company_id": self.other_company.id,
                    "min_amount": 1,
                    "checklist_id": self.checklist.id,
                    "reviewer_ids": [
                        Command.create(
                            {
                                "role_id": self.roles["sales"].id,
                                "user_ids": [Command.set(other_manager.ids)],
                            }
                        )
                    ],
                }
            )


@tagged("post_install", "-at_install")
class TestContractReviewIndicator(SalesQmsCommon):
    """Hand-computed contract review rate (company calendar, Shanghai):

    ====== ============ ================================ =====================
    month  salesperson  orders that needed a review      rate
    ====== ============ ================================ =====================
    01     sp1          r1 approved, r2 overridden       1/2 = 50 %
    01     sp2          r3 approved                      1/1 = 100 %
    02     sp1          r4 approved                      1/1 = 100 %
    02     sp2          r5 overridden, r6 overridden     0/2 = 0 %
    ====== ============ ================================ =====================

    Company: January 2/3, February 1/3, March no data. The base orders
    (o1…o7) needed no review and are not counted; neither is a quotation or
    a cancelled order with a review status.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.indicator = cls.env.ref("sales_qms.indicator_contract_review_rate")
        sp1, sp2, t1, t2 = cls.salesman_1, cls.salesman_2, cls.team_1, cls.team_2
        cls.r1 = cls._reviewed(sp1, t1, "2026-01-05 02:00", "approved")
        # January 31st 17:00 UTC is February 1st in Shanghai
        cls.r4 = cls._reviewed(sp1, t1, "2026-01-31 17:00", "approved")
        cls.r2 = cls._reviewed(sp1, t1, "2026-01-20 02:00", "overridden")
        cls.r3 = cls._reviewed(sp2, t2, "2026-01-25 02:00", "approved")
        cls.r5 = cls._reviewed(sp2, t2, "2026-02-10 02:00", "overridden")
        cls.r6 = cls._reviewed(sp2, t2, "2026-02-20 02:00", "overridden")
        cls._reviewed(sp2, t2, "2026-02-21 02:00", "approved", state="draft")
        cls._reviewed(sp1, t1, "2026-02-22 02:00", "approved", state="cancel")

    @classmethod
    def _reviewed(cls, user, team, confirmed, review_state, state="sale"):
        order = cls._order(cls.cust_1, user, team, 1000, confirmed, confirmed, state)
        cls.env.cr.execute(
            "UPDATE sale_order SET qms_review_state = %s WHERE id = %s",
            (review_state, order.id),
        )
        order.invalidate_recordset(["qms_review_state"])
        return order

    def _values(self, scope_type, scope_ids):
        values = self.indicator._compute_values(
            date(2026, 1, 1),
            date(2026, 3, 31),
            scope_type,
            scope_ids,
            company_ids=self.company.ids,
        )
        return {(month, scope): triple for (_i, month, scope), triple in values.items()}

    def assertTriple(self, actual, expected):
        value, numerator, denominator = expected
        if value is None:
            self.assertIsNone(actual[0])
        else:
            self.assertAlmostEqual(actual[0], value, places=4)
        self.assertEqual(actual[1:], (numerator, denominator))

    def test_rate_per_company_and_salesperson(self):
        jan, feb, mar = (date(2026, month, 1) for month in (1, 2, 3))
        company = self._values("company", self.company.ids)
        self.assertTriple(company[(jan, self.company.id)], (200 / 3, 2, 3))
        self.assertTriple(company[(feb, self.company.id)], (100 / 3, 1, 3))
        self.assertTriple(company[(mar, self.company.id)], (None, 0, 0))
        sp1, sp2 = self.salesman_1.id, self.salesman_2.id
        users = self._values("user", [sp1, sp2])
        self.assertTriple(users[(jan, sp1)], (50, 1, 2))
        self.assertTriple(users[(jan, sp2)], (100, 1, 1))
        self.assertTriple(users[(feb, sp1)], (100, 1, 1))
        self.assertTriple(users[(feb, sp2)], (0, 0, 2))

    def test_drilldown_lists_the_counted_orders(self):
        action = self.indicator._action_drilldown(
            date(2026, 2, 1),
            date(2026, 2, 28),
            "company",
            self.company.id,
            company_ids=self.company.ids,
        )
        orders = self.env["sale.order"].with_context(active_test=False)
        self.assertEqual(orders.search(action["domain"]), self.r4 | self.r5 | self.r6)
        self.assertEqual(action["context"]["group_by"], ["qms_review_state"])
        view = self.env.ref("sales_qms.sale_order_view_list_drilldown_review")
        self.assertEqual(action["views"][0], (view.id, "list"))
        self.assertNotIn("sample", view.arch)
        overrides = orders.search(
            action["domain"] + [("qms_review_state", "=", "overridden")]
        )
        self.assertEqual(overrides, self.r5 | self.r6)
        action = self.indicator._action_drilldown(
            date(2026, 1, 1),
            date(2026, 1, 31),
            "user",
            self.salesman_1.id,
            company_ids=self.company.ids,
        )
        self.assertEqual(orders.search(action["domain"]), self.r1 | self.r2)

    def test_one_query_per_computation(self):
        scope_ids = [self.salesman_1.id, self.salesman_2.id]
        self.env.flush_all()
        self.indicator._compute_values(
            date(2026, 1, 1), date(2026, 1, 31), "user", scope_ids, self.company.ids
        )
        with self.assertQueryCount(1):
            values = self.indicator._compute_values(
                date(2026, 1, 1),
                date(2026, 12, 31),
                "user",
                scope_ids,
                company_ids=self.company.ids,
            )
        self.assertEqual(len(values), 24)

    def test_confirmation_records_the_review_status(self):
        """The status the indicator reads is the one the confirmation set."""
        self.env.flush_all()
        quotation = self._order(
            self.cust_2, self.salesman_1, self.team_1, 10, "2026-03-02 02:00"
        )
        self._set_dates(quotation, "2026-03-02 02:00", state="draft")
        quotation.action_confirm()
        self.assertEqual(quotation.qms_review_state, "not_needed")
        self.assertEqual(quotation.date_order.date(), datetime.now().date())
