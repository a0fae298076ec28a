from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SalesQmsCommon

JAN, FEB, MAR, APR = (date(2026, month, 1) for month in (1, 2, 3, 4))


@tagged("post_install", "-at_install")
class TestIndicatorSources(SalesQmsCommon):
    def _values(self, code, scope_type="company", scope_ids=None, date_to=None):
        indicator = self.indicators[code]
        scope_ids = scope_ids or self.company.ids
        values = indicator._compute_values(
            date(2026, 1, 1),
            date_to or date(2026, 4, 30),
            scope_type,
            scope_ids,
            company_ids=self.company.ids,
        )
        return {
            (month, scope_id): values[(indicator.id, month, scope_id)]
            for (_indicator, month, scope_id) in values
        }

    def assertTriple(self, actual, expected):
        value, numerator, denominator = expected
        if value is None:
            self.assertIsNone(actual[0])
        else:
            self.assertAlmostEqual(actual[0], value, places=4)
        self.assertAlmostEqual(actual[1], numerator, places=4)
        self.assertAlmostEqual(actual[2], denominator, places=4)

    def test_sale_amount_in_company_currency(self):
        values = self._values("sale_amount")
        company = self.company.id
        self.assertTriple(values[(JAN, company)], (1000, 1000, 1))
        # o2 500 + o3 2000 at a rate of 2 = 1000 in the company currency
        self.assertTriple(values[(FEB, company)], (1500, 1500, 2))
        self.assertTriple(values[(MAR, company)], (0, 0, 0))
        # confirmed on March 31st 20:00 UTC, April 1st in Shanghai
        self.assertTriple(values[(APR, company)], (700, 700, 1))

    def test_sale_amount_per_salesperson_and_team(self):
        users = self._values(
            "sale_amount", "user", [self.salesman_1.id, self.salesman_2.id]
        )
        self.assertTriple(users[(FEB, self.salesman_1.id)], (500, 500, 1))
        self.assertTriple(users[(FEB, self.salesman_2.id)], (1000, 1000, 1))
        self.assertTriple(users[(JAN, self.salesman_2.id)], (0, 0, 0))
        teams = self._values("sale_amount", "team", [self.team_1.id, self.team_2.id])
        self.assertTriple(teams[(JAN, self.team_1.id)], (1000, 1000, 1))
        self.assertTriple(teams[(APR, self.team_1.id)], (700, 700, 1))
        self.assertTriple(teams[(APR, self.team_2.id)], (0, 0, 0))

    def test_sale_count(self):
        values = self._values("sale_count")
        company = self.company.id
        expected = {JAN: 1, FEB: 2, MAR: 0, APR: 1}
        for month, count in expected.items():
            self.assertTriple(values[(month, company)], (count, count, count))

    def test_new_customers(self):
        values = self._values("new_customers")
        company = self.company.id
        # cust1 is born in January; its contact's order in February is not a
        # new customer; cust2 was born in December 2025; cust3's cancelled
        # quotation does not count, its first order (April) does.
        self.assertEqual(values[(JAN, company)][0], 1)
        self.assertEqual(values[(FEB, company)][0], 0)
        self.assertEqual(values[(MAR, company)][0], 0)
        self.assertEqual(values[(APR, company)][0], 1)
        users = self._values("new_customers", "user", [self.salesman_1.id])
        self.assertEqual(users[(APR, self.salesman_1.id)][0], 1)

    def test_new_customer_is_per_company(self):
        """A customer of another company is still new here."""
        other_order = self.env["sale.order"].create(
            {
                "partner_id": self.cust_3.id,
                "company_id": self.other_company.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": 5})
                ],
            }
        )
        self._set_dates(other_order, "2025-06-01 02:00", "2025-06-01 03:00")
        values = self._values("new_customers")
        self.assertEqual(values[(APR, self.company.id)][0], 1)

    def test_quotation_conversion(self):
        values = self._values("quotation_conversion")
        company = self.company.id
        self.assertTriple(values[(JAN, company)], (200 / 3, 2, 3))
        self.assertTriple(values[(FEB, company)], (50, 1, 2))
        self.assertTriple(values[(MAR, company)], (50, 1, 2))
        # no quotation created in April: a zero denominator is "no data"
        self.assertTriple(values[(APR, company)], (None, 0, 0))

    def test_quotation_days(self):
        values = self._values("quotation_days")
        company = self.company.id
        self.assertTriple(values[(JAN, company)], (5, 5, 1))
        self.assertTriple(values[(FEB, company)], (12, 24, 2))
        self.assertTriple(values[(MAR, company)], (None, 0, 0))
        days = 30 + 10 / 24
        self.assertTriple(values[(APR, company)], (days, days, 1))

    def test_quotation_days_never_negative(self):
        """An order dated before its creation (typed in afterwards) took no time."""
        late_entry = self._order(
            self.cust_1, self.salesman_1, self.team_1, 10, "2026-01-28 02:00"
        )
        self._set_dates(late_entry, "2026-01-28 02:00", "2026-01-26 02:00")
        values = self._values("quotation_days")
        self.assertTriple(values[(JAN, self.company.id)], (2.5, 5, 2))

    def test_empty_period(self):
        for code in self.indicators:
            values = self._values(code, date_to=date(2026, 1, 31))
            self.assertEqual(set(values), {(JAN, self.company.id)})
        empty = self.indicators["sale_amount"]._compute_values(
            date(2027, 1, 1),
            date(2027, 3, 31),
            "company",
            self.company.ids,
            company_ids=self.company.ids,
        )
        self.assertEqual(len(empty), 3)
        self.assertTrue(all(value == (0, 0, 0) for value in empty.values()))
        ratio = self.indicators["quotation_conversion"]._compute_values(
            date(2027, 1, 1),
            date(2027, 1, 31),
            "company",
            self.company.ids,
            company_ids=self.company.ids,
        )
        self.assertEqual(list(ratio.values()), [(None, 0, 0)])

    def test_record_domain(self):
        indicator = self.indicators["sale_amount"].copy(
            {
                "code": "SALE-AMOUNT-T1",
                "domain": f"[('team_id', '=', {self.team_2.id})]",
            }
        )
        values = indicator._compute_values(
            date(2026, 2, 1),
            date(2026, 2, 28),
            "company",
            self.company.ids,
            company_ids=self.company.ids,
        )
        self.assertEqual(values[(indicator.id, FEB, self.company.id)][0], 1000)
        with self.assertRaises(ValidationError):
            indicator.domain = "[('no_such_field', '=', 1)]"

    def test_drilldown_lists_exactly_the_records(self):
        cases = {
            "sale_amount": (FEB, self.o2 | self.o3),
            "new_customers": (APR, self.o5),
            "quotation_conversion": (JAN, self.o1 | self.o2 | self.o7),
            "quotation_days": (FEB, self.o2 | self.o3),
        }
        for code, (month, orders) in cases.items():
            action = self.indicators[code]._action_drilldown(
                month,
                month.replace(day=28),
                "company",
                self.company.id,
                company_ids=self.company.ids,
            )
            self.assertEqual(action["res_model"], "sale.order")
            found = self.env["sale.order"].search(action["domain"])
            self.assertEqual(found, orders, code)

    def test_query_count_does_not_grow_with_orders(self):
        """One query per source, for a year of months, whatever the volume."""
        scope_ids = [self.salesman_1.id, self.salesman_2.id]
        self.env.flush_all()
        for volume in (10, 300):
            orders = self.env["sale.order"].create(
                [
                    {
                        "partner_id": self.cust_2.id,
                        "company_id": self.company.id,
                        "user_id": scope_ids[index % 2],
                        "team_id": self.team_1.id,
                    }
                    for index in range(volume)
                ]
            )
            self._set_dates(orders, "2026-05-03 02:00", "2026-05-04 02:00")
            self.env.flush_all()
            for code, indicator in self.indicators.items():
                # warm the cache (company timezone) so only the source query counts
                indicator._compute_values(
                    date(2026, 1, 1),
                    date(2026, 1, 31),
                    "user",
                    scope_ids,
                    company_ids=self.company.ids,
                )
                with self.subTest(source=code, orders=volume), self.assertQueryCount(1):
                    values = indicator._compute_values(
                        date(2026, 1, 1),
                        date(2026, 12, 31),
                        "user",
                        scope_ids,
                        company_ids=self.company.ids,
                    )
                self.assertEqual(len(values), 24)
            counts = self.indicators["sale_count"]._compute_values(
                date(2026, 5, 1),
                date(2026, 5, 31),
                "company",
                self.company.ids,
                company_ids=self.company.ids,
            )
            expected = 10 if volume == 10 else 310
            self.assertEqual(
                counts[
                    (
                        self.indicators["sale_count"].id,
                        date(2026, 5, 1),
                        self.company.id,
                    )
                ][0],
                expected,
            )

    def test_customer_category_scope_through_the_commercial_partner(self):
        """An order of a customer's contact counts in the customer's tags."""
        vip = self.env["res.partner.category"].create({"name": "VIP"})
        self.cust_1.category_id = vip
        values = self._values("sale_amount", "partner_category", vip.ids)
        # o1 (customer 1) in January, o2 (its contact) in February
        self.assertTriple(values[(JAN, vip.id)], (1000, 1000, 1))
        self.assertTriple(values[(FEB, vip.id)], (500, 500, 1))
        self.assertTriple(values[(MAR, vip.id)], (0, 0, 0))
        action = self.indicators["sale_amount"]._action_drilldown(
            FEB, date(2026, 2, 28), "partner_category", vip.id, self.company.ids
        )
        self.assertEqual(self.env["sale.order"].search(action["domain"]), self.o2)

    def test_a_change_in_the_same_transaction_is_counted(self):
        """Orders confirmed and not yet written to the database count."""
        self.o6.state = "sale"  # the March quotation, still in the cache
        values = self._values("quotation_conversion")
        self.assertTriple(values[(MAR, self.company.id)], (100, 2, 2))
        self.o6.user_id = self.salesman_1
        users = self._values("quotation_conversion", "user", [self.salesman_1.id])
        self.assertTriple(users[(MAR, self.salesman_1.id)], (100, 2, 2))

    def test_drilldown_equals_the_records_counted(self):
        """For every source, month and scope: the drill-down lists the
        records the value counted, no more, no less."""
        vip = self.env["res.partner.category"].create({"name": "VIP"})
        (self.cust_1 | self.cust_3).category_id = vip
        scopes = {
            "company": self.company.ids,
            "team": [self.team_1.id, self.team_2.id],
            "user": [self.salesman_1.id, self.salesman_2.id],
            "partner_category": vip.ids,
        }
        for code, indicator in self.indicators.items():
            for scope_type, scope_ids in scopes.items():
                record_ids = indicator._compute_record_ids(
                    JAN, date(2026, 4, 30), scope_type, scope_ids, self.company.ids
                )
                values = indicator._compute_values(
                    JAN, date(2026, 4, 30), scope_type, scope_ids, self.company.ids
                )
                for month in (JAN, FEB, MAR, APR):
                    for scope_id in scope_ids:
                        expected = record_ids.get((month, scope_id), [])
                        _value, _num, den = values[(indicator.id, month, scope_id)]
                        action = indicator._action_drilldown(
                            month,
                            month + relativedelta(months=1, days=-1),
                            scope_type,
                            scope_id,
                            self.company.ids,
                        )
                        found = (
                            self.env["sale.order"]
                            .with_context(**action["context"])
                            .search(action["domain"])
                        )
                        with self.subTest(code=code, scope=scope_type, month=month):
                            self.assertEqual(sorted(found.ids), expected)
                            # every source's denominator counts its records
                            self.assertEqual(len(expected), den)

    def test_drilldown_explains_the_number(self):
        action = self.indicators["quotation_conversion"]._action_drilldown(
            JAN, date(2026, 1, 31), "company", self.company.id, self.company.ids
        )
        self.assertIn("Quotation Conversion Rate", action["name"])
        self.assertIn("2026-01", action["name"])
        self.assertIn("make the numerator", action["name"])
        # the view of the source: its quotation date and status, no sample data
        view = self.env["ir.ui.view"].browse(action["views"][0][0])
        self.assertEqual(
            view, self.env.ref("sales_qms.sale_order_view_list_drilldown_quotations")
        )
        self.assertIn("create_date", view.arch)
        self.assertNotIn("sample", view.arch)
        self.assertEqual(action["context"]["group_by"], ["state"])
        empty = self.indicators["sale_count"]._action_drilldown(
            MAR, date(2026, 3, 31), "company", self.company.id, self.company.ids
        )
        self.assertFalse(self.env["sale.order"].search(empty["domain"]))
        self.assertIn("No record behind this value", empty["help"])

    def test_units_as_users_read_them(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sales_qms"], ["zh_CN"])
        usd = self.env.ref("base.USD")
        indicator = self.indicators["sale_count"]
        self.assertEqual(indicator._format_value(14.0), "14")
        self.assertEqual(indicator._format_value(None), "")
        amount = self.indicators["sale_amount"]._format_value(300000, usd)
        self.assertIn("300,000.00", amount)
        self.assertIn("$", amount)
        days = self.indicators["quotation_days"]
        self.assertEqual(days._format_value(7.5), "7.50 days")
        self.assertEqual(days.with_context(lang="zh_CN")._format_value(7.5), "7.50 天")
        self.assertEqual(
            self.indicators["quotation_conversion"]._format_value(62.5), "62.50 %"
        )
