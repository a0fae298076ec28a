import io

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestAchievementReport(SalesQmsCommon):
    """质量目标完成情况表 as the auditor's form: closed months, marks, 完成率,
    year target, corrections, form number, signed 编制 / 审核 / 批准."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "qms_achievement_form_number": "QR-SL-06",
                "qms_achievement_form_revision": "A/0",
            }
        )
        cls.auditor = new_test_user(
            cls.env,
            "qms_report_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.orders = cls._objective(cls, "sale_count", 1, name="Orders")
        cls.orders.action_compute()

    def _report(self, month):
        return (
            self.env["sales.qms.achievement.report"]
            .with_user(self.qms_manager)
            .create(
                {
                    "company_id": self.company.id,
                    "fiscal_year_id": self.fiscal_year.id,
                    "period_id": self._period(month).id,
                }
            )
        )

    def _sheet(self, report, user=None):
        _name, content = (
            self.env["sales.qms.xlsx"]
            .with_user(user or self.qms_manager)
            ._render_report(
                "achievement_report", report.with_user(user or self.qms_manager)
            )
        )
        return load_workbook(io.BytesIO(content))

    def test_prepared_over_closed_months_only(self):
        report = self._report(3)
        self.assertEqual(report.objective_ids, self.orders)
        self.assertEqual(
            (report.form_number, report.form_revision), ("QR-SL-06", "A/0")
        )
        with self.assertRaisesRegex(UserError, "Close"):
            report.with_user(self.signoff_author).action_signoff_prepare()
        self.assertEqual(report.signoff_state, "draft")
        for month in (1, 2, 3):
            self._close(month)
        report.with_user(self.signoff_author).action_signoff_prepare()
        self.assertEqual(report.signoff_state, "prepared")
        # being signed, the report is locked
        with self.assertRaisesRegex(UserError, "being signed off"):
            report.with_user(self.qms_manager).form_number = "QR-XX"

    def test_the_signed_form(self):
        for month in (1, 2, 3):
            self._close(month)
        february = self._months(self.orders)["02"]
        self.env["sales.qms.measurement.correct"].with_user(self.qms_manager).create(
            {
                "measurement_id": february.id,
                "numerator": 3,
                "reason": "Order S0042 late",
            }
        ).action_apply()
        march = self._months(self.orders)["03"]
        self.env["sales.qms.measurement.analyse"].with_user(self.qms_manager).create(
            {
                "measurement_id": march.id,
                "cause_analysis": "No quotation sent in March",
                "action_taken": "Weekly call plan",
            }
        ).action_apply()
        report = self._report(3)
        self._prepare_and_review(report)
        report.with_user(self.qms_manager).action_signoff_approve()
        self.assertEqual(report.signoff_state, "approved")

        workbook = self._sheet(report)
        self.assertEqual(
            workbook.sheetnames,
            ["2026", "Planning", "Causes and Actions", "Corrections"],
        )
        causes = list(
            workbook["Causes and Actions"].iter_rows(min_row=3, values_only=True)
        )
        self.assertEqual(
            [row[:2] + row[4:7] for row in causes],
            [
                (
                    "Orders",
                    self._period(3).name,
                    "No quotation sent in March",
                    "Weekly call plan",
                    self.qms_manager.name,
                )
            ],
        )
        sheet = workbook["2026"]
        self.assertEqual(
            sheet["A2"].value,
            f"{self.company.name} · Form No. QR-SL-06 · Revision A/0 · "
            f"to {self._period(3).name}",
        )
        headers = [cell.value for cell in sheet[3]]
        self.assertEqual(len(headers), 8 + 3 + 1, "the months covered, then the year")
        actual, rate, met = list(
            sheet.iter_rows(min_row=4, max_row=6, values_only=True)
        )
        self.assertEqual(actual[8:12], (1, 3, 0, 4))
        self.assertEqual(rate[8:12], (100, 300, 0, 4 / 12 * 100))
        # the corrected month carries its mark
        self.assertEqual(met[8:12], ("Met", "Met *", "Not Met", "Met *"))
        self.assertEqual(actual[6], 12)  # year target: twelve months of 1
        footer = list(sheet.iter_rows(min_row=8, values_only=True))
        signatures = {row[0]: row[1:3] for row in footer if row[0]}
        self.assertEqual(signatures["Prepared by (编制)"][0], self.signoff_author.name)
        self.assertEqual(
            signatures["Reviewed by (审核)"][0], self.signoff_reviewer.name
        )
        self.assertEqual(
            signatures["Approved by (批准)"], (self.qms_manager.name, "2026-04-15")
        )
        corrections = list(
            workbook["Corrections"].iter_rows(min_row=3, values_only=True)
        )
        self.assertEqual(len(corrections), 1)
        self.assertEqual(corrections[0][0], "Orders")
        self.assertEqual(
            (corrections[0][2], corrections[0][3]), (3, "Order S0042 late")
        )

        # the PDF prints the same table; the approved one is kept as printed
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "sales_qms.action_report_sales_qms_achievement_report", report.ids
            )[0]
            .decode()
        )
        for text in (
            "QR-SL-06",
            "Met *",
            "Order S0042 late",
            self.qms_manager.name,
            "300.0%",
        ):
            self.assertIn(text, html)
        snapshot = self.env["ir.attachment"].search(
            [("res_model", "=", report._name), ("res_id", "=", report.id)]
        )
        self.assertEqual(len(snapshot), 1)

    def test_who_reads_the_report(self):
        report = self._report(3)
        self.assertEqual(report.with_user(self.auditor).name, report.name)
        self._sheet(report, self.auditor)
        for user in (self.salesman_1, self.qms_user):
            with self.assertRaises(AccessError):
                report.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            report.with_user(self.auditor).write({"form_number": "X"})


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestObjectivePlanningAndAnalysis(SalesQmsCommon):
    """ISO 9001 §6.2.2 on the objective; the cause of a month not met
    recorded on the month by its owner."""

    def test_planning_fields(self):
        self.indicators["sale_count"].write(
            {
                "formula": "Number of sales orders confirmed in the month",
                "data_source": "Confirmed sales orders (Odoo Sales)",
            }
        )
        objective = self._objective("sale_count", 1, name="Orders")
        self.assertEqual(objective.due_date.isoformat(), "2026-12-31")
        self.assertEqual(objective.measurement_frequency, "month")
        self.assertEqual(
            objective.evaluation_method.splitlines(),
            [
                "Formula: Number of sales orders confirmed in the month",
                "Data source: Confirmed sales orders (Odoo Sales)",
                "Frequency: Monthly",
            ],
        )
        # an indicator without a formula: its definition and what it counts
        amount = self._objective("sale_amount", 1000)
        self.indicators["sale_amount"].write(
            {
                "formula": False,
                "data_source": False,
                "description": "Untaxed amount confirmed",
            }
        )
        amount.measurement_frequency = "quarter"
        self.assertEqual(
            amount.evaluation_method.splitlines()[0],
            "Formula: Untaxed amount confirmed",
        )
        self.assertIn("Sales Order", amount.evaluation_method.splitlines()[1])
        self.assertEqual(
            amount.evaluation_method.splitlines()[2], "Frequency: Quarterly"
        )
        # written by hand, it stays as written
        objective.evaluation_method = "Counted by the sales office"
        objective.resources = "Two sales assistants"
        self.assertEqual(objective.evaluation_method, "Counted by the sales office")

    def test_the_owner_analyses_a_month_not_met(self):
        objective = self._objective("sale_count", 1, name="Orders")
        objective.action_compute()
        for month in (1, 2, 3):
            self._close(month)
        march = self._months(objective)["03"]
        self.assertEqual(march.status, "not_met")
        activity_type = self.env.ref("sales_qms.mail_activity_type_objective_not_met")
        self.assertEqual(
            objective.activity_ids.activity_type_id, activity_type, "owner asked"
        )
        Wizard = self.env["sales.qms.measurement.analyse"]
        # nobody writes it by hand, not even the superuser
        with self.assertRaises(AccessError):
            march.sudo().write({"cause_analysis": "x"})
        # a colleague who may not change the objective does not analyse it
        with self.assertRaises(AccessError):
            Wizard.with_user(self.salesman_1).create(
                {"measurement_id": march.id, "cause_analysis": "x", "action_taken": "y"}
            ).action_apply()
        with self.assertRaisesRegex(UserError, "both the cause and the action"):
            Wizard.with_user(self.qms_manager).create(
                {"measurement_id": march.id, "cause_analysis": "No quotation"}
            ).action_apply()
        january = self._months(objective)["01"]
        with self.assertRaisesRegex(UserError, "not met"):
            Wizard.with_user(self.qms_manager).create(
                {
                    "measurement_id": january.id,
                    "cause_analysis": "x",
                    "action_taken": "y",
                }
            ).action_apply()
        self.assertFalse(march.cause_analysis)
        # the owner records it on the closed month; the value stays as frozen
        Wizard.with_user(self.qms_manager).create(
            {
                "measurement_id": march.id,
                "cause_analysis": "No quotation sent in March",
                "action_taken": "Weekly call plan",
            }
        ).action_apply()
        self.assertEqual(
            (
                march.cause_analysis,
                march.action_taken,
                march.analysed_by_id,
                march.value,
            ),
            ("No quotation sent in March", "Weekly call plan", self.qms_manager, 0),
        )
        self.assertTrue(march.is_frozen)
        self.assertFalse(objective.activity_ids, "the to-do is done")
        self.assertTrue(
            objective.message_ids.filtered(
                lambda m: "No quotation sent in March" in (m.body or "")
            )
        )
