import io
from datetime import date, datetime

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_qualification import QualificationCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10")
class TestEnrolment(QualificationCommon):
    def test_department_requirement(self):
        """A requirement limited to a department applies to its employees
        only, and a move into that department enrols."""
        compliance = self.env["sales.training.course"].create(
            {
                "name": "Export Compliance",
                "category": "compliance",
                "company_id": self.company.id,
            }
        )
        export_dept = self.env["hr.department"].create(
            {"name": "Export", "company_id": self.company.id}
        )
        self.env["sales.training.requirement"].create(
            {
                "job_id": self.job.id,
                "department_id": export_dept.id,
                "course_id": compliance.id,
                "deadline_days": 10,
                "company_id": self.company.id,
            }
        )
        rep = self._create_rep("Rep")
        self.assertEqual(rep.required_course_ids, self.course_product | self.course_qms)
        rep.department_id = export_dept
        self.assertEqual(
            rep.required_course_ids, self.course_product | self.course_qms | compliance
        )
        enrolment = self.env["sales.training.attendance"].search(
            [("employee_id", "=", rep.id), ("course_id", "=", compliance.id)]
        )
        self.assertEqual(enrolment.deadline, date(2026, 3, 20))
        self.assertEqual(
            self.env["sales.training.attendance"].search_count(
                [("employee_id", "=", rep.id)]
            ),
            3,
        )

    def test_passed_course_not_enrolled(self):
        """A course already passed (current certification) is not enrolled
        again when the employee takes a job requiring it."""
        rep = self._create_rep("Rep", job=self.job_free)
        self.env["sales.training.attendance"].create(
            {
                "employee_id": rep.id,
                "course_id": self.course_qms.id,
                "company_id": self.company.id,
            }
        )
        self._pass(rep, self.course_qms, date(2026, 2, 1))
        rep.job_id = self.job
        open_enrolments = self.env["sales.training.attendance"].search(
            [("employee_id", "=", rep.id), ("passed", "=", False)]
        )
        self.assertEqual(open_enrolments.course_id, self.course_product)

    def test_past_or_cancelled_sessions_not_used(self):
        """Only a session to come, draft or invited, takes an enrolment."""
        self.session.state = "cancel"
        self.env["sales.training.session"].create(
            {
                "name": "Last month",
                "course_id": self.course_product.id,
                "company_id": self.company.id,
                "state": "planned",
                "date_start": datetime(2026, 2, 1, 1),
                "date_end": datetime(2026, 2, 1, 9),
            }
        )
        rep = self._create_rep("Rep")
        enrolment = self.env["sales.training.attendance"].search(
            [("employee_id", "=", rep.id), ("course_id", "=", self.course_product.id)]
        )
        self.assertFalse(enrolment.session_id, "waiting list")

    def test_record_pass_refused_on_cancelled_session(self):
        rep = self._create_rep("Rep")
        attendance = self.env["sales.training.attendance"].search(
            [("employee_id", "=", rep.id), ("course_id", "=", self.course_product.id)]
        )
        self.session.state = "cancel"
        with self.assertRaises(UserError):
            attendance.with_user(self.user_training_manager).action_record_pass()
        self.assertFalse(attendance.passed)
        self.assertFalse(rep.certification_ids)

    def test_exception_dates_and_revoke(self):
        rep = self._create_rep("Rep")
        Exception_ = self.env["sales.training.qualification.exception"].with_user(
            self.user_hr
        )
        with self.assertRaises(ValidationError):
            Exception_.create(
                {
                    "employee_id": rep.id,
                    "reason": "Backdated",
                    "date_end": date(2026, 3, 1),
                }
            )
        self.assertFalse(rep.qualification_exception_ids)
        exception = Exception_.create(
            {
                "employee_id": rep.id,
                "reason": "Short-handed",
                "granted_by_id": self.user_trainer.id,
            }
        )
        self.assertEqual(
            exception.granted_by_id, self.user_hr, "who is a fact, not input"
        )
        self.assertEqual(rep.qualification_state, "exception")
        exception.action_revoke()
        self.assertEqual(exception.state, "revoked")
        self.assertEqual(rep.qualification_state, "not_qualified")
        with self.assertRaises(UserError):
            exception.action_revoke()
        with self.assertRaises(UserError):
            exception.unlink()

    def test_training_record_content(self):
        rep = self._create_rep("Rep")
        self._pass(rep, self.course_product, date(2026, 3, 5), score=92.5)
        Public = self.env["hr.employee.public"].with_user(self.user_hr)
        _filename, content = Public.browse(rep.id)._xlsx_training_record()
        rows = list(
            load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        )
        self.assertEqual(rows[0][0], "Employee Training Record")
        self.assertEqual(rows[1][0], "Rep / Sales East / Sales Rep")
        by_course = {row[0]: row for row in rows[3:]}
        product = by_course["Product Knowledge"]
        self.assertEqual(product[2], "Product Knowledge April")
        self.assertEqual(product[4], 8)
        self.assertEqual((product[6], product[7]), (92.5, "Passed"))
        self.assertEqual(product[10].date(), date(2027, 3, 5))
        self.assertEqual(product[11], "Valid")
        qms = by_course["QMS Basics"]
        self.assertEqual((qms[2], qms[7], qms[8]), ("Waiting list", "Not passed", ""))
