from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVisitUi(HttpCase):
    def test_visit_check_in_tour(self):
        company = self.env.ref("base.main_company")
        salesman = new_test_user(
            self.env,
            "as_tour_sp",
            groups="sales_team.group_sale_salesman,after_sales.group_after_sales_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "is_company": True,
                "user_id": salesman.id,
                "partner_latitude": 31.2304,
                "partner_longitude": 121.4737,
            }
        )
        visit = (
            self.env["after.sales.visit"]
            .with_company(company)
            .create(
                {
                    "partner_id": customer.id,
                    "user_id": salesman.id,
                    "company_id": company.id,
                }
            )
        )
        self.start_tour(
            f"/odoo/after-sales-visits/{visit.id}",
            "after_sales_visit_tour",
            login="as_tour_sp",
        )
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.is_verified)
        self.assertAlmostEqual(visit.check_in_distance, 300.2, delta=0.5)
        self.assertEqual(visit.rating, "5")
        self.assertEqual(visit.issue_ids.category, "delivery")
        self.assertEqual(visit.issue_ids.description, "交期太长，希望缩短到十天")
        # the issue became a complaint of the customer, linked both ways
        complaint = visit.issue_ids.complaint_id
        self.assertEqual(
            (complaint.partner_id, complaint.channel, complaint.category),
            (visit.partner_id, "visit", "delivery"),
        )
        self.assertEqual(complaint.visit_issue_ids, visit.issue_ids)
        self.assertIn("回公司与生产计划部评估后答复", complaint.description)
