from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common_complaint import AfterSalesComplaintCommon, utc

MARCH = date(2026, 3, 1)
APRIL = date(2026, 4, 1)


@tagged("post_install", "-at_install")
class TestComplaintIndicators(AfterSalesComplaintCommon):
    """Hand-computed (Shanghai time, working Mon-Fri 8-12, 13-17):

    ==== ========== ==== ======== ================ ====== ===================
    c    received   cust category resolved (hours) rating SLA lines
    ==== ========== ==== ======== ================ ====== ===================
    c1   Mon 2 Mar  sp1  quality  Tue 10:00 (8 h)  5      resp late, res ok
    c2   Tue 10 Mar sp1  quality  open, repeat     -      both breached
    c3   Fri 20 Mar sp2  delivery Mon 13:00 (10 h) 3      resp late, res ok
    c4   Wed 1 Apr  sp1  delivery open             -      both breached
    ==== ========== ==== ======== ================ ====== ===================

    March: resolution rate 2/3, average 9 h, repeat 1/3, rating 4, SLA 2/6;
    April: 0/1, no resolution time, no rating, SLA 0/2. Two orders confirmed
    in March, c1 refers to one: 50 per 100.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category_valves = cls.env["product.category"].create({"name": "阀门"})
        product = cls.env["product.product"].create(
            {
                "name": "阀块",
                "type": "consu",
                "list_price": 10,
                "categ_id": cls.category_valves.id,
            }
        )
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.company.id,
                    "user_id": cls.salesperson.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 1})
                    ],
                }
                for _i in range(2)
            ]
        )
        with freeze_time(utc(datetime(2026, 3, 5, 10, 0))):
            orders.with_company(cls.company).action_confirm()
        cls.order = orders[0]

        def received(day, hour=10):
            return utc(datetime(2026, day[0], day[1], hour, 0))

        with freeze_time(received((3, 2))):
            cls.c1 = cls._complaint(
                received_at=received((3, 2)),
                sale_order_id=cls.order.id,
                product_id=product.id,
            )
        with freeze_time(received((3, 3))):
            cls.c1.stage_id = cls.stage_resolved
        cls.c1._apply_confirmation(True, 5, "好", "link", "赵工")
        with freeze_time(received((3, 10))):
            cls.c2 = cls._complaint(received_at=received((3, 10)))
        with freeze_time(received((3, 20))):
            cls.c3 = cls._complaint(
                received_at=received((3, 20)),
                partner_id=cls.customer_2.id,
                category="delivery",
            )
        with freeze_time(received((3, 23), 13)):
            cls.c3.stage_id = cls.stage_resolved
        cls.c3._apply_confirmation(True, 3, "", "phone", "钱经理")
        with freeze_time(received((4, 1))):
            cls.c4 = cls._complaint(received_at=received((4, 1)), category="delivery")
        with freeze_time(received((4, 15))):
            cls.env["after.sales.complaint.sla"]._cron_escalate()

    def _values(self, code, scope_type="company", scope_ids=None):
        indicator = self.env.ref(f"after_sales.indicator_{code}")
        scope_ids = scope_ids or self.company.ids
        values = indicator._compute_values(
            MARCH,
            date(2026, 4, 30),
            scope_type,
            scope_ids,
            company_ids=self.company.ids,
        )
        return {
            (month, scope): value
            for (_indicator, month, scope), value in values.items()
        }

    def _assert(self, values, key, expected):
        value, numerator, denominator = values[key]
        if expected[0] is None:
            self.assertIsNone(value)
        else:
            self.assertAlmostEqual(value, expected[0], places=2)
        self.assertAlmostEqual(numerator, expected[1], places=2)
        self.assertAlmostEqual(denominator, expected[2], places=2)

    def test_hand_computed_facts(self):
        self.assertEqual(self.c1.resolution_hours, 8.0)
        self.assertEqual(self.c3.resolution_hours, 10.0)
        self.assertTrue(self.c2.is_repeat)
        self.assertFalse(self.c3.is_repeat)

    def test_resolution_rate(self):
        company = self.company.id
        values = self._values("complaint_resolution_rate")
        self._assert(values, (MARCH, company), (200 / 3, 2, 3))
        self._assert(values, (APRIL, company), (0.0, 0, 1))
        per_user = self._values(
            "complaint_resolution_rate",
            "user",
            (self.salesperson | self.salesperson_2).ids,
        )
        self._assert(per_user, (MARCH, self.salesperson.id), (50.0, 1, 2))
        self._assert(per_user, (MARCH, self.salesperson_2.id), (100.0, 1, 1))

    def test_product_category_scope(self):
        """Only c1 is about a valve: resolved and confirmed, 1/1."""
        category = self.category_valves.id
        values = self._values(
            "complaint_resolution_rate", "product_category", [category]
        )
        self._assert(values, (MARCH, category), (100.0, 1, 1))
        self.assertIsNone(values.get((APRIL, category), (None,))[0])
        objective = self.env["sales.qms.objective"].create(
            {
                "name": "阀门类客诉解决率",
                "company_id": self.company.id,
                "fiscal_year_id": self.env["sales.qms.fiscal.year"]
                .create(
                    {
                        "name": "2026",
                        "company_id": self.company.id,
                        "date_from": date(2026, 1, 1),
                        "date_to": date(2026, 12, 31),
                    }
                )
                .id,
                "indicator_id": self.env.ref(
                    "after_sales.indicator_complaint_resolution_rate"
                ).id,
                "scope_type": "product_category",
                "product_category_id": category,
                "comparison": "ge",
                "target": 100,
                "owner_id": self.manager.id,
            }
        )
        self.assertEqual(objective.product_category_id, self.category_valves)

    def test_resolution_hours(self):
        values = self._values("complaint_resolution_hours")
        self._assert(values, (MARCH, self.company.id), (9.0, 18, 2))

    def test_repeat_rate(self):
        values = self._values("complaint_repeat_rate")
        self._assert(values, (MARCH, self.company.id), (100 / 3, 1, 3))

    def test_rating(self):
        values = self._values("complaint_rating")
        self._assert(values, (MARCH, self.company.id), (4.0, 8, 2))

    def test_sla_compliance(self):
        values = self._values("complaint_sla_compliance")
        self._assert(values, (MARCH, self.company.id), (100 / 3, 2, 6))
        self._assert(values, (APRIL, self.company.id), (0.0, 0, 2))

    def test_order_rate(self):
        values = self._values("complaint_order_rate")
        self._assert(values, (MARCH, self.company.id), (50.0, 1, 2))

    def test_drilldown(self):
        indicator = self.env.ref("after_sales.indicator_complaint_resolution_rate")
        ids = indicator._compute_record_ids(
            MARCH,
            date(2026, 3, 31),
            "company",
            self.company.ids,
            company_ids=self.company.ids,
        )
        self.assertEqual(
            set(ids[(MARCH, self.company.id)]), set((self.c1 | self.c2 | self.c3).ids)
        )
        action = indicator._action_drilldown(
            MARCH,
            date(2026, 3, 31),
            "company",
            self.company.id,
            company_ids=self.company.ids,
        )
        self.assertEqual(action["res_model"], "after.sales.complaint")

    def test_management_review_section(self):
        review = self.env["sales.qms.management.review"].new(
            {
                "company_id": self.company.id,
                "date_from": MARCH,
                "date_to": date(2026, 3, 31),
            }
        )
        lines = review._input_complaint()
        self.assertEqual(lines[0]["value"], 3)
        self.assertAlmostEqual(lines[1]["value"], 200 / 3, places=2)
        self.assertEqual(lines[1]["status"], "not_met")
        self.assertEqual(set(lines[1]["res_ids"]), set((self.c1 | self.c3).ids))
