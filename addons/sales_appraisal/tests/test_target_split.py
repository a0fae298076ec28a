from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesAppraisalTargetCommon


@tagged("post_install", "-at_install")
class TestTargetSplit(SalesAppraisalTargetCommon):
    def _split(self, target, node=None, **vals):
        wizard = Form(
            self.env["sales.appraisal.target.split"]
            .with_user(self.manager)
            .with_context(default_target_id=target.id)
        )
        if node:
            wizard.line_id = node
        for name, value in vals.items():
            setattr(wizard, name, value)
        return wizard.save().action_split()

    def test_build_tree_twice(self):
        target = self._tree()
        self.assertEqual(len(target.line_ids), 9)  # company, 3 teams, 5 people
        east = self._node(target, team=self.team_east)
        self.assertEqual(east.child_ids.user_id, self.sp_east_1 | self.sp_east_2)
        self.assertEqual(east.parent_id, self._node(target))
        # a newcomer joins East: running it again adds only her
        newcomer = self.sp_north_2.copy({"login": "sa_newcomer"})
        self.team_east.member_ids = [(4, newcomer.id)]
        target.action_build_tree()
        self.assertEqual(len(target.line_ids), 10)
        self.assertEqual(len(east.child_ids), 3)

    def test_add_and_remove_people_while_draft(self):
        target = self._tree()
        east = self._node(target, team=self.team_east)
        target.with_user(self.manager).write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "level": "user",
                            "parent_id": east.id,
                            "user_id": self.sp_south.id,
                        }
                    ),
                    Command.delete(self._node(target, user=self.sp_east_2).id),
                ]
            }
        )
        self.assertEqual(east.child_ids.user_id, self.sp_east_1 | self.sp_south)
        # the new node is in its parent's team
        self.assertEqual(east.child_ids.team_id, self.team_east)
        # a salesperson straight under the company is refused
        with self.assertRaisesRegex(ValidationError, "root of the tree"):
            with self.env.cr.savepoint():
                target.with_user(self.manager).write(
                    {
                        "line_ids": [
                            Command.create(
                                {
                                    "level": "user",
                                    "parent_id": self._node(target).id,
                                    "team_id": self.team_east.id,
                                    "user_id": self.sp_north_1.id,
                                }
                            )
                        ]
                    }
                )
        self.assertEqual(len(target.line_ids), 9)

    def test_split_amount_remainder_on_last(self):
        Target = self.env["sales.appraisal.target"]
        self.assertEqual(Target._split_amount(100, [1, 1, 1], 2), [33.33, 33.33, 33.34])
        self.assertEqual(Target._split_amount(10, [1, 1, 1], 0), [3, 3, 4])
        # no weight at all: even
        self.assertEqual(Target._split_amount(1, [0, 0], 2), [0.5, 0.5])

    def test_even_split_top_down(self):
        """100,000.00 even over time (8,333.33 a month, the third month of a
        quarter 8,333.34), then even to East/South/North and their people."""
        target = self._tree(year=100000)
        self.team_north.member_ids = False
        self._node(target, team=self.team_north).unlink()
        self._split(target, time_method="even", child_method="even")
        company = self._node(target)
        self.assertEqual(self._quarters(company), [25000.0] * 4)
        self.assertEqual(self._months(company), [8333.33, 8333.33, 8333.34] * 4)
        east = self._node(target, team=self.team_east)
        south = self._node(target, team=self.team_south)
        # East spreads its 50,000 in the company's shape: 4,166.665 rounds
        # to 4,166.67, its December takes the remainder 4,166.63
        self.assertEqual(east.year_target, 50000.0)
        self.assertEqual(self._months(east), [4166.67] * 11 + [4166.63])
        self.assertEqual(self._quarters(east), [12500.01, 12500.01, 12500.01, 12499.97])
        # South, the last team, takes what remains of every month
        self.assertEqual(south.year_target, 50000.0)
        self.assertEqual(
            self._months(south),
            [4166.66, 4166.66, 4166.67] * 3 + [4166.66, 4166.66, 4166.71],
        )
        # South's only salesperson gets it all; East's two split it again
        self.assertEqual(
            self._months(self._node(target, user=self.sp_south)), self._months(south)
        )
        sp1 = self._node(target, user=self.sp_east_1)
        sp2 = self._node(target, user=self.sp_east_2)
        self.assertEqual((sp1.year_target, sp2.year_target), (25000.0, 25000.0))
        self.assertEqual(self._months(sp1)[:2], [2083.34, 2083.34])
        self.assertEqual(self._months(sp2)[:2], [2083.33, 2083.33])
        self.assertFalse(target._get_imbalance())
        target.with_user(self.manager).action_confirm()
        self.assertEqual(target.state, "confirmed")

    def test_seasonal_split(self):
        """Last year's company months 1,000 / 2,000 / 4,000 / … / 3,000 in
        December: Q1 takes 70 %, Q4 the rest; months follow within."""
        target = self._tree(year=100000)
        self._split(target, time_method="seasonal", split_children=False)
        company = self._node(target)
        self.assertEqual(self._quarters(company), [70000.0, 0.0, 0.0, 30000.0])
        self.assertEqual(
            self._months(company),
            [10000.0, 20000.0, 40000.0] + [0.0] * 8 + [30000.0],
        )

    def test_seasonal_split_without_history_is_even(self):
        target = self._tree()
        north = self._node(target, team=self.team_north)
        north.year_target = 1200
        self._split(target, node=north, time_method="seasonal", split_children=False)
        self.assertEqual(self._months(north), [100.0] * 12)

    def test_count_rounds_to_whole_numbers(self):
        target = self._tree(indicator=self.count, year=100)
        self._split(target, time_method="even", split_children=False)
        company = self._node(target)
        self.assertEqual(self._quarters(company), [25.0, 25.0, 25.0, 25.0])
        self.assertEqual(self._months(company), [8.0, 8.0, 9.0] * 4)

    def test_split_by_last_year_share(self):
        """East sold 7,000 and South 3,000 last year, North nothing: 70/30/0;
        in East, sp_east_1 5,000 and sp_east_2 2,000."""
        target = self._tree(year=100000)
        self._split(target, split_time=False, child_method="last_year")
        east = self._node(target, team=self.team_east)
        self.assertEqual(east.year_target, 70000.0)
        self.assertEqual(self._node(target, team=self.team_south).year_target, 30000.0)
        self.assertEqual(self._node(target, team=self.team_north).year_target, 0.0)
        self.assertEqual(self._node(target, user=self.sp_east_1).year_target, 50000.0)
        self.assertEqual(self._node(target, user=self.sp_east_2).year_target, 20000.0)
        # no history in North: equal shares
        north = self._node(target, team=self.team_north)
        north.year_target = 9000
        self._split(target, node=north, split_time=False, child_method="last_year")
        self.assertEqual(north.child_ids.mapped("year_target"), [4500.0, 4500.0])

    def test_split_by_weight(self):
        target = self._tree(year=1000)
        east = self._node(target, team=self.team_east)
        east.year_target = 1000
        self._node(target, user=self.sp_east_1).weight = 2
        self._node(target, user=self.sp_east_2).weight = 1
        self._split(target, node=east, split_time=False, child_method="weight")
        self.assertEqual(east.child_ids.mapped("year_target"), [666.67, 333.33])
        # weights missing: a clear error
        north = self._node(target, team=self.team_north)
        north.year_target = 10
        with self.assertRaisesRegex(UserError, "weights"):
            self._split(target, node=north, split_time=False, child_method="weight")

    def test_rate_indicator_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a sum"):
            with self.env.cr.savepoint():
                self._tree(indicator=self.conversion, build=False)
        self.assertFalse(
            self.env["sales.appraisal.target"].search(
                [("fiscal_year_id", "=", self.fiscal_year.id)]
            )
        )

    def test_split_confirmed_refused(self):
        target = self._tree(year=1200)
        self._split(target)
        target.with_user(self.manager).action_confirm()
        before = {line.id: line._get_figures() for line in target.line_ids}
        with self.assertRaisesRegex(UserError, "locked"):
            self._split(target, time_method="seasonal")
        with self.assertRaisesRegex(UserError, "locked"):
            target._split(self._node(target), True, "seasonal", True, "even", True)
        self.assertEqual(
            {line.id: line._get_figures() for line in target.line_ids}, before
        )
