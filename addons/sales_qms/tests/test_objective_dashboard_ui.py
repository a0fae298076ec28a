from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestObjectiveDashboardUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.manager = new_test_user(
            cls.env,
            "qms_dashboard_manager",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_salesman",
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
        partner = cls.env["res.partner"].create({"name": "Dashboard customer"})
        product = cls.env["product.product"].create(
            {"name": "Dashboard service", "type": "service", "list_price": 10}
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 1})
                ],
            }
        )
        order.action_confirm()
        Objective = cls.env["sales.qms.objective"]
        common = {
            "company_id": cls.company.id,
            "fiscal_year_id": cls.fiscal_year.id,
            "owner_id": cls.manager.id,
        }
        # far above what any month counts: every measured month is red
        cls.orders = Objective.create(
            {
                **common,
                "name": "Tour dashboard: orders",
                "indicator_id": cls.env.ref("sales_qms.indicator_sale_count").id,
                "target": 100000,
            }
        )
        cls.amount = Objective.create(
            {
                **common,
                "name": "Tour dashboard: amount",
                "indicator_id": cls.env.ref("sales_qms.indicator_sale_amount").id,
                "target": 1,
            }
        )
        (cls.orders | cls.amount).action_compute()

    def test_tour_dashboard_filter_and_open_a_month_not_met(self):
        self.start_tour(
            "/odoo", "sales_qms_objective_dashboard_tour", login="qms_dashboard_manager"
        )

    def test_tour_year_on_year_from_the_objective_form(self):
        self.start_tour(
            f"/odoo/quality-objectives/{self.orders.id}",
            "sales_qms_objective_year_on_year_tour",
            login="qms_dashboard_manager",
        )
