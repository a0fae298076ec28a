"""Business plans (经营计划, 年度/五年) and market research (市场调研)."""

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import SalesQmsCommon


class BusinessPlanCommon(SalesQmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.auditor = new_test_user(
            cls.env,
            "qms_bp_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            **companies,
        )
        cls.qms_user_2 = new_test_user(
            cls.env,
            "qms_bp_user2",
            groups="sales_qms.group_sales_qms_user",
            **companies,
        )
        Metric = cls.env["sales.qms.business.metric"]
        cls.metric_sales = Metric.create(
            {
                "name": "Sales",
                "unit": "CNY",
                "indicator_id": cls.indicators["sale_amount"].id,
            }
        )
        cls.metric_customers = Metric.create(
            {
                "name": "New Customers",
                "indicator_id": cls.indicators["new_customers"].id,
            }
        )
        cls.metric_share = Metric.create({"name": "Market Share", "unit": "%"})

    def _plan(self, plan_type="five_year", year_start=2025, lines=(), **vals):
        return (
            self.env["sales.qms.business.plan"]
            .with_user(self.qms_manager)
            .create(
                {
                    "name": f"Plan {plan_type} {year_start}",
                    "company_id": self.company.id,
                    "plan_type": plan_type,
                    "year_start": year_start,
                    "line_ids": [
                        Command.create(
                            {
                                "metric_id": metric.id,
                                "year": year,
                                "planned_value": value,
                            }
                        )
                        for metric, year, value in lines
                    ],
                    **vals,
                }
            )
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestBusinessPlan(BusinessPlanCommon):
    def test_years_of_a_plan(self):
        five = self._plan()
        self.assertEqual(five.year_end, 2029)
        annual = self._plan("annual", 2026)
        self.assertEqual(annual.year_end, 2026)

    def test_five_year_plan_needs_each_of_its_years(self):
        empty = self._plan()
        with self.assertRaises(ValidationError):
            empty.action_activate()
        self.assertEqual(empty.state, "draft")
        four = self._plan(
            lines=[(self.metric_share, year, 10) for year in (2025, 2026, 2027, 2029)]
        )
        with self.assertRaises(ValidationError) as error:
            four.action_activate()
        self.assertIn("2028", str(error.exception))
        self.assertEqual(four.state, "draft")
        four.line_ids = [
            Command.create(
                {"metric_id": self.metric_share.id, "year": 2028, "planned_value": 11}
            )
        ]
        with self.assertRaisesRegex(UserError, "must be reviewed"):
            four.action_activate()
        self._prepare_and_review(four).action_activate()
        self.assertEqual(four.state, "active")
        # the years of an active plan are fixed
        with self.assertRaises(UserError):
            four.write({"year_start": 2026})
        self.assertEqual(four.year_start, 2025)
        # nor is the state written by hand
        with self.assertRaises(AccessError):
            four.write({"state": "archived"})

    def test_bad_figures_are_refused_and_write_nothing(self):
        plan = self._plan("annual", 2026)
        Line = self.env["sales.qms.business.plan.line"].with_user(self.qms_manager)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Line.create(
                {"plan_id": plan.id, "metric_id": self.metric_share.id, "year": 2027}
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Line.create(
                {
                    "plan_id": plan.id,
                    "metric_id": self.metric_share.id,
                    "year": 2026,
                    "planned_value": -5,
                }
            )
        Line.create(
            {
                "plan_id": plan.id,
                "metric_id": self.metric_share.id,
                "year": 2026,
                "planned_value": 9,
            }
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            Line.create(
                {
                    "plan_id": plan.id,
                    "metric_id": self.metric_share.id,
                    "year": 2026,
                    "planned_value": 10,
                }
            )
        self.assertEqual(plan.line_ids.mapped("planned_value"), [9])

    def test_actuals_from_the_indicators(self):
        # 2025: o0 (100); 2026 to date: o1 1000 + o2 500 + o3 1000 + o5 700
        plan = self._plan(
            lines=[
                (metric, year, 1)
                for metric in (self.metric_sales, self.metric_customers)
                for year in range(2025, 2030)
            ]
            + [(self.metric_share, 2026, 10)]
        )
        plan.line_ids.filtered(lambda line: line.metric_id == self.metric_share).write(
            {"actual_value": 8}
        )
        plan.action_update_actuals()
        actuals = {
            (line.metric_id, line.year): (line.actual_value, line.has_actual)
            for line in plan.line_ids
        }
        self.assertEqual(actuals[self.metric_sales, 2025], (100, True))
        self.assertEqual(actuals[self.metric_sales, 2026], (3200, True))
        self.assertEqual(actuals[self.metric_sales, 2027], (0, False))
        # customers 1 (January) and 3 (April) ordered for the first time
        self.assertEqual(actuals[self.metric_customers, 2026], (2, True))
        # typed actuals are left alone
        self.assertEqual(actuals[self.metric_share, 2026], (8, True))
        with self.assertRaises(AccessError):
            plan.with_user(self.qms_user).action_update_actuals()

    def test_archived_plan_is_frozen(self):
        plan = self._plan("annual", 2026, lines=[(self.metric_share, 2026, 10)])
        self._prepare_and_review(plan).action_activate()
        plan.action_archive_plan()
        with self.assertRaises(UserError):
            plan.line_ids.write({"actual_value": 3})
        with self.assertRaises(UserError):
            plan.unlink()
        self.assertEqual(plan.line_ids.actual_value, 0)


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestMarketResearch(BusinessPlanCommon):
    def _research(self, user=None, **vals):
        user = user or self.qms_manager
        return (
            self.env["sales.qms.market.research"]
            .with_user(user)
            .create(
                {
                    "name": "Valve market 2026",
                    "company_id": self.company.id,
                    "user_id": user.id,
                    "date": "2026-06-15",
                    "method": "exhibition",
                    **vals,
                }
            )
        )

    def test_figures_become_benchmarks_once(self):
        rival = self.env["res.partner"].create({"name": "Rival Valves"})
        quality = self.env.ref("sales_qms.satisfaction_dimension_quality")
        research = self._research(
            competitor_ids=[Command.set(rival.ids)],
            figure_ids=[
                Command.create(
                    {
                        "description": "Quality score",
                        "competitor_id": rival.id,
                        "dimension_id": quality.id,
                        "value": 91,
                    }
                ),
                Command.create(
                    {"description": "Average price", "value": 385, "unit": "CNY"}
                ),
            ],
        )
        research.action_use_as_benchmarks()
        benchmark = research.benchmark_ids
        self.assertEqual(len(benchmark), 1)
        self.assertEqual(
            (benchmark.source_type, benchmark.source, benchmark.value),
            ("research", "Rival Valves", 91),
        )
        self.assertEqual(benchmark.dimension_id, quality)
        self.assertEqual(str(benchmark.date), "2026-06-15")
        self.assertIn("Valve market 2026", benchmark.note)
        self.assertEqual(research.figure_ids[0].benchmark_id, benchmark)
        self.assertEqual(benchmark.research_figure_id, research.figure_ids[0])
        # pressed twice: no duplicate
        research.action_use_as_benchmarks()
        research.invalidate_recordset()
        self.assertEqual(research.benchmark_ids, benchmark)
        self.assertEqual(research.benchmark_count, 1)

    def test_a_score_figure_is_between_0_and_100(self):
        research = self._research()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            research.figure_ids = [
                Command.create(
                    {
                        "description": "Quality score",
                        "dimension_id": self.env.ref(
                            "sales_qms.satisfaction_dimension_quality"
                        ).id,
                        "value": 120,
                    }
                )
            ]
        self.assertFalse(research.figure_ids)

    def test_qms_users_keep_their_own_research(self):
        mine = self._research(user=self.qms_user, name="Mine")
        mine.write({"findings": "<p>Prices fall</p>"})
        mine.figure_ids = [Command.create({"description": "Price", "value": 1})]
        theirs = self._research(user=self.qms_user_2, name="Theirs")
        as_user = self.env["sales.qms.market.research"].with_user(self.qms_user)
        self.assertEqual(as_user.search([]), mine | theirs)
        with self.assertRaises(AccessError):
            theirs.with_user(self.qms_user).write({"name": "Taken"})
        with self.assertRaises(AccessError):
            theirs.with_user(self.qms_user).unlink()
        # benchmarks are the quality representative's
        with self.assertRaises(AccessError):
            mine.action_use_as_benchmarks()
        self.assertEqual(theirs.name, "Theirs")


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestBusinessPlanSecurity(BusinessPlanCommon):
    def test_readers_of_business_plans(self):
        plan = self._plan("annual", 2026, lines=[(self.metric_share, 2026, 10)])
        for user in (self.qms_user, self.sale_manager, self.auditor):
            Plan = self.env["sales.qms.business.plan"].with_user(user)
            self.assertEqual(Plan.search([]), plan, user.login)
            self.assertTrue(plan.with_user(user).line_ids.read(["planned_value"]))
            with self.assertRaises(AccessError):
                plan.with_user(user).write({"name": "Mine"})
            with self.assertRaises(AccessError):
                plan.line_ids.with_user(user).write({"actual_value": 1})
            with self.assertRaises(AccessError):
                Plan.create({"name": "Mine", "year_start": 2026})
            with self.assertRaises(AccessError):
                plan.with_user(user).unlink()
        self.assertEqual(plan.name, "Plan annual 2026")

    def test_auditor_reads_research_and_changes_nothing(self):
        research = self.env["sales.qms.market.research"].create(
            {"name": "Study", "company_id": self.company.id}
        )
        as_auditor = research.with_user(self.auditor)
        self.assertTrue(as_auditor.read(["name", "findings"]))
        with self.assertRaises(AccessError):
            as_auditor.write({"name": "Audited"})
        with self.assertRaises(AccessError):
            self.env["sales.qms.market.research"].with_user(self.auditor).create(
                {"name": "Audited", "company_id": self.company.id}
            )

    def test_other_company_is_invisible(self):
        plan = self._plan("annual", 2026, lines=[(self.metric_share, 2026, 10)])
        research = self.env["sales.qms.market.research"].create(
            {"name": "Study", "company_id": self.company.id}
        )
        stranger = new_test_user(
            self.env,
            "qms_bp_stranger",
            groups="sales_qms.group_sales_qms_manager",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        self.assertFalse(
            self.env["sales.qms.business.plan"].with_user(stranger).search([])
        )
        self.assertFalse(
            self.env["sales.qms.market.research"].with_user(stranger).search([])
        )
        with self.assertRaises(AccessError):
            plan.with_user(stranger).read(["name"])
        with self.assertRaises(AccessError):
            research.with_user(stranger).read(["name"])
