"""The daily cron keeps working for everyone; bad input gets a clear message;
the XLSX export cannot be turned against its reader."""

import io
import math

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestCronAndInput(SalesQmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            "qms_input_portal",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_one_broken_objective_does_not_stop_the_others(self):
        Objective = self.env["sales.qms.objective"]
        # only ours are left to do today
        Objective.search([]).last_computed_on = "2026-04-15 00:00:00"
        broken_indicator = self.indicators["sale_count"].copy(
            {"code": "BROKEN", "name": "Broken"}
        )
        first = self._objective("sale_amount", 800)
        broken = self._objective("sale_count", 1, indicator_id=broken_indicator.id)
        last = self._objective("quotation_conversion", 50)
        # a filter that became invalid (a field removed by an upgrade)
        self.env.cr.execute(
            "UPDATE sales_qms_indicator SET domain = %s WHERE id = %s",
            ["[('no_such_field', '=', 1)]", broken_indicator.id],
        )
        broken_indicator.invalidate_recordset()
        with mute_logger("odoo.addons.sales_qms.models.sales_qms_objective"):
            done = Objective._cron_compute_measurements()
        self.assertEqual(done, first | broken | last)
        self.assertEqual(len(first.month_measurement_ids), 12)
        self.assertEqual(len(last.month_measurement_ids), 12)
        self.assertFalse(broken.measurement_ids)
        self.assertIn("no_such_field", broken.compute_error)
        activity = broken.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("sales_qms.mail_activity_type_objective_error"),
        )
        self.assertEqual(activity.user_id, self.qms_manager)
        # the cron moves on instead of retrying it forever
        self.assertFalse(Objective._cron_compute_measurements())
        # Compute Now says why, in words
        with (
            mute_logger("odoo.addons.sales_qms.models.sales_qms_objective"),
            self.assertRaisesRegex(UserError, "could not be measured"),
        ):
            broken.with_user(self.qms_manager).action_compute()

    def test_numbers_bounded(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            self._objective("sale_count", 1e306)
        objective = self._objective("sale_count", 1)
        objective.action_compute()
        self._close(1)
        january = self._months(objective)["01"]
        Wizard = self.env["sales.qms.measurement.correct"].with_user(self.qms_manager)
        for number in (math.nan, math.inf, 1e308, -1):
            wizard = Wizard.create(
                {"measurement_id": january.id, "numerator": number, "reason": "x"}
            )
            with (
                self.subTest(number=number),
                self.assertRaisesRegex(UserError, "numbers between 0 and"),
            ):
                wizard.action_apply()
        self.assertEqual(january.value, 1)

    def test_record_filter_checked_as_the_cron_reads_it(self):
        indicator = self.indicators["sale_count"].copy({"code": "CTX"})
        with self.assertRaises(ValidationError):
            indicator.with_context(
                allowed_company_ids=self.company.ids
            ).domain = "[('company_id', 'in', context['allowed_company_ids'])]"

    def test_people_and_texts(self):
        other_user = new_test_user(
            self.env,
            "qms_other_co_user",
            groups="base.group_user",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        for vals in (
            {"owner_id": self.portal.id},
            {"owner_id": other_user.id},
            {"scope_type": "user", "user_id": self.portal.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                self._objective("sale_count", 1, **vals)
        with (
            self.assertRaisesRegex(ValidationError, "name"),
            self.env.cr.savepoint(),
        ):
            self._objective("sale_count", 1, name="   ")
        Policy = self.env["sales.qms.policy"]
        with (
            self.assertRaisesRegex(ValidationError, "no statement"),
            self.env.cr.savepoint(),
        ):
            Policy.create({"company_id": self.company.id, "content": "<p><br></p>"})
        with (
            self.assertRaisesRegex(ValidationError, "title"),
            self.env.cr.savepoint(),
        ):
            Policy.create(
                {"company_id": self.company.id, "name": " ", "content": "<p>x</p>"}
            )
        # a team of another company is refused in the model, not only the view
        other_team = self.env["crm.team"].create(
            {"name": "Other", "company_id": self.other_company.id}
        )
        with self.assertRaises(UserError):
            self._objective("sale_count", 1, scope_type="team", team_id=other_team.id)

    def test_one_record_never_breaks_the_list(self):
        """An objective on a team its readers may not open (written before
        the company check existed) still lists, with the team's name."""
        objective = self._objective("sale_count", 1)
        other_team = self.env["crm.team"].create(
            {"name": "Foreign team", "company_id": self.other_company.id}
        )
        self.env.cr.execute(
            "UPDATE sales_qms_objective SET scope_type = 'team', team_id = %s "
            "WHERE id = %s",
            [other_team.id, objective.id],
        )
        self.env.invalidate_all()
        result = (
            self.env["sales.qms.objective"]
            .with_user(self.qms_user)
            .web_search_read(
                [("company_id", "=", self.company.id)],
                {"name": {}, "scope_display": {}, "target_display": {}},
            )
        )
        rows = {row["id"]: row for row in result["records"]}
        self.assertEqual(rows[objective.id]["scope_display"], "Foreign team")

    def test_missed_month_to_do_goes_to_someone_who_can_act(self):
        """An owner who cannot open the objective (no QMS group) gets no to-do:
        the quality representative does."""
        objective = self._objective("sale_amount", 5000, owner_id=self.salesman_1.id)
        objective.action_compute()
        self._close(1)
        self.assertEqual(objective.activity_ids.user_id, self.qms_manager)


@tagged("post_install", "-at_install")
class TestXlsxCannotBeTurned(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "qms_xlsx_manager", groups="sales_qms.group_sales_qms_manager"
        )
        second = cls.env["res.company"].create({"name": "Second Co"})
        cls.manager.company_ids |= second
        indicator = cls.env.ref("sales_qms.indicator_sale_count")
        cls.objectives = cls.env["sales.qms.objective"]
        names = ('=HYPERLINK("http://x")', "'+1")
        for company, name in zip(cls.env.company | second, names, strict=True):
            year = cls.env["sales.qms.fiscal.year"].create(
                {
                    "name": "'2035",
                    "company_id": company.id,
                    "date_from": "2035-01-01",
                    "date_to": "2035-12-31",
                }
            )
            cls.objectives |= cls.env["sales.qms.objective"].create(
                {
                    "name": name,
                    "company_id": company.id,
                    "indicator_id": indicator.id,
                    "fiscal_year_id": year.id,
                    "target": 1,
                    "owner_id": cls.manager.id,
                }
            )

    def _download(self, ids):
        self.authenticate("qms_xlsx_manager", "qms_xlsx_manager")
        ids_param = ",".join(str(record_id) for record_id in ids)
        return self.url_open(f"/sales_qms/xlsx/objective_achievement?ids={ids_param}")

    def test_sheet_names_formulas_and_repeated_ids(self):
        ids = self.objectives.ids * 500  # 1,000 ids, two records
        response = self._download(ids)
        self.assertEqual(response.status_code, 200, response.text[:500])
        workbook = load_workbook(io.BytesIO(response.content))
        # two years named "'2035" in two companies: valid, distinct sheets
        self.assertEqual(
            workbook.sheetnames,
            ["2035", "2035 (2)", "Planning", "Causes and Actions", "Corrections"],
        )
        names = []
        for sheet in workbook.worksheets[:2]:
            rows = list(sheet.iter_rows(min_row=4, max_row=6, values_only=True))
            # each objective once: its three lines
            self.assertEqual(
                [row[7] for row in rows], ["Actual", "Achievement Rate", "Met?"]
            )
            self.assertIsNone(sheet["B7"].value)
            names.append(rows[0][1])
            # a text, never a formula
            self.assertEqual(sheet["B4"].data_type, "s")
        self.assertEqual(names, ['=HYPERLINK("http://x")', "'+1"])

    def test_too_many_records(self):
        with self.assertRaises(UserError):
            self.env["sales.qms.xlsx"]._render_report(
                "objective_achievement",
                self.env["sales.qms.objective"].browse(range(1, 6002)),
            )
