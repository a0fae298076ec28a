from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common_qualification import QualificationCommon

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


@tagged("post_install", "-at_install")
class TestQualificationIndicators(QualificationCommon):
    """Three sales reps. January: rep 1 qualified, reps 2 and 3 hold a
    product certification that ran out on 15 January. February: rep 2
    qualifies on the 20th.

    Pre-job compliance: January 1/3 = 33.33 %, February 2/3 = 66.67 %.
    Certifications expired: January 2, February 0."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Certification = cls.env["sales.training.certification"]
        with freeze_time("2026-01-20"):
            cls.rep_1 = cls._create_rep(cls, "Rep 1")
            cls.rep_2 = cls._create_rep(cls, "Rep 2", user=cls.user_employee)
            cls.rep_3 = cls._create_rep(cls, "Rep 3")
            cls._pass(cls, cls.rep_1, cls.course_product, date(2026, 1, 5))
            cls._pass(cls, cls.rep_1, cls.course_qms, date(2026, 1, 5))
            for rep in (cls.rep_2, cls.rep_3):
                cls._pass(cls, rep, cls.course_product, date(2025, 1, 15))
            Certification._cron_process_expiry()
        with freeze_time("2026-02-15"):
            Certification._cron_process_expiry()
        with freeze_time("2026-02-27"):
            cls._pass(cls, cls.rep_2, cls.course_product, date(2026, 2, 20))
            cls._pass(cls, cls.rep_2, cls.course_qms, date(2026, 2, 20))
            Certification._cron_process_expiry()
        cls.compliance = cls.env.ref(
            "sales_training.indicator_training_prejob_compliance"
        )
        cls.expired = cls.env.ref(
            "sales_training.indicator_training_certifications_expired"
        )

    def _values(self, indicator, scope_type, scope_ids):
        values = indicator._compute_values(
            JAN, date(2026, 2, 28), scope_type, scope_ids, company_ids=[self.company.id]
        )
        return {
            (month, scope_id): (
                round(value, 2) if value is not None else None,
                num,
                den,
            )
            for (_ind, month, scope_id), (value, num, den) in values.items()
        }

    def test_snapshots(self):
        Snapshot = self.env["sales.training.qualification.snapshot"]
        self.assertEqual(
            Snapshot.search_count(
                [("date", "=", date(2026, 1, 31)), ("company_id", "=", self.company.id)]
            ),
            3,
        )
        feb = Snapshot.search(
            [("date", "=", date(2026, 2, 28)), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(feb), 3, "the month's rows are replaced, not added")
        self.assertEqual(feb.filtered("qualified").employee_id, self.rep_1 | self.rep_2)

    def test_prejob_compliance(self):
        company = self._values(self.compliance, "company", self.company.ids)
        self.assertEqual(company[(JAN, self.company.id)], (33.33, 1, 3))
        self.assertEqual(company[(FEB, self.company.id)], (66.67, 2, 3))
        department = self._values(self.compliance, "department", self.department.ids)
        self.assertEqual(department[(FEB, self.department.id)], (66.67, 2, 3))
        employee = self._values(
            self.compliance, "employee", [self.rep_2.id, self.rep_3.id]
        )
        self.assertEqual(employee[(JAN, self.rep_2.id)], (0.0, 0, 1))
        self.assertEqual(employee[(FEB, self.rep_2.id)], (100.0, 1, 1))
        self.assertEqual(employee[(FEB, self.rep_3.id)], (0.0, 0, 1))
        user = self._values(self.compliance, "user", self.user_employee.ids)
        self.assertEqual(user[(FEB, self.user_employee.id)], (100.0, 1, 1))
        ids = self.compliance._compute_record_ids(
            JAN,
            date(2026, 1, 31),
            "company",
            self.company.ids,
            company_ids=[self.company.id],
        )
        self.assertEqual(
            self.env["sales.training.qualification.snapshot"]
            .browse(ids[(JAN, self.company.id)])
            .employee_id,
            self.rep_1 | self.rep_2 | self.rep_3,
        )

    def test_certifications_expired(self):
        company = self._values(self.expired, "company", self.company.ids)
        self.assertEqual(company[(JAN, self.company.id)][1:], (2, 2))
        self.assertEqual(company[(JAN, self.company.id)][0], 2)
        self.assertEqual(company[(FEB, self.company.id)][1], 0)
        employee = self._values(
            self.expired, "employee", [self.rep_1.id, self.rep_3.id]
        )
        self.assertEqual(employee[(JAN, self.rep_3.id)][1], 1)
        self.assertEqual(employee[(JAN, self.rep_1.id)][1], 0)
        user = self._values(self.expired, "user", self.user_employee.ids)
        self.assertEqual(
            user[(JAN, self.user_employee.id)][1],
            1,
            "renewed since, still expired in January",
        )

    def test_drilldown(self):
        """The drill-down lists exactly the records behind a value."""
        action = self.expired._action_drilldown(
            JAN,
            date(2026, 1, 31),
            "department",
            self.department.id,
            company_ids=[self.company.id],
        )
        certs = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(certs.employee_id, self.rep_2 | self.rep_3)
        self.assertEqual(set(certs.mapped("date_expired")), {date(2026, 1, 15)})
        view = self.env.ref(
            "sales_training.sales_training_certification_view_list_drilldown"
        )
        self.assertIn(view.id, [view_id for view_id, _mode in action.get("views", [])])
        action = self.compliance._action_drilldown(
            FEB,
            date(2026, 2, 28),
            "company",
            self.company.id,
            company_ids=[self.company.id],
        )
        snapshots = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(
            snapshots.filtered("qualified").employee_id, self.rep_1 | self.rep_2
        )
        self.assertEqual(len(snapshots), 3)
