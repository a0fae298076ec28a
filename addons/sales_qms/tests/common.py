from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class SalesQmsCommon(TransactionCase):
    """A company of its own (Asia/Shanghai) with two teams, two salespeople,
    a 2026 fiscal year and a crafted set of quotations and orders.

    Values by month (Shanghai time), used as the hand-computed reference:

    ===== ======= ======= ============ ============== ================
    month amount  orders  new customer conversion     days to confirm
    ===== ======= ======= ============ ============== ================
    01    1000    1       1 (cust1)    2/3 (o1,o2,o7) 5 / 1
    02    1500    2       0            1/2 (o3,o4)    24 / 2
    03    0       0       0            1/2 (o5,o6)    no data
    04    700     1       1 (cust3)    0/0 no data    30.4167 / 1
    ===== ======= ======= ============ ============== ================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "QMS Test Co"})
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.other_company = cls.env["res.company"].create({"name": "QMS Other Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.salesman_1 = new_test_user(
            cls.env, "qms_sp1", groups="sales_team.group_sale_salesman", **companies
        )
        cls.salesman_2 = new_test_user(
            cls.env, "qms_sp2", groups="sales_team.group_sale_salesman", **companies
        )
        cls.qms_user = new_test_user(
            cls.env,
            "qms_user",
            groups="sales_qms.group_sales_qms_user,sales_team.group_sale_salesman",
            **companies,
        )
        cls.qms_manager = new_test_user(
            cls.env,
            "qms_manager",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_salesman",
            **companies,
        )
        # two signers of controlled records (编制, 审核) in both companies: the
        # tests approve (批准) as the user they are about
        both_companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set((cls.company | cls.other_company).ids)],
        }
        cls.signoff_author = new_test_user(
            cls.env,
            "qms_signoff_author",
            groups="sales_qms.group_sales_qms_manager",
            **both_companies,
        )
        cls.signoff_reviewer = new_test_user(
            cls.env,
            "qms_signoff_reviewer",
            groups="sales_qms.group_sales_qms_manager",
            **both_companies,
        )
        # top management (最高管理者) approves the quality policy (§5.2)
        cls.top_manager = new_test_user(
            cls.env,
            "qms_top_manager",
            groups="sales_qms.group_sales_qms_top_management",
            **both_companies,
        )
        cls.sale_manager = new_test_user(
            cls.env,
            "qms_sale_manager",
            groups="sales_team.group_sale_manager",
            **companies,
        )
        cls.team_1 = cls.env["crm.team"].create(
            {"name": "East", "company_id": cls.company.id, "user_id": cls.salesman_1.id}
        )
        cls.team_2 = cls.env["crm.team"].create(
            {
                "name": "South",
                "company_id": cls.company.id,
                "user_id": cls.salesman_2.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Valve", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        Partner = cls.env["res.partner"]
        cls.cust_1 = Partner.create({"name": "Cust 1", "is_company": True})
        cls.cust_1_contact = Partner.create(
            {"name": "Buyer", "parent_id": cls.cust_1.id}
        )
        cls.cust_2 = Partner.create({"name": "Cust 2", "is_company": True})
        cls.cust_3 = Partner.create({"name": "Cust 3", "is_company": True})

        cls.fiscal_year = cls.env["sales.qms.fiscal.year"].create(
            {
                "name": "2026",
                "company_id": cls.company.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        cls.indicators = {
            code: cls.env.ref(f"sales_qms.indicator_{code}")
            for code in (
                "sale_amount",
                "sale_count",
                "new_customers",
                "quotation_conversion",
                "quotation_days",
            )
        }
        sp1, sp2 = cls.salesman_1, cls.salesman_2
        t1, t2 = cls.team_1, cls.team_2
        cls.o0 = cls._order(
            cls.cust_2, sp2, t2, 100, "2025-12-01 02:00", "2025-12-02 02:00"
        )
        cls.o1 = cls._order(
            cls.cust_1, sp1, t1, 1000, "2026-01-05 02:00", "2026-01-10 02:00"
        )
        cls.o2 = cls._order(
            cls.cust_1_contact, sp1, t1, 500, "2026-01-20 02:00", "2026-02-03 02:00"
        )
        cls.o7 = cls._order(cls.cust_1, sp1, t1, 90, "2026-01-25 02:00", state="cancel")
        cls.o3 = cls._order(
            cls.cust_2, sp2, t2, 2000, "2026-02-01 02:00", "2026-02-11 02:00", rate=2.0
        )
        cls.o4 = cls._order(
            cls.cust_3, sp2, t2, 300, "2026-02-10 02:00", state="cancel"
        )
        # confirmed on March 31st 20:00 UTC: April 1st 04:00 in Shanghai
        cls.o5 = cls._order(
            cls.cust_3, sp1, t1, 700, "2026-03-01 10:00", "2026-03-31 20:00"
        )
        cls.o6 = cls._order(cls.cust_2, sp2, t2, 50, "2026-03-15 02:00", state="draft")

    @classmethod
    def _order(
        cls,
        partner,
        user,
        team,
        amount,
        quoted,
        confirmed=None,
        state="sale",
        rate=None,
    ):
        """An order quoted and confirmed at the given UTC times."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "user_id": user.id,
                "team_id": team.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        cls._set_dates(order, quoted, confirmed, state, rate)
        return order

    @classmethod
    def _south_order(cls, amount, quoted, confirmed):
        """A confirmed order of the South team (salesperson 2, customer 2)."""
        return cls._order(
            cls.cust_2, cls.salesman_2, cls.team_2, amount, quoted, confirmed
        )

    @classmethod
    def _set_dates(cls, orders, quoted, confirmed=None, state="sale", rate=None):
        # create_date is a magic field: only SQL can backdate it
        cls.env.cr.execute(
            """UPDATE sale_order
                  SET create_date = %s, date_order = %s, state = %s,
                      currency_rate = COALESCE(%s, currency_rate)
                WHERE id IN %s""",
            (
                datetime.fromisoformat(quoted),
                datetime.fromisoformat(confirmed or quoted),
                state,
                rate,
                tuple(orders.ids),
            ),
        )
        orders.invalidate_recordset()

    def _objective(self, indicator_code, target, comparison=None, **vals):
        values = {
            "name": f"{indicator_code} objective",
            "company_id": self.company.id,
            "indicator_id": self.indicators[indicator_code].id,
            "fiscal_year_id": self.fiscal_year.id,
            "target": target,
            "owner_id": self.qms_manager.id,
            **vals,
        }
        if comparison:
            values["comparison"] = comparison
        return self.env["sales.qms.objective"].create(values)

    def _period(self, month):
        return self.fiscal_year.period_ids.filtered(
            lambda p: p.date_from.month == month
        )

    def _close(self, month):
        """Close a month of 2026 as the quality representative."""
        period = self._period(month).with_user(self.qms_manager)
        period.action_close()
        return period

    def _months(self, objective):
        return {
            m.date_from.strftime("%m"): m
            for m in objective.measurement_ids
            if m.period_type == "month"
        }

    def _rollup(self, objective, period_type, date_from):
        return objective.measurement_ids.filtered(
            lambda m: (
                m.period_type == period_type and m.date_from.isoformat() == date_from
            )
        )

    def _prepare_and_review(self, records):
        """编制 and 审核 of controlled records by the two signers of the tests;
        returns the records, ready to be approved (批准)."""
        records.with_user(self.signoff_author).action_signoff_prepare()
        records.with_user(self.signoff_reviewer).action_signoff_review()
        return records
