from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common_visit import AfterSalesVisitCommon


@tagged("post_install", "-at_install")
class TestVisitPlan(AfterSalesVisitCommon):
    def _generate_all(self, batch_size=500):
        Visit = self.env["after.sales.visit"]
        created = 0
        while True:
            done, remaining = Visit._cron_generate_visits(batch_size=batch_size)
            created += done
            if not remaining:
                return created

    def test_plan_without_month_is_refused(self):
        Plan = self.env["after.sales.visit.plan"]
        for months in ({"month_from": False}, {"month_to": False}):
            with self.assertRaises(ValidationError) as error:
                with self.env.cr.savepoint():
                    self._plan(name="No month plan", **months)
            self.assertIn("at least one month", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            with self.env.cr.savepoint():
                self._plan(name="No month plan", month_from="9", month_to="3")
        self.assertIn("after the last one", str(error.exception))
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                self._plan(name="No month plan", visits_per_customer=0)
        self.assertFalse(Plan.search([("name", "=", "No month plan")]))

    def test_customer_rules(self):
        plan = self._plan(customer_rule="category")
        self.assertEqual(plan.customer_count, 0, "no tag chosen, nobody selected")
        plan.partner_category_ids = self.key_account
        self.assertEqual(plan._get_customers(), self.cust_1 | self.cust_2)
        self.assertEqual(plan.customer_count, 2)
        plan.write(
            {
                "customer_rule": "domain",
                "partner_domain": f"[('name', '=', '{self.cust_3.name}')]",
            }
        )
        self.assertEqual(plan._get_customers(), self.cust_3)
        # contacts and the other company's customers are never selected
        plan.partner_domain = "[]"
        selected = plan._get_customers()
        self.assertNotIn(self.cust_1_contact, selected)
        self.assertNotIn(self.other_customer, selected)

    def test_customer_rule_revenue_last_year(self):
        """Confirmed untaxed sales of 2025 of each customer (its contacts'
        orders included): cust 1 = 1,000 + 500, cust 2 = 5,000; cust 3's
        2026 order and cust 2's cancelled order do not count."""
        product = self.env["product.product"].create(
            {"name": "Valve", "list_price": 1.0, "taxes_id": [Command.clear()]}
        )

        def order(partner, amount, date_order, state="sale"):
            so = (
                self.env["sale.order"]
                .with_company(self.company)
                .create(
                    {
                        "partner_id": partner.id,
                        "company_id": self.company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": 1,
                                    "price_unit": amount,
                                    "tax_id": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            )
            so.write({"state": state, "date_order": date_order})

        order(self.cust_1, 1000, "2025-03-01 02:00:00")
        order(self.cust_1_contact, 500, "2025-12-30 02:00:00")
        order(self.cust_2, 5000, "2025-06-01 02:00:00")
        order(self.cust_2, 9000, "2025-06-01 02:00:00", state="cancel")
        order(self.cust_3, 8000, "2026-01-02 02:00:00")
        plan = self._plan(customer_rule="revenue", revenue_min=2000)
        self.assertEqual(
            plan._get_previous_year_revenues(),
            {self.cust_1.id: 1500.0, self.cust_2.id: 5000.0},
        )
        self.assertEqual(plan._get_customers(), self.cust_2)
        plan.write({"revenue_min": 1000, "revenue_max": 2000})
        self.assertEqual(plan._get_customers(), self.cust_1)
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                plan.write({"revenue_min": 3000, "revenue_max": 2000})
        self.assertEqual(plan.revenue_min, 1000)

    def test_confirm_freezes_customers_and_salespeople(self):
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.with_user(self.salesman_1).action_confirm()
        plan.with_user(self.manager).action_confirm()
        self.assertEqual(plan.state, "confirmed")
        lines = {line.partner_id: line.user_id for line in plan.line_ids}
        self.assertEqual(
            lines, {self.cust_1: self.salesman_1, self.cust_2: self.salesman_2}
        )
        self.assertEqual(plan.customer_count, 2)
        with self.assertRaises(UserError):
            plan.visits_per_customer = 5
        empty = self._plan(partner_ids=[Command.clear()])
        with self.assertRaises(UserError):
            empty.action_confirm()
        self.assertEqual(empty.state, "draft")

    def test_planned_dates_spread_over_the_months(self):
        plan = self._plan()
        for partner in self.cust_1 | self.cust_2:
            dates = [plan._planned_date(partner.id, rank) for rank in (1, 2, 3)]
            self.assertEqual(dates, sorted(dates))
            # July, August, September: one visit in each third of the period
            bounds = [date(2026, 7, 1), date(2026, 7, 31), date(2026, 8, 31)]
            for planned, start in zip(dates, bounds, strict=True):
                self.assertGreaterEqual(planned, start - timedelta(days=1))
                self.assertLess(planned, start + timedelta(days=32))
                self.assertLess(planned.weekday(), 5, "never on a weekend")
                self.assertLessEqual(planned, date(2026, 9, 30))

    def test_generation_twice_creates_each_visit_once(self):
        plan = self._plan()
        plan.action_confirm()
        with freeze_time("2026-06-01"):
            # 30 days before July: nothing due within the 14-day lead time
            self.assertEqual(self._generate_all(), 0)
        with freeze_time("2026-12-31"):
            self.assertEqual(self._generate_all(batch_size=4), 6)
            self.assertEqual(self._generate_all(), 0, "the second run creates nothing")
        visits = plan.visit_ids
        self.assertEqual(len(visits), 6)
        keys = {(v.partner_id, v.sequence) for v in visits}
        self.assertEqual(len(keys), 6)
        self.assertEqual(
            {v.partner_id: v.user_id for v in visits},
            {self.cust_1: self.salesman_1, self.cust_2: self.salesman_2},
        )
        self.assertEqual(set(visits.mapped("team_id")), {self.team_1, self.team_2})
        self.assertTrue(all(v.name.startswith("HF2026") for v in visits))
        self.assertEqual(len(set(visits.mapped("name"))), 6)
        activity_type = self.env.ref("after_sales.mail_activity_type_visit")
        for visit in visits:
            self.assertEqual(visit.activity_ids.activity_type_id, activity_type)
            self.assertEqual(visit.activity_ids.user_id, visit.user_id)
            self.assertEqual(visit.activity_ids.date_deadline, visit.date_planned)
        self.assertEqual(plan.visit_count, 6)
        self.assertEqual(plan.visit_planned_total, 6)

    def test_generation_numbers_each_company_from_its_sequence(self):
        """One run generating the plans of two companies numbers each visit
        from the sequence of its own company."""
        self.env["ir.sequence"].create(
            {
                "name": "Other Co Return Visit",
                "code": "after.sales.visit",
                "prefix": "OC%(year)s",
                "padding": 4,
                "company_id": self.other_company.id,
            }
        )
        plan = self._plan()
        plan.action_confirm()
        other_plan = (
            self.env["after.sales.visit.plan"]
            .with_company(self.other_company)
            .create(
                {
                    "name": "Other Plan",
                    "year": 2026,
                    "company_id": self.other_company.id,
                    "customer_rule": "list",
                    "partner_ids": [Command.set(self.other_customer.ids)],
                    "visits_per_customer": 2,
                    "month_from": "7",
                    "month_to": "9",
                }
            )
        )
        other_plan.action_confirm()
        with freeze_time("2026-12-31"):
            self.assertEqual(
                self.env["after.sales.visit"]._cron_generate_visits(), (8, 0)
            )
        self.assertEqual(len(plan.visit_ids), 6)
        self.assertEqual(len(other_plan.visit_ids), 2)
        self.assertEqual(plan.visit_ids.company_id, self.company)
        self.assertEqual(other_plan.visit_ids.company_id, self.other_company)
        self.assertTrue(all(v.name.startswith("HF2026") for v in plan.visit_ids))
        self.assertEqual(
            sorted(other_plan.visit_ids.mapped("name")), ["OC20260001", "OC20260002"]
        )
        for visit in plan.visit_ids | other_plan.visit_ids:
            self.assertEqual(visit.activity_ids.summary, visit.name)

    def test_generation_respects_the_lead_time(self):
        self.company.after_sales_visit_lead_days = 10
        plan = self._plan()
        plan.action_confirm()
        today = date(2026, 7, 25)
        with freeze_time(today):
            self._generate_all()
        expected = {
            (partner, rank)
            for partner in self.cust_1 | self.cust_2
            for rank in (1, 2, 3)
            if plan._planned_date(partner.id, rank) <= today + timedelta(days=10)
        }
        self.assertTrue(expected, "the first visits are due")
        self.assertLess(len(expected), 6, "the last ones are not yet")
        self.assertEqual({(v.partner_id, v.sequence) for v in plan.visit_ids}, expected)

    def test_database_refuses_a_duplicate_visit(self):
        plan = self._plan()
        plan.action_confirm()
        with freeze_time("2026-12-31"):
            self._generate_all()
        visit = plan.visit_ids[0]
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        "INSERT INTO after_sales_visit (name, plan_id, partner_id, "
                        "sequence, company_id, date_planned, state, visit_type) "
                        "VALUES ('dup', %s, %s, %s, %s, %s, 'planned', 'on_site')",
                        plan.id,
                        visit.partner_id.id,
                        visit.sequence,
                        self.company.id,
                        fields.Date.to_string(visit.date_planned),
                    )
                )

    def test_cancel_stops_generation(self):
        plan = self._plan()
        plan.action_confirm()
        with freeze_time("2026-07-25"):
            self._generate_all()
        done_before = len(plan.visit_ids)
        plan.with_user(self.manager).action_cancel()
        self.assertTrue(all(v.state == "cancel" for v in plan.visit_ids))
        with freeze_time("2026-12-31"):
            self.assertEqual(self._generate_all(), 0)
        self.assertEqual(len(plan.visit_ids), done_before)


@tagged("post_install", "-at_install")
class TestVisitPlanBulk(AfterSalesVisitCommon):
    def _bulk_plan(self, count, prefix):
        self.env.cr.execute(
            SQL(
                "INSERT INTO res_partner (name, ref, active, company_id, type, "
                "is_company, user_id, autopost_bills, create_date, write_date) "
                "SELECT 'Bulk ' || n, %s || n, true, %s, 'contact', true, %s, "
                "'ask', now(), now() FROM generate_series(1, %s) n",
                prefix,
                self.company.id,
                self.salesman_1.id,
                count,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET commercial_partner_id = id WHERE ref LIKE %s",
                f"{prefix}%",
            )
        )
        self.env.invalidate_all()
        plan = self._plan(
            customer_rule="domain",
            partner_domain=f"[('ref', '=like', '{prefix}%')]",
            visits_per_customer=1,
            month_from="1",
            month_to="12",
        )
        self.assertEqual(plan.customer_count, count)
        plan.action_confirm()
        return plan

    def _batch_queries(self, batch_size):
        """Queries of one batch of the scheduled action, caches cold."""
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        result = self.env["after.sales.visit"]._cron_generate_visits(
            batch_size=batch_size
        )
        self.env.flush_all()
        return self.env.cr.sql_log_count - start, result

    def test_10000_customers_in_batches_of_constant_queries(self):
        """A plan of 10,000 customers is generated in 10 batches of 1,000,
        each costing the same number of queries (the first one also warms
        the registry caches: sequence, activity type, model id)."""
        plan = self._bulk_plan(10000, "BULK")
        counts = []
        with freeze_time("2026-12-31"):
            for batch in range(10):
                queries, (done, remaining) = self._batch_queries(1000)
                counts.append(queries)
                self.assertEqual((done, remaining), (1000, 9000 - 1000 * batch))
            self.assertEqual(
                self.env["after.sales.visit"]._cron_generate_visits(batch_size=1000),
                (0, 0),
                "a second run creates nothing",
            )
        self.assertEqual(len(set(counts[1:])), 1, f"queries per batch: {counts}")
        self.assertLessEqual(counts[0] - counts[1], 10, f"queries per batch: {counts}")
        self.assertEqual(
            self.env["after.sales.visit"].search_count([("plan_id", "=", plan.id)]),
            10000,
        )
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*), COUNT(DISTINCT res_id) FROM mail_activity "
                "WHERE res_model = 'after.sales.visit' AND res_id IN "
                "(SELECT id FROM after_sales_visit WHERE plan_id = %s)",
                plan.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone(), (10000, 10000))

    def test_batch_cost_does_not_grow_with_the_plan(self):
        """A batch of 100 visits costs the same on a plan of 150 customers
        as on a plan of 1,500: the work per customer is Python only."""
        small = self._bulk_plan(150, "SMALL")
        counts = {}
        with freeze_time("2026-12-31"):
            self._batch_queries(100)  # warm the caches
            counts["small"], (done, _remaining) = self._batch_queries(100)
            self.assertEqual(done, 50)
        # the small plan is finished: only the big one has work left
        small.action_done()
        self._bulk_plan(1500, "BIG")
        with freeze_time("2026-12-31"):
            counts["big"], (done, remaining) = self._batch_queries(100)
            self.assertEqual((done, remaining), (100, 1400))
        # 50 and 100 visits are both one INSERT chunk of the ORM (100 rows)
        self.assertEqual(counts["small"], counts["big"], f"queries: {counts}")
