from odoo import Command
from odoo.tests import tagged

from .common import SalesAppraisalTargetCommon

GRID_SPEC = {
    "node_label": {},
    "level": {},
    "team_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "year_target": {},
    **{f"quarter_{n}": {} for n in range(1, 5)},
    **{f"month_{n:02d}": {} for n in range(1, 13)},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestTargetPerformance(SalesAppraisalTargetCommon):
    def _big_tree(self, teams, people):
        """A tree of 1 + teams + teams × people nodes (the same people in
        every team: a node is a team × salesperson)."""
        target = self._tree(year=1200000, build=False)
        Line = self.env["sales.appraisal.target.line"]
        company = Line.create(
            {"target_id": target.id, "level": "company", "year_target": 1200000}
        )
        users = (
            self.sp_east_1
            | self.sp_east_2
            | self.sp_south
            | self.sp_north_1
            | self.sp_north_2
            | self.leader_east
            | self.manager
            | self.all_leads
            | self.auditor
        )[:people]
        for index in range(teams):
            team = self.env["crm.team"].create(
                {"name": f"Team {index}", "company_id": self.company.id}
            )
            Line.create(
                {
                    "target_id": target.id,
                    "level": "team",
                    "parent_id": company.id,
                    "team_id": team.id,
                    "child_ids": [
                        Command.create(
                            {
                                "target_id": target.id,
                                "level": "user",
                                "team_id": team.id,
                                "user_id": user.id,
                            }
                        )
                        for user in users
                    ],
                }
            )
        target._split(company, True, "even", True, "even", True)
        return target

    def _queries(self, function):
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        function()
        return self.env.cr.sql_log_count - start

    def test_balance_and_grid_do_not_grow_with_nodes(self):
        small = self._big_tree(2, 3)  # 9 nodes
        big = self._big_tree(5, 9)  # 51 nodes
        self.assertEqual(len(big.line_ids), 51)
        self.assertFalse(big._get_imbalance())
        Line = self.env["sales.appraisal.target.line"].with_user(self.manager)

        def grid(target):
            return lambda: Line.web_search_read(
                [("target_id", "=", target.id)], GRID_SPEC
            )

        self._queries(grid(small))  # warm the registry caches
        self.assertEqual(self._queries(grid(big)), self._queries(grid(small)))
        self._queries(small._get_imbalance)  # warm the rules' caches
        self.assertEqual(
            self._queries(big._get_imbalance), self._queries(small._get_imbalance)
        )
