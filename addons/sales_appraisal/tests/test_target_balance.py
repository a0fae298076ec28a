from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SalesAppraisalTargetCommon


@tagged("post_install", "-at_install")
class TestTargetBalance(SalesAppraisalTargetCommon):
    def _balanced_tree(self):
        """120,000 even: 10,000 a month for the company, East 60,000 (5,000 a
        month), South 60,000, North nothing; East's people 2,500 a month."""
        target = self._tree(year=120000)
        target._split(self._node(target), True, "even", False, "even", False)
        for team, year in ((self.team_east, 60000), (self.team_south, 60000)):
            node = self._node(target, team=team)
            node.year_target = year
            target._split(node, True, "even", True, "even", False)
        self._node(target, team=self.team_north).child_ids.year_target = 0
        return target

    def test_balanced_tree_confirms(self):
        target = self._balanced_tree()
        result = target.with_user(self.manager).action_check_balance()
        self.assertEqual(result["params"]["type"], "success")
        target.with_user(self.manager).action_confirm()
        self.assertEqual(target.state, "confirmed")

    def test_unbalanced_children_named(self):
        """East's March node says 5,000 while its people add up to 3,000 +
        2,500: the message names East, March, both totals and the gap."""
        target = self._balanced_tree()
        sp1 = self._node(target, user=self.sp_east_1)
        sp1.write({"month_03": 3000, "quarter_1": 8000, "year_target": 30500})
        expected = (
            "East Mar: children total 5,500.00, expected 5,000.00 (difference 500.00)"
        )
        self.assertEqual(target._get_imbalance(), expected)
        result = target.with_user(self.manager).action_check_balance()
        self.assertEqual(result["params"]["message"], expected)
        self.assertEqual(target.state, "draft")
        with self.assertRaisesRegex(UserError, "East Mar: children total 5,500.00"):
            target.with_user(self.manager).action_confirm()
        self.assertEqual(target.state, "draft")

    def test_unbalanced_months_named_first(self):
        """A salesperson's own months off their quarter come first: that is
        the cell that was typed."""
        target = self._balanced_tree()
        self._node(target, user=self.sp_east_2).month_03 = 2700
        self.assertEqual(
            target._get_imbalance(),
            f"{self.sp_east_2.name} Q1: months total 7,700.00, expected 7,500.00 "
            "(difference 200.00)",
        )
        self._node(target, user=self.sp_east_2).month_03 = 2500
        self.assertFalse(target._get_imbalance())

    def test_quarters_against_year(self):
        target = self._balanced_tree()
        self._node(target).year_target = 121000
        with self.assertRaisesRegex(
            UserError, "Year: quarters total 120,000.00, expected 121,000.00"
        ):
            target.with_user(self.manager).action_confirm()

    def test_negative_target_refused(self):
        target = self._balanced_tree()
        node = self._node(target, user=self.sp_east_1)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            with self.env.cr.savepoint():
                node.month_05 = -1
        self.assertEqual(node.month_05, 2500.0)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            with self.env.cr.savepoint():
                target.with_user(self.manager).write(
                    {"line_ids": [Command.update(node.id, {"year_target": -5})]}
                )
        self.assertEqual(node.year_target, 30000.0)

    def test_business_plan_proposes_company_target(self):
        metric = self.env["sales.qms.business.metric"].create(
            {
                "name": "销售额",
                "indicator_id": self.amount.id,
                "company_id": self.company.id,
            }
        )
        plan = self.env["sales.qms.business.plan"].create(
            {
                "name": "2027 年度经营计划",
                "company_id": self.company.id,
                "plan_type": "annual",
                "year_start": 2027,
                "line_ids": [
                    Command.create(
                        {"metric_id": metric.id, "year": 2027, "planned_value": 800000}
                    )
                ],
            }
        )
        # only the plan in force counts
        self.assertFalse(self._tree(build=False).business_plan_line_id)
        plan.sudo()._write_state("active")
        target = self._tree()
        self.assertEqual(target.business_plan_line_id, plan.line_ids)
        self.assertEqual(self._node(target).year_target, 800000.0)
        # departing from the plan needs a reason, kept on the tree
        with self.assertRaisesRegex(ValidationError, "reason for departing"):
            with self.env.cr.savepoint():
                self._node(target).year_target = 900000
        self.assertEqual(self._node(target).year_target, 800000.0)
        target.with_user(self.manager).write(
            {
                "plan_deviation_reason": "华东新增两家大客户",
                "line_ids": [
                    Command.update(self._node(target).id, {"year_target": 900000})
                ],
            }
        )
        self.assertEqual(self._node(target).year_target, 900000.0)
        with self.assertRaisesRegex(ValidationError, "reason for departing"):
            with self.env.cr.savepoint():
                target.with_user(self.manager).plan_deviation_reason = False

    def test_closed_or_ended_fiscal_year_refused(self):
        Year = self.env["sales.qms.fiscal.year"]
        ended = Year.create(
            {
                "name": "2020",
                "company_id": self.company.id,
                "date_from": "2020-01-01",
                "date_to": "2020-12-31",
            }
        )
        closed = Year.create(
            {
                "name": "2028",
                "company_id": self.company.id,
                "date_from": "2028-01-01",
                "date_to": "2028-12-31",
            }
        )
        closed.period_ids._write_state({"state": "closed"})
        Target = self.env["sales.appraisal.target"].with_user(self.manager)
        for year, message in ((ended, "has ended"), (closed, "is closed")):
            with self.assertRaisesRegex(ValidationError, message):
                Target.create(
                    {
                        "name": "late",
                        "company_id": self.company.id,
                        "fiscal_year_id": year.id,
                        "indicator_id": self.amount.id,
                    }
                )
        target = self._tree(build=False)
        with self.assertRaisesRegex(ValidationError, "has ended"):
            target.write({"fiscal_year_id": ended.id})
        self.assertEqual(target.fiscal_year_id, self.fiscal_year)
        self.assertEqual(
            Target.search_count([("fiscal_year_id", "in", (ended | closed).ids)]), 0
        )

    def test_message_in_chinese(self):
        """The message names the calendar month as a Chinese user says it."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sales_appraisal"], ["zh_CN"])
        target = self._balanced_tree()
        self.team_east.update_field_translations("name", {"zh_CN": "华东销售部"})
        sp1 = self._node(target, user=self.sp_east_1)
        sp1.write({"month_03": 3000, "quarter_1": 8000, "year_target": 30500})
        self.assertEqual(
            target.with_context(lang="zh_CN")._get_imbalance(),
            "华东销售部 3月：下级合计 5,500.00，应为 5,000.00（差 500.00）",
        )
