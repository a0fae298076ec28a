from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_visit import CUSTOMER_LON, NEAR_LAT, AfterSalesVisitCommon


@tagged("post_install", "-at_install")
class TestVisitSecurity(AfterSalesVisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # cust_1 belongs to salesperson 1, cust_2 to salesperson 2
        cls.visit_1 = cls._visit(cls.cust_1, cls.salesman_1)
        cls.visit_2 = cls._visit(cls.cust_2, cls.salesman_2)
        # a visit of salesperson 2 at salesperson 1's customer: both see it
        cls.visit_shared = cls._visit(cls.cust_1, cls.salesman_2)
        cls.issue_2 = cls.env["after.sales.visit.issue"].create(
            {"visit_id": cls.visit_2.id, "description": "Late delivery"}
        )
        cls.other_visit = (
            cls.env["after.sales.visit"]
            .with_company(cls.other_company)
            .create(
                {
                    "partner_id": cls.other_customer.id,
                    "user_id": cls.other_salesman.id,
                    "company_id": cls.other_company.id,
                }
            )
        )
        cls.visits = cls.visit_1 | cls.visit_2 | cls.visit_shared | cls.other_visit

    def _visible(self, user):
        return (
            self.env["after.sales.visit"]
            .with_user(user)
            .search([("id", "in", self.visits.ids)])
        )

    def test_salesperson_sees_own_customers_and_visits(self):
        self.assertEqual(
            self._visible(self.salesman_1), self.visit_1 | self.visit_shared
        )
        self.assertEqual(
            self._visible(self.salesman_2), self.visit_2 | self.visit_shared
        )
        with self.assertRaises(AccessError):
            self.visit_2.with_user(self.salesman_1).read(["name"])
        with self.assertRaises(AccessError):
            self.issue_2.with_user(self.salesman_1).read(["description"])
        with self.assertRaises(AccessError):
            self.visit_2.with_user(self.salesman_1).action_check_in(
                NEAR_LAT, CUSTOMER_LON
            )
        self.assertFalse(self.visit_2.check_in_time)
        with self.assertRaises(AccessError):
            self.visit_1.with_user(self.salesman_1).unlink()

    def test_salesperson_cannot_manage_plans(self):
        Plan = self.env["after.sales.visit.plan"].with_user(self.salesman_1)
        with self.assertRaises(AccessError):
            Plan.create(
                {
                    "name": "Mine",
                    "partner_ids": [Command.set(self.cust_1.ids)],
                    "customer_rule": "list",
                }
            )
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.with_user(self.salesman_1).action_confirm()
        self.assertEqual(plan.state, "draft")
        plan.with_user(self.manager).action_confirm()
        self.assertEqual(plan.state, "confirmed")

    def test_service_and_manager_see_the_whole_company(self):
        expected = self.visit_1 | self.visit_2 | self.visit_shared
        self.assertEqual(self._visible(self.service_user), expected)
        self.assertEqual(self._visible(self.manager), expected)
        self.visit_2.with_user(self.service_user).summary = "<p>Called back</p>"

    def test_auditor_reads_everything_and_writes_nothing(self):
        self.assertEqual(
            self._visible(self.auditor), self.visit_1 | self.visit_2 | self.visit_shared
        )
        self.issue_2.with_user(self.auditor).read(["description"])
        with self.assertRaises(AccessError):
            self.visit_1.with_user(self.auditor).write({"summary": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.issue_2.with_user(self.auditor).write({"answer": "x"})

    def test_other_company_sees_nothing_of_ours(self):
        self.assertEqual(self._visible(self.other_salesman), self.other_visit)
        with self.assertRaises(AccessError):
            self.visit_1.with_user(self.other_salesman).read(["name"])

    def test_customer_of_another_company_is_refused(self):
        Visit = self.env["after.sales.visit"].with_user(self.salesman_1)
        count = Visit.sudo().search_count([])
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                Visit.create(
                    {
                        "partner_id": self.other_customer.id,
                        "user_id": self.salesman_1.id,
                        "company_id": self.company.id,
                    }
                )
        self.assertEqual(Visit.sudo().search_count([]), count)
