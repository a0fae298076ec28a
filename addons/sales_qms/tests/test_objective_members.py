from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestObjectiveForEachMember(SalesQmsCommon):
    """One objective for every salesperson of a team, kept in step with the
    team; the department's figure is exactly its members'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "sales_team.group_sale_salesman,sales_qms.group_sales_qms_user"
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.member_1 = new_test_user(
            cls.env, "qms_member_1", groups=groups, **companies
        )
        cls.member_2 = new_test_user(
            cls.env, "qms_member_2", groups=groups, **companies
        )
        cls.member_3 = new_test_user(
            cls.env, "qms_member_3", groups=groups, **companies
        )
        cls.department = cls.env["crm.team"].create(
            {
                "name": "Sales Department",
                "company_id": cls.company.id,
                "user_id": cls.sale_manager.id,
                "member_ids": [Command.set((cls.member_1 | cls.member_2).ids)],
            }
        )
        d, m1, m2 = cls.department, cls.member_1, cls.member_2
        cls.d1 = cls._order(
            cls.cust_1, m1, d, 100, "2026-01-08 02:00", "2026-01-10 02:00"
        )
        cls.d2 = cls._order(
            cls.cust_2, m1, d, 200, "2026-02-02 02:00", "2026-02-05 02:00"
        )
        cls.d3 = cls._order(
            cls.cust_3, m2, d, 300, "2026-02-06 02:00", "2026-02-08 02:00"
        )
        cls.d4 = cls._order(
            cls.cust_2, m2, d, 400, "2026-03-01 02:00", "2026-03-03 02:00"
        )
        # a quotation of member 2 in January that was never confirmed
        cls.d5 = cls._order(cls.cust_3, m2, d, 50, "2026-01-20 02:00", state="draft")

    def _department_objective(self, indicator_code, target, **vals):
        return self._objective(
            indicator_code,
            target,
            name=f"{indicator_code} per salesperson",
            scope_type="team",
            team_id=self.department.id,
            member_scope="user",
            **vals,
        )

    def _months_by_member(self, objective):
        return {
            child.user_id: self._months(child)
            for child in objective.with_context(active_test=False).child_ids
        }

    def test_one_objective_per_member_kept_in_step(self):
        parent = self._department_objective("sale_count", 1)
        children = parent.child_ids
        self.assertEqual(children.user_id, self.member_1 | self.member_2)
        self.assertEqual(set(children.mapped("scope_type")), {"user"})
        self.assertEqual(set(children.mapped("target")), {1})
        self.assertEqual(
            children.filtered(lambda c: c.user_id == self.member_1).owner_id,
            self.member_1,
        )
        self.assertEqual(parent.member_count, 2)
        # run twice, nothing more
        parent._sync_members()
        self.assertEqual(len(parent.child_ids), 2)

        # a newcomer gets theirs at once
        self.department.member_ids = [Command.link(self.member_3.id)]
        self.assertEqual(
            parent.child_ids.filtered("active").user_id,
            self.member_1 | self.member_2 | self.member_3,
        )
        parent.action_compute()
        leaver = parent.child_ids.filtered(lambda c: c.user_id == self.member_2)
        measured = len(leaver.measurement_ids)
        self.assertTrue(measured)
        # a leaver's is archived with its history
        self.department.member_ids = [Command.unlink(self.member_2.id)]
        self.assertFalse(leaver.active)
        self.assertEqual(len(leaver.measurement_ids), measured)
        self.assertEqual(parent.member_count, 2)
        # and comes back when they return
        self.department.member_ids = [Command.link(self.member_2.id)]
        self.assertTrue(leaver.active)
        self.assertEqual(len(parent.with_context(active_test=False).child_ids), 3)

    def test_department_figure_is_its_members(self):
        parent = self._department_objective("sale_count", 1)
        parent.action_compute()
        months = self._months(parent)
        by_member = self._months_by_member(parent)
        for month in ("01", "02", "03"):
            self.assertEqual(
                months[month].numerator,
                sum(
                    m[month].numerator
                    for m in by_member.values()
                    if m[month].status != "no_data"
                ),
            )
        self.assertEqual([months[m].value for m in ("01", "02", "03")], [1, 2, 1])
        year = self._rollup(parent, "year", "2026-01-01")
        self.assertEqual(year.value, 4)
        # the records behind the department's February are its members'
        action = months["02"].action_drilldown()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), self.d2 | self.d3
        )

    def test_department_ratio_divides_the_sums(self):
        parent = self._department_objective("quotation_conversion", 50)
        parent.action_compute()
        january = self._months(parent)["01"]
        by_member = self._months_by_member(parent)
        numerator = sum(m["01"].numerator for m in by_member.values())
        denominator = sum(m["01"].denominator for m in by_member.values())
        # January: member 1's quotation confirmed, member 2's not
        self.assertEqual((numerator, denominator), (1, 2))
        self.assertEqual((january.numerator, january.denominator), (1, 2))
        self.assertAlmostEqual(january.value, 50)

    def test_targets_follow_the_department_unless_set_on_the_member(self):
        parent = self._department_objective("sale_count", 1)
        own = parent.child_ids.filtered(lambda c: c.user_id == self.member_1)
        own.target = 3
        self.assertFalse(own.follows_parent_target)
        parent.target = 2
        other = parent.child_ids - own
        self.assertEqual((own.target, other.target), (3, 2))
        self.assertTrue(other.follows_parent_target)

    def test_who_sets_and_who_sees(self):
        # a QMS user does not set an objective on each colleague
        with self.assertRaises(AccessError):
            self.env["sales.qms.objective"].with_user(self.member_1).create(
                {
                    "name": "Mine for everyone",
                    "company_id": self.company.id,
                    "indicator_id": self.indicators["sale_count"].id,
                    "fiscal_year_id": self.fiscal_year.id,
                    "target": 1,
                    "owner_id": self.member_1.id,
                    "scope_type": "team",
                    "team_id": self.department.id,
                    "member_scope": "user",
                }
            )
        with self.assertRaises(ValidationError):
            self._objective("sale_count", 1, member_scope="user")  # company scope
        parent = self._department_objective("sale_count", 1)
        Objective = self.env["sales.qms.objective"].with_user(self.member_1)
        seen = Objective.search([("id", "in", (parent | parent.child_ids).ids)])
        own = parent.child_ids.filtered(lambda c: c.user_id == self.member_1)
        self.assertEqual(
            seen, parent | own, "the team's and their own, not a colleague's"
        )
        with self.assertRaises(AccessError):
            (parent.child_ids - own).with_user(self.member_1).read(["name"])


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestTargetsByPeriod(SalesQmsCommon):
    """A month, a quarter or the year may have a target of its own; the
    roll-up compares with the target of its period; a revision leaves the
    closed months as they were."""

    def _target(self, objective, period_type, target, **vals):
        return (
            self.env["sales.qms.objective.target"]
            .with_user(self.qms_manager)
            .create(
                {
                    "objective_id": objective.id,
                    "period_type": period_type,
                    "target": target,
                    **vals,
                }
            )
        )

    def test_period_targets_in_months_and_rollups(self):
        objective = self._objective("sale_amount", 1000)
        self._target(objective, "month", 500, period_id=self._period(3).id)
        self._target(objective, "quarter", 2000, quarter="1")
        self._target(objective, "year", 4000)
        objective.action_compute()
        months = self._months(objective)
        self.assertEqual(
            [months[m].target for m in ("01", "02", "03", "04")],
            [1000, 1000, 500, 1000],
        )
        quarter = self._rollup(objective, "quarter", "2026-01-01")
        # January 1,000 + February 500 + 1,000 (rate 2: 2,000 in the currency
        # of the order, 1,000 in the company's): 2,500 against Q1's own 2,000
        self.assertEqual((quarter.target, quarter.status), (2000, "met"))
        year = self._rollup(objective, "year", "2026-01-01")
        self.assertEqual(year.target, 4000)
        self.assertEqual(year.status, "not_met")
        # without a target of its own, the second quarter adds up its months
        q2 = self._rollup(objective, "quarter", "2026-04-01")
        self.assertEqual(q2.target, 1000)
        # the achievement table prints the year's own target and judges the
        # year so far as the objective's roll-up does
        (row,) = self.env["sales.qms.achievement.report"]._achievement_rows(
            objective, self.fiscal_year.period_ids.sorted("date_from")
        )
        self.assertEqual(row["year_target"], 4000)
        self.assertEqual(row["months"][2]["status"], months["03"].status)
        self.assertEqual(row["year"]["status"], year.status)

    def test_a_revision_leaves_closed_months_as_they_were(self):
        objective = self._objective("sale_amount", 1000)
        objective.action_compute()
        self._close(1)
        january_target = self._months(objective)["01"].target
        # a target of a closed month is locked
        with self.assertRaisesRegex(UserError, "locked"):
            self._target(objective, "month", 10, period_id=self._period(1).id)
        march = self._target(objective, "month", 500, period_id=self._period(3).id)
        march.target = 600
        self.assertEqual(self._months(objective)["03"].target, 600)
        objective.with_user(self.qms_manager).target = 1500
        months = self._months(objective)
        self.assertEqual(months["01"].target, january_target)
        self.assertEqual(months["03"].target, 600)
        # the history is in the chatter
        bodies = " ".join(objective.message_ids.mapped("body"))
        self.assertIn("600", bodies)
        # only those who set targets
        with self.assertRaises(AccessError):
            self.env["sales.qms.objective.target"].with_user(self.qms_user).create(
                {"objective_id": objective.id, "period_type": "year", "target": 1}
            )
        with self.assertRaises(ValidationError):
            self._target(objective, "month", -5, period_id=self._period(5).id)
