from datetime import datetime

from odoo.tests import tagged

from .common import SalesAppraisalTargetCommon


@tagged("post_install", "-at_install")
class TestTargetWorkingDays(SalesAppraisalTargetCommon):
    """October 2027 starts on a Friday: 21 weekdays. The National Day
    holidays (Oct 1–7, a public holiday of the company's calendar) take 5 of
    them: 16 working days. sp_east_1 is an employee on leave on Wed 20 and
    Thu 21: 14 days. The others have no employee: the company's calendar.
    September 2027: 22 weekdays, no holiday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.company.resource_calendar_id
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "East One",
                "user_id": cls.sp_east_1.id,
                "company_id": cls.company.id,
                "resource_calendar_id": calendar.id,
                "tz": "Asia/Shanghai",
            }
        )
        Leave = cls.env["resource.calendar.leaves"]
        # Shanghai is UTC+8: Oct 1 00:00 is Sep 30 16:00 UTC
        Leave.create(
            {
                "name": "国庆节",
                "calendar_id": calendar.id,
                "company_id": cls.company.id,
                "date_from": datetime(2027, 9, 30, 16, 0),
                "date_to": datetime(2027, 10, 7, 15, 59, 59),
            }
        )
        Leave.create(
            {
                "name": "年假",
                "calendar_id": calendar.id,
                "company_id": cls.company.id,
                "resource_id": cls.employee.resource_id.id,
                "date_from": datetime(2027, 10, 19, 16, 0),
                "date_to": datetime(2027, 10, 21, 15, 59, 59),
            }
        )

    def test_working_days_by_person(self):
        target = self._tree(indicator=self.count, basis="per_working_day")
        days = target._working_days(self.sp_east_1 | self.sp_east_2)
        self.assertEqual(days[self.sp_east_1.id][9], 14)
        self.assertEqual(days[self.sp_east_2.id][9], 16)
        self.assertEqual(days[self.sp_east_1.id][8], 22)
        self.assertEqual(days[self.sp_east_2.id][8], 22)

    def test_per_working_day_targets(self):
        """2 calls a working day set on the company, 3 for sp_east_2."""
        target = self._tree(indicator=self.count, basis="per_working_day")
        self._node(target).daily_target = 2
        self._node(target, user=self.sp_east_2).daily_target = 3
        target.with_user(self.manager).action_compute_working_days()
        sp1 = self._node(target, user=self.sp_east_1)
        sp2 = self._node(target, user=self.sp_east_2)
        self.assertEqual((sp1.month_10, sp2.month_10), (28.0, 48.0))
        self.assertEqual((sp1.month_09, sp2.month_09), (44.0, 66.0))
        east = self._node(target, team=self.team_east)
        self.assertEqual(east.month_10, 76.0)
        self.assertEqual(east.quarter_4, sp1.quarter_4 + sp2.quarter_4)
        self.assertEqual(sp1.quarter_4, sp1.month_10 + sp1.month_11 + sp1.month_12)
        self.assertEqual(sp1.year_target, sum(self._quarters(sp1)))
        company = self._node(target)
        # south (16 days) and north (2 people × 16 days) at 2 a day
        self.assertEqual(company.month_10, 76.0 + 32.0 + 64.0)
        self.assertFalse(target._get_imbalance())
        target.with_user(self.manager).action_confirm()
        self.assertEqual(target.state, "confirmed")

    def test_working_days_batched(self):
        """One computation per calendar: as many queries for five people as
        for two."""
        target = self._tree(indicator=self.count, basis="per_working_day")
        people = self.sp_east_1 | self.sp_east_2 | self.sp_south | self.sp_north_1
        target._working_days(people)  # warm the caches of the registry
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        target._working_days(self.sp_east_1 | self.sp_east_2)
        two = self.env.cr.sql_log_count - start
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        days = target._working_days(people | self.sp_north_2)
        self.assertLessEqual(self.env.cr.sql_log_count - start, two)
        self.assertEqual(days[self.sp_north_2.id][9], 16)
