from odoo.tests import tagged

from .common import SalesAppraisalTargetCommon


@tagged("post_install", "-at_install")
class TestTargetObjective(SalesAppraisalTargetCommon):
    def test_objectives_from_confirmed_tree(self):
        target = self._tree(year=120000)
        company = self._node(target)
        target._split(company, True, "seasonal", True, "even", True)
        target.with_user(self.manager).action_confirm()
        target.with_user(self.manager).action_create_objectives()
        Objective = self.env["sales.qms.objective"]
        objectives = Objective.search([("target_line_id.target_id", "=", target.id)])
        self.assertEqual(len(objectives), 9)
        self.assertEqual(target.objective_count, 9)
        for line in target.line_ids:
            objective = line.objective_id
            self.assertEqual(objective.target_line_id, line)
            self.assertEqual(objective.indicator_id, self.amount)
            self.assertEqual(objective.fiscal_year_id, self.fiscal_year)
        sp1 = self._node(target, user=self.sp_east_1)
        self.assertEqual(
            (
                sp1.objective_id.scope_type,
                sp1.objective_id.user_id,
                sp1.objective_id.owner_id,
            ),
            ("user", self.sp_east_1, self.sp_east_1),
        )
        east = self._node(target, team=self.team_east)
        self.assertEqual(east.objective_id.owner_id, self.leader_east)
        self.assertEqual(company.objective_id.scope_type, "company")
        # each month measured against the node's own month target
        months = sp1.objective_id.month_measurement_ids.sorted("date_from")
        self.assertEqual(months.mapped("target"), self._months(sp1))
        self.assertEqual(
            company.objective_id.month_measurement_ids.sorted("date_from")[0].target,
            company.month_01,
        )
        # run twice: nothing twice
        target.with_user(self.manager).action_create_objectives()
        self.assertEqual(
            Objective.search_count([("target_line_id.target_id", "=", target.id)]), 9
        )
