import io
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError

from odoo.addons.sales_appraisal.models import (
    sales_appraisal_target_achievement as target_achievement,
)

from .common_activity import SalesAppraisalAchievementCommon

APR, MAY = date(2026, 4, 1), date(2026, 5, 1)


class TestAchievement(SalesAppraisalAchievementCommon):
    def test_refresh(self):
        """One row per node and month with the engine's values; a second
        refresh changes nothing; a changed month target follows."""
        self.tree._refresh_achievements()
        Achievement = self.env["sales.appraisal.achievement"]
        rows = Achievement.search([("target_id", "=", self.tree.id)])
        self.assertEqual(len(rows), 5 * 12)
        self.assertEqual(
            sorted(set(rows.mapped("month"))),
            [date(2026, month, 1) for month in range(1, 13)],
        )
        sp1_april = self._achievement("sp1", APR)
        self.assertRecordValues(
            sp1_april,
            [
                {
                    "target": 1.0,
                    "actual": 2.0,
                    "rate": 200.0,
                    "is_met": True,
                    "quarter": "q2",
                    "month_index": 4,
                    "team_id": self.team_1.id,
                    "user_id": self.salesman_1.id,
                    "level": "user",
                }
            ],
        )
        expected = {
            ("company", APR): 3.0,
            ("company", MAY): 1.0,
            ("east", APR): 2.0,
            ("east", MAY): 1.0,
            ("sp1", MAY): 1.0,
            ("south", APR): 1.0,
            ("sp2", APR): 1.0,
            ("sp2", MAY): 0.0,
        }
        for (key, month), actual in expected.items():
            self.assertEqual(self._achievement(key, month).actual, actual, (key, month))
        sp2_may = self._achievement("sp2", MAY)
        self.assertEqual((sp2_may.rate, sp2_may.is_met), (0.0, False))
        # the actuals are the engine's, node by node
        engine = self.indicators["meetings"]._compute_values(
            date(2026, 1, 1),
            date(2026, 12, 31),
            "user",
            self.salesman_1.ids,
            company_ids=self.company.ids,
        )
        for row in rows.filtered(lambda row: row.user_id == self.salesman_1):
            value = engine[
                (self.indicators["meetings"].id, row.month, self.salesman_1.id)
            ]
            self.assertEqual(row.actual, value[0])

        # twice: same rows, no duplicate
        self.tree._refresh_achievements()
        again = Achievement.search([("target_id", "=", self.tree.id)])
        self.assertEqual(again, rows)
        self.assertEqual(self.tree.achievement_count, 60)

        # a month target changed by hand: the row follows at once
        self.nodes["sp1"].month_04 = 4.0
        self.assertEqual(sp1_april.target, 4.0)
        self.assertEqual(sp1_april.rate, 50.0)
        self.assertFalse(sp1_april.is_met)

        # a removed node takes its rows with it
        self.nodes["sp2"].unlink()
        self.tree._refresh_achievements()
        self.assertEqual(
            Achievement.search_count([("target_id", "=", self.tree.id)]), 48
        )

    def test_quarter_and_year_are_sums(self):
        self.tree._refresh_achievements()
        groups = self.env["sales.appraisal.achievement"]._read_group(
            [("line_id", "=", self.nodes["sp1"].id)],
            ["quarter"],
            ["target:sum", "actual:sum"],
        )
        by_quarter = {quarter: (target, actual) for quarter, target, actual in groups}
        self.assertEqual(by_quarter["q1"], (3.0, 0.0))
        self.assertEqual(by_quarter["q2"], (3.0, 3.0))
        year = self.env["sales.appraisal.achievement"]._read_group(
            [("line_id", "=", self.nodes["company"].id)],
            [],
            ["target:sum", "actual:sum"],
        )
        self.assertEqual(year, [(24.0, 4.0)])

    def test_drilldown(self):
        self.tree._refresh_achievements()
        action = (
            self._achievement("sp1", APR)
            .with_user(self.salesman_1)
            .action_view_records()
        )
        meetings = self.env["sales.appraisal.meeting"].search(action["domain"])
        self.assertEqual(len(meetings), 2)
        self.assertEqual(meetings.user_id, self.salesman_1)
        action = self._achievement("company", MAY).action_view_records()
        self.assertEqual(
            len(self.env["sales.appraisal.meeting"].search(action["domain"])), 1
        )

    def test_refresh_rights(self):
        """Refreshing is the tree managers' right; the cron's runs are
        idempotent and only touch confirmed trees of this or last year."""
        with self.assertRaises(AccessError):
            self.tree.with_user(self.salesman_1).action_refresh_achievements()
        self.tree.with_user(self.manager).action_refresh_achievements()
        self.assertEqual(self.tree.achievement_count, 60)

    @freeze_time("2026-06-15 04:00:00")
    def test_cron(self):
        Target = self.env["sales.appraisal.target"]
        Achievement = self.env["sales.appraisal.achievement"]
        draft, _nodes = self._tree(
            self.indicators["meetings"],
            [("c", None, {"level": "company", "year_target": 1.0})],
        )
        old_year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "FY2024",
                "company_id": self.company.id,
                "date_from": "2024-01-01",
                "date_to": "2024-12-31",
            }
        )
        old, _nodes = self._tree(
            self.indicators["meetings"],
            [("c", None, {"level": "company", "year_target": 1.0})],
        )
        # a tree of 2024, set when that year was open (no tree is set for a
        # year that has ended)
        self.env.cr.execute(
            "UPDATE sales_appraisal_target SET fiscal_year_id = %s WHERE id = %s",
            (old_year.id, old.id),
        )
        old.invalidate_recordset()
        (self.tree | old)._write_state({"state": "confirmed"})
        # other confirmed trees (e.g. demo data) are refreshed today already
        Target.search([("id", "not in", (self.tree | old | draft).ids)]).write(
            {"achievement_date": "2026-06-15 03:00:00"}
        )
        Target._cron_refresh_achievements()
        Target._cron_refresh_achievements()
        self.assertEqual(
            Achievement.search_count([("target_id", "=", self.tree.id)]), 60
        )
        self.assertFalse(
            Achievement.search_count([("target_id", "in", (draft | old).ids)])
        )
        self.assertTrue(self.tree.achievement_date)
        self.assertEqual(self._achievement("sp1", APR).actual, 2.0)

    @freeze_time("2026-05-15 04:00:00")
    def test_my_targets(self):
        self.tree._write_state({"state": "confirmed"})
        self.tree._refresh_achievements()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_appraisal.sales_appraisal_target_line_action_my"
        )
        Line = self.env["sales.appraisal.target.line"].with_user(self.salesman_1)
        domain = [
            ("user_id", "=", self.salesman_1.id),
            ("level", "=", "user"),
            ("state", "=", "confirmed"),
            ("is_current_fiscal_year", "=", True),
        ]
        self.assertIn("is_current_fiscal_year", action["domain"])
        cards = Line.search(domain)
        self.assertEqual(cards, self.nodes["sp1"])

        # every card's figures in one grouped query: as many queries for
        # five cards as for one
        def count_queries(domain):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["sales.appraisal.target.line"].web_search_read(
                domain,
                {"ytd_actual": {}, "current_month_target": {}, "year_progress": {}},
            )
            return self.env.cr.sql_log_count - before

        tree = [("target_id", "=", self.tree.id)]
        self.assertEqual(
            count_queries([*tree, ("level", "=", "company")]), count_queries(tree)
        )
        self.assertRecordValues(
            cards,
            [
                {
                    "ytd_target": 5.0,
                    "ytd_actual": 3.0,
                    "year_progress": 25.0,
                    "current_month_target": 1.0,
                    "current_month_actual": 1.0,
                    "current_month_progress": 100.0,
                }
            ],
        )

    def test_xlsx(self):
        """销售目标分解表: a row per node, indented, numbers as numbers."""
        try:
            import openpyxl  # noqa: PLC0415
        except ImportError:
            self.skipTest("openpyxl is not installed")
        self.tree._refresh_achievements()
        action = self.tree.action_export_xlsx()
        self.assertEqual(
            action["url"], f"/sales_qms/xlsx/target_breakdown?ids={self.tree.id}"
        )
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "target_breakdown", self.tree
        )
        self.assertEqual(filename, "sales_target_breakdown.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[2]
        self.assertEqual(
            header[:7], ("Node", "Level", "Year Target", "Q1", "Q2", "Q3", "Q4")
        )
        self.assertEqual(len(header), 7 + 3 * 12)
        self.assertEqual(
            header[7 + 3 * 3 : 7 + 3 * 4],
            (
                "M4 (2026-04) Target",
                "M4 (2026-04) Actual",
                "M4 (2026-04) Achievement",
            ),
        )
        body = rows[3:]
        self.assertEqual(len(body), 5)
        names = [row[0] for row in body]
        self.assertEqual(names[0], "Activity Test Co")
        self.assertEqual(names[1], "    East")
        self.assertEqual(names[2], "        " + self.salesman_1.name)
        sp1 = body[2]
        self.assertEqual(sp1[2], 12.0)
        self.assertEqual(sp1[4], 3.0)
        april = sp1[7 + 3 * 3 : 7 + 3 * 4]
        self.assertEqual(april, (1.0, 2.0, 200.0))
        # numbers stay numbers, with their formats
        cell = sheet.cell(row=6, column=7 + 3 * 3 + 3)
        self.assertEqual(cell.value, 200.0)
        self.assertEqual(cell.number_format, '0.00"%"')

    def test_bad_input(self):
        """A cancelled tree is not measured."""
        cancelled, _nodes = self._tree(
            self.indicators["meetings"],
            [("c", None, {"level": "company", "year_target": 1.0})],
        )
        cancelled._write_state({"state": "cancel"})
        cancelled._refresh_achievements()
        self.assertEqual(cancelled.achievement_count, 0)
        self.assertFalse(cancelled.achievement_date)

    @freeze_time("2026-06-15 04:00:00")
    def test_cron_batches(self):
        """One tree per batch: each run refreshes the next tree not refreshed
        today and reports what remains; a run after the last adds nothing."""
        Target = self.env["sales.appraisal.target"]
        second, _nodes = self._tree(
            self.indicators["meetings"],
            [("c", None, {"level": "company", "year_target": 1.0})],
        )
        (self.tree | second)._write_state({"state": "confirmed"})
        Target.search([("id", "not in", (self.tree | second).ids)]).write(
            {"achievement_date": "2026-06-15 03:00:00"}
        )
        Achievement = self.env["sales.appraisal.achievement"]
        trees = self.tree | second
        with patch.object(target_achievement, "REFRESH_BATCH_SIZE", 1):
            Target._cron_refresh_achievements()
            self.assertEqual(len(trees.filtered("achievement_date")), 1)
            Target._cron_refresh_achievements()
            self.assertEqual(len(trees.filtered("achievement_date")), 2)
            count = Achievement.search_count([("target_id", "in", trees.ids)])
            self.assertEqual(count, 60 + 12)
            Target._cron_refresh_achievements()
            self.assertEqual(
                Achievement.search_count([("target_id", "in", trees.ids)]), count
            )
