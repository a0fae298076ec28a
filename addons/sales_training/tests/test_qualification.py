from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_qualification import QualificationCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10")
class TestQualification(QualificationCommon):
    def test_new_hire_enrolled_once(self):
        """A new hire in a job with pre-job requirements is enrolled in the
        next session of each course, or on its waiting list, with the
        deadline of the requirement; the manager gets one activity."""
        rep = self._create_rep("New Hire")
        attendances = self.env["sales.training.attendance"].search(
            [("employee_id", "=", rep.id)]
        )
        by_course = {att.course_id: att for att in attendances}
        self.assertEqual(len(attendances), 2)
        self.assertEqual(by_course[self.course_product].session_id, self.session)
        self.assertEqual(by_course[self.course_product].deadline, date(2026, 4, 9))
        self.assertFalse(
            by_course[self.course_qms].session_id, "no session: waiting list"
        )
        self.assertTrue(by_course[self.course_qms].is_waiting)
        self.assertEqual(by_course[self.course_qms].deadline, date(2026, 4, 24))
        activity = rep.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("sales_training.mail_activity_type_pre_job_training"),
        )
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(rep.qualification_state, "not_qualified")
        # the session has one seat: the second hire waits for the next one
        rep_2 = self._create_rep("Second Hire")
        att_2 = self.env["sales.training.attendance"].search(
            [("employee_id", "=", rep_2.id), ("course_id", "=", self.course_product.id)]
        )
        self.assertFalse(att_2.session_id)
        # never twice: a job change back and forth enrols nobody again
        rep.job_id = self.job_free
        rep.job_id = self.job
        self.assertEqual(
            self.env["sales.training.attendance"].search_count(
                [("employee_id", "=", rep.id)]
            ),
            2,
        )
        self.assertEqual(len(rep.activity_ids), 1)

    def test_job_change_enrols(self):
        """An employee moving into a job with requirements is enrolled; one
        without requirements is 'not required'."""
        rep = self._create_rep("Mover", job=self.job_free)
        self.assertEqual(rep.qualification_state, "not_required")
        self.assertFalse(
            self.env["sales.training.attendance"].search([("employee_id", "=", rep.id)])
        )
        rep.job_id = self.job
        self.assertEqual(rep.qualification_state, "not_qualified")
        self.assertEqual(
            self.env["sales.training.attendance"]
            .search([("employee_id", "=", rep.id)])
            .course_id,
            self.course_product | self.course_qms,
        )

    def test_granted_exactly_on_last_pass_and_withdrawn_on_expiry(self):
        rep = self._create_rep("Rep")
        self._pass(rep, self.course_qms, date(2026, 3, 5))
        self.assertEqual(
            rep.qualification_state, "not_qualified", "one course still missing"
        )
        self.assertEqual(rep.missing_course_ids, self.course_product)
        self._pass(rep, self.course_product, date(2026, 3, 9))
        self.assertEqual(rep.qualification_state, "qualified")
        self.assertFalse(rep.missing_course_ids)
        cert = rep.certification_ids.filtered(
            lambda c: c.course_id == self.course_product
        )
        self.assertEqual(cert.date_expiry, date(2027, 3, 9))
        # the permanent course never expires
        self.assertFalse(
            rep.certification_ids.filtered(
                lambda c: c.course_id == self.course_qms
            ).date_expiry
        )
        Certification = self.env["sales.training.certification"]
        with freeze_time("2027-03-09"):
            Certification._cron_process_expiry()
            self.assertEqual(cert.state, "expiring")
            self.assertEqual(
                rep.qualification_state, "qualified", "still valid on its last day"
            )
        with freeze_time("2027-03-10"):
            Certification._cron_process_expiry()
            self.assertEqual(cert.state, "expired")
            self.assertEqual(cert.date_expired, date(2027, 3, 9))
            self.assertEqual(rep.qualification_state, "not_qualified")
            self.assertEqual(rep.missing_course_ids, self.course_product)

    def test_qualification_not_writable(self):
        """Nobody marks someone qualified by hand, not even through RPC."""
        rep = self._create_rep("Rep")
        for user in (self.user_hr, self.user_training_manager):
            with self.assertRaises(UserError):
                rep.with_user(user).write({"qualification_state": "qualified"})
        with self.assertRaises(UserError):
            rep.sudo().write({"qualification_state": "qualified"})
        with self.assertRaises(UserError):
            self.env["hr.employee"].create(
                {
                    "name": "Forged",
                    "qualification_state": "qualified",
                    "company_id": self.company.id,
                }
            )
        self.assertEqual(rep.qualification_state, "not_qualified")

    def test_exception_needs_reason_and_is_tracked(self):
        rep = self._create_rep("Rep")
        Grant = self.env["sales.training.exception.grant"].with_user(self.user_hr)
        with self.assertRaises(ValidationError):
            Grant.create({"employee_id": rep.id, "reason": "   "}).action_grant()
        self.assertFalse(rep.qualification_exception_ids)
        # a plain employee cannot grant one
        with self.assertRaises(AccessError):
            self.env["sales.training.exception.grant"].with_user(
                self.user_employee
            ).create({"employee_id": rep.id, "reason": "me"}).action_grant()
        self.assertFalse(rep.qualification_exception_ids)
        action = rep.with_user(self.user_hr).action_grant_qualification_exception()
        with Form(Grant.with_context(**action["context"])) as wizard:
            wizard.reason = "Experienced hire, course booked next month"
            wizard.date_end = date(2026, 3, 31)
        wizard.save().action_grant()
        exception = rep.qualification_exception_ids
        self.assertEqual(exception.granted_by_id, self.user_hr)
        self.assertEqual(exception.date_granted, date(2026, 3, 10))
        self.assertEqual(rep.qualification_state, "exception")
        self.assertIn("Experienced hire", rep.message_ids[0].body)
        # nobody edits the exception afterwards
        with self.assertRaises(UserError):
            exception.with_user(self.user_hr).write({"reason": "other"})
        with freeze_time("2026-04-01"):
            self.env["sales.training.qualification.exception"]._cron_end_exceptions()
            self.assertEqual(exception.state, "ended")
            self.assertEqual(rep.qualification_state, "not_qualified")

    def test_requirement_change_recomputes(self):
        rep = self._create_rep("Rep")
        self._pass(rep, self.course_qms, date(2026, 3, 5))
        self.assertEqual(rep.qualification_state, "not_qualified")
        self.env["sales.training.requirement"].search(
            [("job_id", "=", self.job.id), ("course_id", "=", self.course_product.id)]
        ).unlink()
        self.assertEqual(rep.qualification_state, "qualified")

    def test_compute_batched(self):
        """The qualification of many employees costs the same queries as of few."""
        Employee = self.env["hr.employee"].with_company(self.company)
        few = Employee.create(
            [
                {"name": f"A{i}", "company_id": self.company.id, "job_id": self.job.id}
                for i in range(3)
            ]
        )
        many = Employee.create(
            [
                {"name": f"B{i}", "company_id": self.company.id, "job_id": self.job.id}
                for i in range(30)
            ]
        )
        field = Employee._fields["qualification_state"]
        counts = []
        for employees in (few, many):
            self.env.invalidate_all()
            self.env.add_to_compute(field, employees)
            start = self.cr.sql_log_count
            employees._recompute_field(field)
            employees.flush_recordset(["qualification_state"])
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
