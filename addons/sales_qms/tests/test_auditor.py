from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestQualityAuditor(SalesQmsCommon):
    """质量审核员: reads every quality record of the company and the orders
    behind the numbers; changes none of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = new_test_user(
            cls.env,
            "qms_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.objective = cls._objective_for("sale_count", 1)
        cls.personal = cls._objective_for(
            "sale_amount",
            500,
            name="李娜 sales",
            scope_type="user",
            user_id=cls.salesman_1.id,
            owner_id=cls.salesman_1.id,
        )
        (cls.objective | cls.personal).action_compute()
        cls.draft_policy = cls.env["sales.qms.policy"].create(
            {"version": "7.0", "company_id": cls.company.id, "content": "<p>Draft</p>"}
        )

    @classmethod
    def _objective_for(cls, code, target, **vals):
        return cls.env["sales.qms.objective"].create(
            {
                "name": f"{code} objective",
                "company_id": cls.company.id,
                "indicator_id": cls.indicators[code].id,
                "fiscal_year_id": cls.fiscal_year.id,
                "target": target,
                "owner_id": cls.qms_manager.id,
                **vals,
            }
        )

    def _specification(self, models, model_name):
        """What the web client reads for the fields of a view and its subviews."""
        specification = {}
        for name, field in models[model_name]["fields"].items():
            relation = field.get("relation")
            if field["type"] in ("one2many", "many2many") and relation in models:
                specification[name] = {"fields": self._specification(models, relation)}
            elif relation:
                specification[name] = {"fields": {"display_name": {}}}
            else:
                specification[name] = {}
        return specification

    def test_reads_every_quality_record(self):
        env = self.env(user=self.auditor)
        # a colleague's personal objective, drafts of the policy, measurements
        self.assertIn(self.personal, env["sales.qms.objective"].search([]))
        self.assertIn(self.draft_policy, env["sales.qms.policy"].search([]))
        measurements = env["sales.qms.measurement"].search(
            [("objective_id", "=", self.personal.id)]
        )
        self.assertEqual(measurements, self.personal.measurement_ids)
        groups = env["sales.qms.measurement"]._read_group(
            [("objective_id", "in", (self.objective | self.personal).ids)],
            ["objective_id"],
            ["__count"],
        )
        self.assertEqual(len(groups), 2)
        exported = (
            env["sales.qms.objective"]
            .browse(self.personal.ids)
            .export_data(["name", "target", "user_id/name"])
        )
        self.assertEqual(exported["datas"][0][0], "李娜 sales")
        Form(env["sales.qms.objective"].browse(self.personal.id))
        Form(env["sales.qms.policy"].browse(self.draft_policy.id))

    def test_changes_nothing(self):
        env = self.env(user=self.auditor)
        objective = env["sales.qms.objective"].browse(self.objective.id)
        with self.assertRaises(AccessError):
            objective.write({"target": 2})
        with self.assertRaises(AccessError):
            objective.action_compute()
        with self.assertRaises(AccessError):
            objective.measurement_ids[:1].write({"target": 99})
        with self.assertRaises(AccessError):
            env["sales.qms.policy"].browse(self.draft_policy.id).write(
                {"content": "<p>Audited away</p>"}
            )
        with self.assertRaises(AccessError):
            env["sales.qms.policy"].create(
                {"version": "8.0", "company_id": self.company.id, "content": "<p>x</p>"}
            )
        with self.assertRaises(AccessError):
            env["sales.qms.policy"].browse(self.draft_policy.id).unlink()
        with self.assertRaises(AccessError):
            env["sale.order"].browse(self.o2.id).write({"note": "seen"})
        with self.assertRaises(AccessError):
            self._period(1).with_user(self.auditor).action_close()
        self.assertEqual(self.objective.target, 1)
        self.assertEqual(self.draft_policy.content, "<p>Draft</p>")

    def test_opens_the_orders_behind_a_value(self):
        february = self._months(self.objective)["02"]
        action = february.with_user(self.auditor).action_drilldown()
        Order = (
            self.env["sale.order"]
            .with_user(self.auditor)
            .with_context(**action["context"])
        )
        orders = Order.search(action["domain"])
        self.assertEqual(len(orders), february.value)
        self.assertNotIn("records shown", action["name"])
        # the list and the form of an order open as the auditor sees them
        for view_id, view_type in action["views"]:
            views = Order.get_views([(view_id, view_type)])
            rows = Order.web_search_read(
                action["domain"], self._specification(views["models"], "sale.order")
            )
            self.assertEqual(rows["length"], len(orders))
        line = rows["records"][0]["order_line"][0]
        self.assertTrue(line["name"] and line["price_subtotal"])
        # another company's orders stay out of sight
        self.assertFalse(
            Order.search([("company_id", "=", self.other_company.id)], limit=1)
        )
