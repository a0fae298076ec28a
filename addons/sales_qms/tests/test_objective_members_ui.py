from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestObjectiveMembersUi(HttpCase):
    def test_quality_representative_sets_an_objective_for_each_salesperson(self):
        new_test_user(
            self.env,
            "qms_members_tour_manager",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_salesman",
        )
        members = [
            new_test_user(
                self.env, login, name=name, groups="sales_team.group_sale_salesman"
            )
            for login, name in (
                ("qms_tour_member_1", "Tour Member One"),
                ("qms_tour_member_2", "Tour Member Two"),
            )
        ]
        team = self.env["crm.team"].create(
            {
                "name": "Tour Department",
                "member_ids": [Command.set([m.id for m in members])],
            }
        )
        self.start_tour(
            "/odoo",
            "sales_qms_objective_members_tour",
            login="qms_members_tour_manager",
        )
        parent = self.env["sales.qms.objective"].search(
            [("name", "=", "Tour: orders of every salesperson")]
        )
        self.assertEqual((parent.member_scope, parent.team_id), ("user", team))
        self.assertEqual(parent.child_ids.user_id.ids, sorted(m.id for m in members))
        self.assertEqual(set(parent.child_ids.mapped("target")), {2})
