import io
from datetime import datetime

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestSalesQmsUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.manager = new_test_user(
            cls.env,
            "qms_tour_manager",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_salesman",
        )
        cls.salesman = new_test_user(
            cls.env, "qms_tour_salesman", groups="sales_team.group_sale_salesman"
        )
        today = datetime.now().date()
        FiscalYear = cls.env["sales.qms.fiscal.year"]
        cls.fiscal_year = FiscalYear._find_for_date(
            today, cls.company
        ) or FiscalYear.create(
            {
                "name": str(today.year),
                "company_id": cls.company.id,
                "date_from": today.replace(month=1, day=1),
                "date_to": today.replace(month=12, day=31),
            }
        )
        # one confirmed order in every month of the year so far
        partner = cls.env["res.partner"].create({"name": "Tour customer"})
        month = cls.fiscal_year.date_from
        while month <= today:
            order = cls.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {"name": "Service", "price_unit": 10, "product_uom_qty": 1}
                        )
                    ],
                }
            )
            moment = datetime.combine(
                min(month.replace(day=10), today), datetime.min.time()
            )
            cls.env.cr.execute(
                "UPDATE sale_order SET state = 'sale', date_order = %s, "
                "create_date = %s WHERE id = %s",
                (moment.replace(hour=12), moment.replace(hour=11), order.id),
            )
            month += relativedelta(months=1)

    def test_tour_manager_creates_and_measures_an_objective(self):
        self.start_tour("/odoo", "sales_qms_objective_tour", login="qms_tour_manager")
        objective = self.env["sales.qms.objective"].search(
            [("name", "=", "Tour: at least one order a month")]
        )
        self.assertEqual(len(objective), 1)
        self.assertEqual(objective.owner_id, self.manager)
        self.assertEqual(objective.status, "met")
        self.assertEqual(len(objective.month_measurement_ids), 12)

    def test_tour_quality_representative_launches_a_campaign(self):
        survey = self.env["survey.survey"].create(
            {"title": "Tour questionnaire", "access_mode": "token"}
        )
        question = self.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "Product quality?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    Command.create({"value": "Good", "answer_score": 10}),
                    Command.create({"value": "Bad", "answer_score": 0}),
                ],
            }
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour customer Co", "is_company": True, "email": "tour@x.com"}
        )
        campaign = self.env["sales.qms.satisfaction.campaign"].create(
            {
                "name": "Tour: customer satisfaction",
                "date_from": "2026-01-01",
                "date_to": "2026-06-30",
                "user_id": self.manager.id,
                "survey_id": survey.id,
                "partner_selection": "manual",
                "partner_ids": [Command.set(customer.ids)],
                "question_line_ids": [
                    Command.create(
                        {
                            "question_id": question.id,
                            "dimension_id": self.env.ref(
                                "sales_qms.satisfaction_dimension_quality"
                            ).id,
                            "weight": 100,
                        }
                    )
                ],
            }
        )
        self.env["sales.qms.satisfaction.benchmark"].create(
            {"source": "Tour competitor", "value": 90, "date": "2026-01-15"}
        )
        self.start_tour(
            "/odoo", "sales_qms_satisfaction_tour", login="qms_tour_manager"
        )
        self.assertEqual(campaign.state, "running")
        self.assertEqual(campaign.response_ids.partner_id, customer)

    def test_xlsx_download(self):
        objective = self.env["sales.qms.objective"].create(
            {
                "name": "Orders",
                "indicator_id": self.env.ref("sales_qms.indicator_sale_count").id,
                "fiscal_year_id": self.fiscal_year.id,
                "target": 1,
            }
        )
        objective._compute_measurements()
        url = objective.action_export_achievement_xlsx()["url"]
        self.authenticate("qms_tour_manager", "qms_tour_manager")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["B4"].value, "Orders")
        self.authenticate("qms_tour_salesman", "qms_tour_salesman")
        with mute_logger("odoo.http"):
            denied = self.url_open(url)
        self.assertNotEqual(denied.status_code, 200)
