from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import SalesTrainingSessionCommon


@tagged("post_install", "-at_install")
class TestSessionIndicators(SalesTrainingSessionCommon):
    """March: session of the 3 h course (Emp One present, Emp Two late, Emp
    Three absent; Emp One passes with 66.67 % and reacts 4/5 = 80 %, Emp Two
    fails with 50 %). April: session of the 8 h course (Emp One and Emp Three
    present). Emp One and Emp Two are in East Sales, Emp Three in South Sales.

    Plan 2026 (approved): March line (East Sales) held, April line (Emp
    Three) held, May line (South Sales) not held.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["sales.training.plan"].create(
            {
                "name": "Plan",
                "year": 2026,
                "company_id": cls.company.id,
                "line_ids": [
                    Command.create(
                        {
                            "course_id": cls.course.id,
                            "planned_month": date(2026, 3, 1),
                            "department_ids": [Command.set(cls.department.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "course_id": cls.course_no_exam.id,
                            "planned_month": date(2026, 4, 1),
                            "employee_ids": [Command.set(cls.employee_3.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "course_id": cls.course.id,
                            "planned_month": date(2026, 5, 1),
                            "department_ids": [Command.set(cls.department_2.ids)],
                        }
                    ),
                ],
            }
        )
        cls.plan.action_approve()
        line_march, line_april, _line_may = cls.plan.line_ids
        cls.march = cls._create_session(
            [cls.employee_1, cls.employee_2, cls.employee_3], plan_line_id=line_march.id
        )
        cls._hold(
            cls.march,
            {
                cls.employee_1: "present",
                cls.employee_2: "late",
                cls.employee_3: "absent",
            },
        )
        cls.april = cls._create_session(
            [cls.employee_1, cls.employee_3],
            course_id=cls.course_no_exam.id,
            plan_line_id=line_april.id,
            date_start=datetime(2026, 4, 15, 1, 0),
            date_end=datetime(2026, 4, 15, 9, 0),
        )
        cls._hold(cls.april, {cls.employee_1: "present", cls.employee_3: "present"})
        cls.march.action_send_exam()
        att_1, att_2 = cls.march.attendance_ids.filtered("exam_user_input_id").sorted(
            lambda a: a.employee_id.name
        )
        cls.att_1, cls.att_2 = att_1, att_2

    def setUp(self):
        super().setUp()
        self._submit_exam(self.att_1, q1="Right", q2="Right", q3=())
        self._submit_exam(self.att_2, q1="Right", q2="Wrong", q3=("A",))
        self._submit_reaction(self.att_1, "4")

    def _values(self, code, scope_type, scopes, month_from=3, month_to=6):
        indicator = self.env.ref(f"sales_training.indicator_{code}")
        values = indicator._compute_values(
            date(2026, month_from, 1),
            date(2026, month_to, 30),
            scope_type,
            scopes.ids,
            company_ids=[self.company.id],
        )
        return {
            (month.month, scope_id): value
            for (_indicator, month, scope_id), value in values.items()
        }

    def test_training_hours_per_person(self):
        company = self._values("training_hours", "company", self.company)
        # March 3 + 3 h over 2 people, April 8 + 8 h over 2 people
        self.assertEqual(company[(3, self.company.id)], (3.0, 6.0, 2))
        self.assertEqual(company[(4, self.company.id)], (8.0, 16.0, 2))
        departments = self._values(
            "training_hours", "department", self.department | self.department_2
        )
        self.assertEqual(departments[(3, self.department.id)], (3.0, 6.0, 2))
        self.assertIsNone(departments.get((3, self.department_2.id), (None,))[0])
        self.assertEqual(departments[(4, self.department_2.id)], (8.0, 8.0, 1))
        employees = self._values("training_hours", "employee", self.employee_1)
        self.assertEqual(employees[(3, self.employee_1.id)], (3.0, 3.0, 1))
        users = self._values("training_hours", "user", self.user_1)
        self.assertEqual(users[(4, self.user_1.id)], (8.0, 8.0, 1))

    def test_training_hours_by_sales_team(self):
        team = self.env["crm.team"].create(
            {
                "name": "East Team",
                "company_id": self.company.id,
                "member_ids": [Command.set((self.user_1 | self.user_2).ids)],
            }
        )
        teams = self._values("training_hours", "team", team)
        # March: Emp One and Emp Two, 3 h each; April: Emp One, 8 h
        self.assertEqual(teams[(3, team.id)], (3.0, 6.0, 2))
        self.assertEqual(teams[(4, team.id)], (8.0, 8.0, 1))

    def test_exam_pass_rate(self):
        company = self._values("training_exam_pass_rate", "company", self.company)
        self.assertEqual(company[(3, self.company.id)], (50.0, 1, 2))
        self.assertIsNone(company.get((4, self.company.id), (None,))[0])
        employees = self._values(
            "training_exam_pass_rate", "employee", self.employee_1 | self.employee_2
        )
        self.assertEqual(employees[(3, self.employee_1.id)], (100.0, 1, 1))
        self.assertEqual(employees[(3, self.employee_2.id)], (0.0, 0, 1))

    def test_effectiveness_score(self):
        # Emp One: (20 x 80 + 40 x 66.67) / 60 = 71.11; Emp Two: exam 50
        company = self._values("training_effectiveness", "company", self.company)
        value, numerator, denominator = company[(3, self.company.id)]
        self.assertAlmostEqual(numerator, 121.11, places=2)
        self.assertEqual(denominator, 2)
        self.assertAlmostEqual(value, 60.555, places=3)

    def test_plan_completion(self):
        with freeze_time("2026-06-15"):
            company = self._values("training_plan_completion", "company", self.company)
            departments = self._values(
                "training_plan_completion",
                "department",
                self.department | self.department_2,
            )
            employees = self._values(
                "training_plan_completion", "employee", self.employee_3
            )
        self.assertEqual(company[(3, self.company.id)], (100.0, 1, 1))
        self.assertEqual(company[(4, self.company.id)], (100.0, 1, 1))
        self.assertEqual(company[(5, self.company.id)], (0.0, 0, 1))
        self.assertEqual(departments[(3, self.department.id)], (100.0, 1, 1))
        self.assertEqual(departments[(5, self.department_2.id)], (0.0, 0, 1))
        self.assertEqual(employees[(4, self.employee_3.id)], (100.0, 1, 1))
        # May is not over on 2026-05-20: no verdict yet
        with freeze_time("2026-05-20"):
            company = self._values("training_plan_completion", "company", self.company)
        self.assertIsNone(company.get((5, self.company.id), (None,))[0])
        self.assertEqual(company[(4, self.company.id)], (100.0, 1, 1))

    def test_drilldown_lists_the_records(self):
        indicator = self.env.ref("sales_training.indicator_training_exam_pass_rate")
        action = indicator._action_drilldown(
            date(2026, 3, 1),
            date(2026, 3, 31),
            "company",
            self.company.id,
            company_ids=[self.company.id],
        )
        records = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(records, self.att_1 | self.att_2)
