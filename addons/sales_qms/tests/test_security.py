from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
class TestSecurity(SalesQmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.objective = cls.env["sales.qms.objective"].create(
            {
                "name": "Conversion",
                "company_id": cls.company.id,
                "indicator_id": cls.indicators["quotation_conversion"].id,
                "fiscal_year_id": cls.fiscal_year.id,
                "target": 60,
                "owner_id": cls.qms_manager.id,
            }
        )
        cls.objective._compute_measurements()
        cls.own_objective = cls.objective.copy(
            {"name": "Own", "owner_id": cls.qms_user.id}
        )

    def test_salesperson_sees_no_objective(self):
        objective = self.objective.with_user(self.salesman_1)
        with self.assertRaises(AccessError):
            objective.read(["name"])
        with self.assertRaises(AccessError):
            self.objective.measurement_ids[:1].with_user(self.salesman_1).read(
                ["value"]
            )
        with self.assertRaises(AccessError):
            self.env["sales.qms.indicator"].with_user(self.salesman_1).search([])

    def test_qms_user(self):
        Objective = self.env["sales.qms.objective"].with_user(self.qms_user)
        self.assertEqual(
            Objective.search([("company_id", "=", self.company.id)]),
            self.objective | self.own_objective,
        )
        self.own_objective.with_user(self.qms_user).action_plan = "<p>Visit</p>"
        self.own_objective.with_user(self.qms_user).action_compute()
        # the target is the quality representative's
        with self.assertRaises(AccessError):
            self.own_objective.with_user(self.qms_user).target = 65
        with self.assertRaises(AccessError):
            self.objective.with_user(self.qms_user).target = 10
        with self.assertRaises(AccessError):
            self.objective.with_user(self.qms_user).unlink()
        with self.assertRaises(AccessError):
            self.indicators["sale_amount"].with_user(self.qms_user).name = "Hacked"
        with self.assertRaises(AccessError):
            self.objective.measurement_ids[:1].with_user(self.qms_user).value = 1
        with self.assertRaises(AccessError):
            self.fiscal_year.with_user(self.qms_user).name = "x"
        # closing a month is the quality representative's decision
        with self.assertRaises(AccessError):
            self.fiscal_year.period_ids[:1].with_user(self.qms_user).action_close()
        self.assertEqual(self.fiscal_year.period_ids[:1].state, "open")

    def test_qms_manager(self):
        objective = self.objective.with_user(self.qms_manager)
        objective.target = 70
        # an indicator of their company; a shared one used by another company,
        # which they do not work for, is not theirs to change
        other_year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2026",
                "company_id": self.other_company.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        self.env["sales.qms.objective"].create(
            {
                "name": "Other company's sales",
                "company_id": self.other_company.id,
                "indicator_id": self.indicators["sale_amount"].id,
                "fiscal_year_id": other_year.id,
                "target": 1,
                "owner_id": new_test_user(
                    self.env,
                    "qms_other_company_owner",
                    groups="sales_qms.group_sales_qms_user",
                    company_id=self.other_company.id,
                    company_ids=[Command.set(self.other_company.ids)],
                ).id,
            }
        )
        own = self.indicators["sale_amount"].copy({"company_id": self.company.id})
        own.with_user(self.qms_manager).description = "Def"
        with self.assertRaises(AccessError):
            self.indicators["sale_amount"].with_user(self.qms_manager).description = "x"
        self.fiscal_year.period_ids[:1].with_user(self.qms_manager).action_close()
        self.assertEqual(self.fiscal_year.period_ids[:1].state, "closed")

    def test_sales_manager_reads_objectives(self):
        objective = self.objective.with_user(self.sale_manager)
        self.assertEqual(objective.read(["name"])[0]["name"], "Conversion")
        self.assertTrue(objective.measurement_ids.read(["value"]))
        with self.assertRaises(AccessError):
            objective.target = 1

    def test_multi_company(self):
        other_year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2026",
                "company_id": self.other_company.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        other_owner = new_test_user(
            self.env,
            "qms_other_owner",
            groups="sales_qms.group_sales_qms_user",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        other = self.env["sales.qms.objective"].create(
            {
                "name": "Other company",
                "company_id": self.other_company.id,
                "indicator_id": self.indicators["sale_amount"].id,
                "fiscal_year_id": other_year.id,
                "target": 1,
                "owner_id": other_owner.id,
            }
        )
        Objective = self.env["sales.qms.objective"].with_user(self.qms_manager)
        self.assertNotIn(other, Objective.search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.qms_manager).read(["name"])
        with self.assertRaises(AccessError):
            other.with_user(self.qms_user).read(["name"])
        with self.assertRaises(AccessError):
            other_year.with_user(self.qms_manager).read(["name"])
        other._compute_measurements()
        with self.assertRaises(AccessError):
            other.measurement_ids[:1].with_user(self.qms_manager).read(["value"])
        with self.assertRaises(AccessError):
            other_year.period_ids[:1].with_user(self.qms_manager).read(["name"])
        other_indicator = self.indicators["sale_amount"].copy(
            {"code": "OTHER-AMOUNT", "company_id": self.other_company.id}
        )
        Indicator = self.env["sales.qms.indicator"].with_user(self.qms_user)
        self.assertNotIn(other_indicator, Indicator.search([]))
        self.assertIn(self.indicators["sale_amount"], Indicator.search([]))
        other_policy = self.env["sales.qms.policy"].create(
            {"company_id": self.other_company.id, "content": "<p>Other</p>"}
        )
        self._prepare_and_review(other_policy).action_approve()
        Policy = self.env["sales.qms.policy"].with_user(self.salesman_1)
        self.assertNotIn(other_policy, Policy.search([]))

    def test_groups_sit_in_the_module_category(self):
        module = self.env.ref("base.module_sales_qms")
        for xmlid in ("group_sales_qms_user", "group_sales_qms_manager"):
            group = self.env.ref(f"sales_qms.{xmlid}")
            self.assertEqual(group.category_id, module.category_id, xmlid)
