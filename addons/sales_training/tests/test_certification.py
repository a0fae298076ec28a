from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_qualification import QualificationCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10")
class TestCertification(QualificationCommon):
    def test_one_certification_per_pass(self):
        rep = self._create_rep("Rep")
        attendance = self._pass(rep, self.course_product, date(2026, 3, 1), score=87.5)
        attendance._action_passed()  # a second call grants nothing more
        cert = rep.certification_ids
        self.assertEqual(len(cert), 1)
        self.assertEqual(cert.attendance_id, attendance)
        self.assertEqual(attendance.certification_id, cert)
        self.assertEqual(cert.exam_score, 87.5)
        self.assertEqual(
            (cert.date_obtained, cert.date_expiry), (date(2026, 3, 1), date(2027, 3, 1))
        )
        self.assertEqual(cert.state, "valid")
        self.assertTrue(cert.name.startswith("CERT/"))

    def test_renewal_supersedes(self):
        rep = self._create_rep("Rep")
        self._pass(rep, self.course_product, date(2025, 3, 20))
        old = rep.certification_ids
        self.assertEqual(
            old.state, "expiring", "expires within the 30 days of the reminder"
        )
        self._pass(rep, self.course_product, date(2026, 3, 9))
        new = rep.certification_ids - old
        self.assertEqual(old.state, "superseded")
        self.assertEqual(old.superseded_by_id, new)
        self.assertEqual((new.state, new.date_expiry), ("valid", date(2027, 3, 9)))
        self.assertEqual(
            rep.certification_count, 1, "the superseded one is kept, not counted"
        )

    def test_not_by_hand(self):
        rep = self._create_rep("Rep")
        Certification = self.env["sales.training.certification"]
        for user in (self.user_training_manager, self.user_hr):
            with self.assertRaises(AccessError):
                Certification.with_user(user).create(
                    {
                        "employee_id": rep.id,
                        "course_id": self.course_product.id,
                        "date_obtained": date(2026, 3, 1),
                        "company_id": self.company.id,
                    }
                )
        self._pass(rep, self.course_product, date(2026, 3, 1))
        cert = rep.certification_ids
        with self.assertRaises(AccessError):
            cert.with_user(self.user_training_manager).write(
                {"date_expiry": date(2030, 1, 1)}
            )
        with self.assertRaises(UserError):
            cert.with_user(self.user_training_manager).unlink()
        self.assertEqual(cert.date_expiry, date(2027, 3, 1))

    def test_record_pass_only_training_manager(self):
        rep = self._create_rep("Rep")
        attendance = self.env["sales.training.attendance"].search(
            [("employee_id", "=", rep.id), ("course_id", "=", self.course_qms.id)]
        )
        with self.assertRaises(AccessError):
            attendance.with_user(self.user_trainer).action_record_pass()
        self.assertFalse(attendance.passed)
        attendance.with_user(self.user_training_manager).action_record_pass()
        self.assertTrue(attendance.passed)
        self.assertEqual(attendance.date_passed, date(2026, 3, 10))
        self.assertEqual(rep.certification_ids.course_id, self.course_qms)
        with self.assertRaises(UserError):
            attendance.with_user(self.user_training_manager).action_record_pass()
        self.assertEqual(len(rep.certification_ids), 1)

    def test_expiry_cron_reminds_and_enrols_once(self):
        """Run twice, the cron reminds the employee and the manager once and
        enrols the employee once in the next session."""
        rep = self._create_rep("Rep", user=self.user_employee)
        self._pass(rep, self.course_qms, date(2026, 1, 5))
        self._pass(rep, self.course_product, date(2025, 4, 5))
        cert = rep.certification_ids.filtered(
            lambda c: c.course_id == self.course_product
        )
        # a second session: the first one's only seat is taken by nobody now
        self.env["sales.training.attendance"].search(
            [("session_id", "=", self.session.id)]
        ).unlink()
        Certification = self.env["sales.training.certification"]
        activity_type = self.env.ref(
            "sales_training.mail_activity_type_certification_expiry"
        )
        for _run in range(2):
            Certification._cron_process_expiry()
        self.assertEqual(cert.state, "expiring")
        self.assertTrue(cert.reminder_done)
        activities = cert.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(activities.user_id, self.user_employee | self.user_manager)
        self.assertEqual(len(activities), 2)
        enrolments = self.env["sales.training.attendance"].search(
            [
                ("employee_id", "=", rep.id),
                ("course_id", "=", self.course_product.id),
                ("passed", "=", False),
            ]
        )
        self.assertEqual(len(enrolments), 1)
        self.assertEqual(enrolments.session_id, self.session)
        self.assertEqual(cert.renewal_attendance_id, enrolments)
        self.assertEqual(rep.qualification_state, "qualified")
        # renewal: the reminders are done, the old certification superseded
        enrolments.write({"passed": True, "date_passed": date(2026, 4, 1)})
        enrolments._action_passed()
        self.assertEqual(cert.state, "superseded")
        self.assertFalse(cert.activity_ids)

    def test_cron_batches_resume(self):
        reps = [self._create_rep(f"Rep {i}") for i in range(3)]
        for rep in reps:
            self._pass(rep, self.course_product, date(2025, 3, 20))
        Certification = self.env["sales.training.certification"]
        certs = Certification.search([("employee_id", "in", [r.id for r in reps])])
        self.assertEqual(set(certs.mapped("state")), {"expiring"})
        with freeze_time("2026-03-25"):
            done, remaining = Certification._cron_process_expiry(batch_size=2)
            self.assertEqual(done, 4, "2 expired, then 2 reminded")
            self.assertEqual(remaining, 2, "1 to expire, 1 to remind")
            done, remaining = Certification._cron_process_expiry(batch_size=2)
            self.assertEqual((done, remaining), (2, 0))
            self.assertEqual(set(certs.mapped("state")), {"expired"})
            self.assertEqual(set(certs.mapped("date_expired")), {date(2026, 3, 20)})
            self.assertTrue(all(certs.mapped("reminder_done")))
            self.assertEqual(Certification._cron_process_expiry(batch_size=2), (0, 0))

    def test_waiting_list_taken_by_new_session(self):
        reps = [self._create_rep(f"Rep {i}") for i in range(3)]
        waiting = self.env["sales.training.attendance"].search(
            [
                ("employee_id", "in", [r.id for r in reps]),
                ("course_id", "=", self.course_qms.id),
            ]
        )
        self.assertTrue(all(waiting.mapped("is_waiting")))
        session = self.env["sales.training.session"].create(
            {
                "name": "QMS May",
                "course_id": self.course_qms.id,
                "company_id": self.company.id,
                "trainer_id": self.user_trainer.id,
                "date_start": datetime(2026, 5, 4, 1),
                "date_end": datetime(2026, 5, 4, 5),
                "capacity": 2,
            }
        )
        self.assertEqual(session.waiting_count, 3)
        self.assertIn(
            "3 employee(s) are on the waiting list", session.message_ids[0].body
        )
        with self.assertRaises(AccessError):
            session.with_user(self.user_employee).action_take_waiting_list()
        session.with_user(self.user_trainer).action_take_waiting_list()
        self.assertEqual(len(session.attendance_ids), 2, "within capacity")
        self.assertEqual(session.waiting_count, 1)
        with self.assertRaises(UserError):
            session.with_user(self.user_trainer).action_take_waiting_list()
        session.state = "done"
        with self.assertRaises(UserError):
            session.with_user(self.user_trainer).action_take_waiting_list()
