from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestContractReviewUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "cr_tour_salesman", groups="sales_team.group_sale_salesman"
        )
        category = cls.env["product.category"].create({"name": "Tour reviewed parts"})
        product = cls.env["product.product"].create(
            {"name": "Tour reviewed pump", "categ_id": category.id, "list_price": 500}
        )
        checklist = cls.env["sales.qms.review.checklist"].create(
            {
                "name": "Tour checklist",
                "company_id": cls.env.company.id,
                "item_ids": [Command.create({"name": "Delivery date feasible"})],
            }
        )
        # a small company: the salesperson answers every role of the review
        cls.env["sales.qms.review.rule"].create(
            {
                "name": "Tour rule",
                "company_id": cls.env.company.id,
                "product_categ_ids": [Command.set(category.ids)],
                "checklist_id": checklist.id,
                "reviewer_ids": [
                    Command.create(
                        {
                            "role_id": cls.env.ref(f"sales_qms.review_role_{code}").id,
                            "user_ids": [Command.set(cls.salesman.ids)],
                        }
                    )
                    for code in ("sales", "quality")
                ],
            }
        )
        partner = cls.env["res.partner"].create({"name": "Tour reviewed customer"})
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesman.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        )

    def test_tour_confirmation_after_the_review(self):
        # the refused confirmation is logged by the server as a warning
        with mute_logger("odoo.http"):
            self.start_tour(
                f"/odoo/sales/{self.order.id}",
                "sales_qms_contract_review_tour",
                login="cr_tour_salesman",
            )
        self.order.invalidate_recordset()
        self.assertEqual(self.order.state, "sale")
        self.assertEqual(self.order.qms_review_state, "approved")
        review = self.order.qms_review_ids
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.line_ids.reviewer_id, self.salesman)
        self.assertEqual(review.answer_ids.result, "ok")
