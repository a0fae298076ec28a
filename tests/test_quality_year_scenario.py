"""Cross-addon scenarios, run by pytest-odoo against the database the test
command installed (demo data included).

They exercise the contract the other addons rely on: indicator values read
through the engine API equal what the quality objectives record, any number
drills down to its records, and the demo company tells a consistent year.
"""

from datetime import date, datetime
from io import BytesIO

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "sales_qms_scenario")
class TestQualityYearScenario(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Scenario Trading Co"})
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.year = cls.env["sales.qms.fiscal.year"].create(
            {
                "name": "Scenario 2025",
                "company_id": cls.company.id,
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
            }
        )
        cls.sellers = cls.env["res.users"].create(
            [
                {
                    "name": f"Seller {index}",
                    "login": f"scenario_seller_{index}",
                    "company_id": cls.company.id,
                    "company_ids": [Command.set(cls.company.ids)],
                }
                for index in range(3)
            ]
        )
        customers = cls.env["res.partner"].create(
            [{"name": f"Customer {index}", "is_company": True} for index in range(6)]
        )
        # seller i sells (i + 1) orders of 100 in every month of 2025
        orders = cls.env["sale.order"]
        for month in range(1, 13):
            for index, seller in enumerate(cls.sellers):
                for number in range(index + 1):
                    order = cls.env["sale.order"].create(
                        {
                            "partner_id": customers[(index + number) % 6].id,
                            "company_id": cls.company.id,
                            "user_id": seller.id,
                            "order_line": [
                                Command.create(
                                    {
                                        "name": "Goods",
                                        "price_unit": 100,
                                        "product_uom_qty": 1,
                                    }
                                )
                            ],
                        }
                    )
                    orders |= order
                    cls.env.cr.execute(
                        "UPDATE sale_order SET state = 'sale', create_date = %s, "
                        "date_order = %s WHERE id = %s",
                        (
                            datetime(2025, month, 3, 2),
                            datetime(2025, month, 5, 2),
                            order.id,
                        ),
                    )
        cls.orders = orders
        cls.env.invalidate_all()

    def test_engine_values_equal_objective_measurements(self):
        """An appraisal reading the engine sees the objective's numbers."""
        indicator = self.env.ref("sales_qms.indicator_sale_amount")
        values = indicator._compute_values(
            date(2025, 1, 1),
            date(2025, 12, 31),
            "user",
            self.sellers.ids,
            company_ids=self.company.ids,
        )
        self.assertEqual(len(values), 12 * 3)
        objectives = self.env["sales.qms.objective"].create(
            [
                {
                    "name": f"Amount {seller.name}",
                    "company_id": self.company.id,
                    "indicator_id": indicator.id,
                    "fiscal_year_id": self.year.id,
                    "scope_type": "user",
                    "user_id": seller.id,
                    "target": 150,
                }
                for seller in self.sellers
            ]
        )
        objectives._compute_measurements()
        for objective in objectives:
            for month in objective.month_measurement_ids:
                value, numerator, denominator = values[
                    (indicator.id, month.date_from, objective.user_id.id)
                ]
                self.assertEqual(
                    (month.value, month.numerator, month.denominator),
                    (value, numerator, denominator),
                )
        statuses = {o.user_id: o.status for o in objectives}
        self.assertEqual(
            [statuses[seller] for seller in self.sellers], ["not_met", "met", "met"]
        )
        year = objectives[2].rollup_measurement_ids.filtered(
            lambda m: m.period_type == "year"
        )
        self.assertEqual((year.value, year.target), (3600, 1800))

    def test_close_correct_and_export_a_year(self):
        indicator = self.env.ref("sales_qms.indicator_sale_count")
        objective = self.env["sales.qms.objective"].create(
            {
                "name": "Orders of the company",
                "company_id": self.company.id,
                "indicator_id": indicator.id,
                "fiscal_year_id": self.year.id,
                "target": 6,
            }
        )
        objective._compute_measurements()
        self.year.period_ids.action_close()
        self.assertTrue(all(objective.month_measurement_ids.mapped("is_frozen")))
        march = objective.month_measurement_ids.filtered(
            lambda m: m.date_from.month == 3
        )
        self.env["sales.qms.measurement.correct"].create(
            {"measurement_id": march.id, "numerator": 5, "reason": "Duplicate order"}
        ).action_apply()
        self.assertEqual((march.value, march.status), (5, "not_met"))
        year = objective.rollup_measurement_ids.filtered(
            lambda m: m.period_type == "year"
        )
        self.assertEqual(year.value, 71)
        self.assertEqual(objective.status, "not_met")
        # the records behind the year are the 72 orders, whatever the correction
        action = year.action_drilldown()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), self.orders)
        _name, content = self.env["sales.qms.xlsx"]._render_report(
            "objective_achievement", objective
        )
        # the objective's three lines: actual, 完成率, met or not, month by
        # month of its fiscal year, then the year
        actual, rate, met = load_workbook(BytesIO(content)).active.iter_rows(
            min_row=4, max_row=6, values_only=True
        )
        months = objective.fiscal_year_id.period_ids.sorted("date_from")
        march = [m.date_from.month for m in months].index(3)
        expected = [6] * 12
        expected[march] = 5
        self.assertEqual(list(actual[8:20]), expected)
        self.assertEqual(met[8 + march], "Not Met *", "the corrected month is marked")
        self.assertEqual(actual[20], 71)


@tagged("post_install", "-at_install", "sales_qms_scenario")
class TestDemoCompanyYear(TransactionCase):
    """The demo database tells a believable, consistent story."""

    def test_demo_policy_and_objectives(self):
        company = self.env.ref("base.main_company")
        policies = self.env["sales.qms.policy"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(len(policies.filtered(lambda p: p.state == "approved")), 1)
        objectives = self.env["sales.qms.objective"].search(
            [("company_id", "=", company.id)]
        )
        self.assertGreaterEqual(len(objectives), 5)
        for objective in objectives:
            self.assertEqual(len(objective.month_measurement_ids), 12, objective.name)
        # a year of orders behind the figures, whatever the day of the install
        today = fields.Date.context_today(self.env.user)
        start = (today - relativedelta(months=11)).replace(day=1)
        orders = self.env.ref("sales_qms.indicator_sale_count")
        values = orders._compute_values(
            start, today, "company", company.ids, company_ids=company.ids
        )
        self.assertEqual(len(values), 12)
        self.assertGreaterEqual(sum(1 for value in values.values() if value[0]), 10)
        # the busiest month traces back to exactly its orders
        key = max(values, key=lambda key: values[key][0])
        month = key[1]
        action = orders._action_drilldown(
            month,
            month + relativedelta(months=1, days=-1),
            "company",
            company.id,
            company_ids=company.ids,
        )
        found = self.env["sale.order"].search(action["domain"])
        self.assertEqual(len(found), values[key][0])
        self.assertEqual(set(found.mapped("state")), {"sale"})

    def test_demo_orders_leave_with_the_module(self):
        """The generated year of orders is demo data like any other: XML ids
        of the module, so uninstalling it removes them through the ORM."""
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "sales_qms"),
                ("model", "=", "sale.order"),
                ("name", "=like", "sale_order_demo_history_%"),
            ]
        )
        self.assertEqual(len(data), 150)
        orders = self.env["sale.order"].browse(data.mapped("res_id")).exists()
        self.assertEqual(len(orders), 150)
        self.assertTrue(set(orders.mapped("state")) >= {"sale", "cancel"})
        self.assertNotIn("_sales_qms_demo_load_history", dir(self.env["sale.order"]))
