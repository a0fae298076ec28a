from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTargetUi(HttpCase):
    def test_target_tour(self):
        company = self.env["res.company"].create({"name": "Tour Target Co"})
        company.partner_id.tz = "Asia/Shanghai"
        companies = {
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
        }
        manager = new_test_user(
            self.env,
            "sa_tour_manager",
            groups="sales_team.group_sale_manager",
            **companies,
        )
        salesman = "sales_team.group_sale_salesman"
        li = new_test_user(
            self.env, "sa_tour_li", name="Tour Li", groups=salesman, **companies
        )
        wang = new_test_user(
            self.env, "sa_tour_wang", name="Tour Wang", groups=salesman, **companies
        )
        zhao = new_test_user(
            self.env, "sa_tour_zhao", name="Tour Zhao", groups=salesman, **companies
        )
        east = self.env["crm.team"].create(
            {
                "name": "Tour East",
                "company_id": company.id,
                "member_ids": [Command.set((li | wang).ids)],
            }
        )
        south = self.env["crm.team"].create(
            {
                "name": "Tour South",
                "company_id": company.id,
                "member_ids": [Command.set(zhao.ids)],
            }
        )
        year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2027",
                "company_id": company.id,
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
            }
        )
        target = (
            self.env["sales.appraisal.target"]
            .with_user(manager)
            .create(
                {
                    "name": "2027 销售额目标分解",
                    "company_id": company.id,
                    "fiscal_year_id": year.id,
                    "indicator_id": self.env.ref("sales_qms.indicator_sale_amount").id,
                }
            )
        )
        target.action_build_tree()
        self.assertEqual(target.line_ids.team_id, east | south)
        target.line_ids.filtered(lambda n: n.level == "company").year_target = 1200000
        self.start_tour(
            f"/odoo/sales-targets/{target.id}",
            "sales_appraisal_target_tour",
            login="sa_tour_manager",
        )
        self.assertEqual(target.state, "confirmed")
        li_node = target.line_ids.filtered(lambda n: n.user_id == li)
        self.assertEqual(li_node.month_03, 25000.0)
        self.assertEqual(li_node.year_target, 300000.0)
        zhao_node = target.line_ids.filtered(lambda n: n.user_id == zhao)
        self.assertEqual(zhao_node.month_12, 50000.0)
