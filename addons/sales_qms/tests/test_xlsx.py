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
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "objective_achievement", conversion | orders
        )
        self.assertTrue(filename.endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "2026")
        self.assertIn("2026", sheet["A1"].value)
        self.assertEqual(sheet["A2"].value, self.company.name)
        headers = [cell.value for cell in sheet[3]]
        self.assertEqual(len(headers), 6 + 12 + 2)
        self.assertEqual(headers[1], "Quality Objective")
        self.assertEqual(headers[6], "Month 1")
        self.assertEqual(sheet.freeze_panes, "A4")
        rows = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
        conversion_row = rows["报价转化率 ≥ 55%"]
        self.assertEqual(conversion_row[0], 1)
        self.assertEqual(conversion_row[5], "≥ 55.00 %")
        self.assertAlmostEqual(conversion_row[6], 200 / 3, places=4)
        self.assertEqual(conversion_row[7], 50)
        self.assertIsNone(conversion_row[9])  # April: no quotation, no data
        self.assertIsNone(conversion_row[17])  # December
        self.assertAlmostEqual(conversion_row[18], 400 / 7, places=4)
        self.assertEqual(conversion_row[19], "Met")
        orders_row = rows["Orders"]
        self.assertEqual(orders_row[6:10], (1, 2, 0, 1))
        self.assertEqual(orders_row[18:], (4, "Met"))

    def test_report_checks_read_access(self):
        objective = self._objective("sale_count", 1)
        with self.assertRaises(AccessError):
            self.env["sales.qms.xlsx"].with_user(self.salesman_1)._render_report(
                "objective_achievement", objective.with_user(self.salesman_1)
            )
