import io

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestXlsx(SalesQmsCommon):
    def test_objective_achievement_table(self):
        conversion = self._objective(
            "quotation_conversion", 55, name="报价转化率 ≥ 55%"
        )
        orders = self._objective("sale_count", 1, name="Orders")
        (conversion | orders).action_compute()
        self.company.write(
            {
                "qms_achievement_form_number": "QR-SL-06",
                "qms_achievement_form_revision": "A/0",
            }
        )
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "objective_achievement", conversion | orders
        )
        self.assertTrue(filename.endswith(".xlsx"))
        workbook = load_workbook(io.BytesIO(content))
        self.assertEqual(
            workbook.sheetnames,
            ["2026", "Planning", "Causes and Actions", "Corrections"],
        )
        sheet = workbook["2026"]
        self.assertIn("2026", sheet["A1"].value)
        # the form as the company files it: its number and revision
        self.assertEqual(
            sheet["A2"].value.split(" · ")[:3],
            [self.company.name, "Form No. QR-SL-06", "Revision A/0"],
        )
        headers = [cell.value for cell in sheet[3]]
        self.assertEqual(len(headers), 8 + 12 + 1)
        self.assertEqual(headers[1], "Quality Objective")
        self.assertEqual(headers[5:9], ["Target", "Year Target", "Item", "Month 1"])
        self.assertEqual(sheet.freeze_panes, "A4")
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        # three lines per objective: actual, 完成率, met or not
        by_name = {rows[i][1]: rows[i : i + 3] for i in range(0, 6, 3)}
        actual, rate, met = by_name["报价转化率 ≥ 55%"]
        self.assertEqual(actual[0], 1)
        self.assertEqual(
            [actual[7], rate[7], met[7]], ["Actual", "Achievement Rate", "Met?"]
        )
        # targets are numbers, shown with their comparison
        self.assertEqual((actual[5], actual[6]), (55, 55))
        self.assertEqual(sheet.cell(row=4, column=6).number_format, '"≥ "0.00" %"')
        self.assertAlmostEqual(actual[8], 200 / 3, places=4)
        self.assertAlmostEqual(rate[8], 200 / 3 / 55 * 100, places=4)
        self.assertEqual(met[8], "Met")
        self.assertEqual((actual[9], met[9]), (50, "Not Met"))
        self.assertAlmostEqual(rate[9], 50 / 55 * 100, places=4)
        self.assertEqual((actual[11], rate[11], met[11]), (None, None, ""))  # April
        self.assertAlmostEqual(actual[20], 400 / 7, places=4)
        self.assertEqual(met[20], "Met")
        actual, rate, met = by_name["Orders"]
        self.assertEqual(actual[8:12], (1, 2, 0, 1))
        self.assertEqual(met[8:12], ("Met", "Met", "Not Met", "Met"))
        # a summed indicator: the year target adds up twelve month targets,
        # the year so far is the progress towards it
        self.assertEqual((actual[6], actual[20]), (12, 4))
        self.assertAlmostEqual(rate[20], 4 / 12 * 100, places=4)
        self.assertEqual(met[20], "Met")  # on track: 4 of the 4 months' targets
        # blank signature lines to sign the printed form by hand
        footer = [row[0] for row in sheet.iter_rows(min_row=4 + 6, values_only=True)]
        self.assertIn("Prepared by (编制)", footer)
        self.assertIn("Approved by (批准)", footer)
        corrections = list(
            workbook["Corrections"].iter_rows(min_row=3, values_only=True)
        )
        self.assertEqual(corrections[0][0], "No month was corrected after closing.")
        # ISO 9001 §6.2.2: how each objective is achieved and evaluated
        planning = {
            row[1]: row
            for row in workbook["Planning"].iter_rows(min_row=3, values_only=True)
        }
        self.assertEqual(planning["Orders"][6], self.qms_manager.name)
        self.assertEqual(planning["Orders"][7].date().isoformat(), "2026-12-31")
        self.assertIn("sales orders confirmed", planning["Orders"][8])
        self.assertEqual(planning["Orders"][10], "Monthly")
        # the months not met, waiting for their cause analysis
        causes = list(
            workbook["Causes and Actions"].iter_rows(min_row=3, values_only=True)
        )
        self.assertEqual(
            {(row[0], row[1]) for row in causes if row[0] == "Orders"},
            {("Orders", self._period(3).name)},
        )
        self.assertIn(
            ("报价转化率 ≥ 55%", self._period(2).name), {row[:2] for row in causes}
        )
        self.assertEqual({row[4] for row in causes}, {""}, "not analysed yet")

    def test_report_checks_read_access(self):
        objective = self._objective("sale_count", 1)
        with self.assertRaises(AccessError):
            self.env["sales.qms.xlsx"].with_user(self.salesman_1)._render_report(
                "objective_achievement", objective.with_user(self.salesman_1)
            )
