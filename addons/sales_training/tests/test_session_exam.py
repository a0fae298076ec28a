from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SalesTrainingSessionCommon


@tagged("post_install", "-at_install")
class TestSessionExam(SalesTrainingSessionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls._create_session(
            [cls.employee_1, cls.employee_2, cls.employee_3]
        )
        cls.att_1, cls.att_2, cls.att_3 = (
            cls.session.attendance_ids.filtered(
                lambda a, e=employee: a.employee_id == e
            )
            for employee in (cls.employee_1, cls.employee_2, cls.employee_3)
        )

    def _hold_session(self):
        self._hold(
            self.session,
            {
                self.employee_1: "present",
                self.employee_2: "late",
                self.employee_3: "absent",
            },
        )

    def test_exam_sent_after_held_to_present_once(self):
        self.session.action_send_invitations()
        with self.assertRaisesMessage(UserError, "once the session is held"):
            self.session.with_user(self.trainer).action_send_exam()
        self.session.attendance_ids.attendance_state = "present"
        self.att_3.attendance_state = "absent"
        self.session.action_done()
        self.session.with_user(self.trainer).action_send_exam()
        self.assertTrue(self.att_1.exam_user_input_id)
        self.assertTrue(self.att_2.exam_user_input_id)
        self.assertFalse(self.att_3.exam_user_input_id)
        inputs = self.session.attendance_ids.exam_user_input_id
        self.assertEqual(inputs.survey_id, self.exam)
        self.assertEqual(
            inputs.partner_id, self.user_1.partner_id | self.user_2.partner_id
        )
        exam_mails = self.env["mail.mail"].search(
            [
                ("model", "=", "sales.training.attendance"),
                ("res_id", "in", self.session.attendance_ids.ids),
                ("subject", "like", "Training exam"),
            ]
        )
        self.assertEqual(len(exam_mails), 2)
        self.assertIn(
            self.att_1.exam_user_input_id.access_token,
            exam_mails[0].body_html + exam_mails[1].body_html,
        )
        # sent once
        self.session.with_user(self.trainer).action_send_exam()
        self.assertEqual(self.session.attendance_ids.exam_user_input_id, inputs)

    def test_exam_needs_an_exam(self):
        session = self._create_session(
            [self.employee_1], course_id=self.course_no_exam.id
        )
        self._hold(session, {self.employee_1: "present"})
        with self.assertRaisesMessage(UserError, "has no exam"):
            session.with_user(self.trainer).action_send_exam()

    def test_scores_read_from_real_answers(self):
        self._hold_session()
        self.session.with_user(self.trainer).action_send_exam()
        Attendance = self.registry["sales.training.attendance"]
        with patch.object(Attendance, "_action_passed", autospec=True) as action_passed:
            # Q1 and Q2 right, Q3 unanswered: 20 / 30 = 66.67 % >= 60 %
            self._submit_exam(self.att_1, q1="Right", q2="Right", q3=())
            # Q1 right, Q2 wrong, one good choice of Q3: 15 / 30 = 50 %
            self._submit_exam(self.att_2, q1="Right", q2="Wrong", q3=("A",))
            self.assertEqual(action_passed.call_count, 1)
            self.assertEqual(action_passed.call_args.args[0], self.att_1)
            # fetching again changes nothing and passes nobody twice
            self.session.with_user(self.trainer).action_fetch_results()
            self.assertEqual(action_passed.call_count, 1)
        self.assertEqual(
            (self.att_1.exam_score, self.att_1.passed, self.att_1.examined),
            (66.67, True, True),
        )
        self.assertEqual(self.att_1.date_passed, fields.Date.today())
        self.assertEqual(
            (self.att_2.exam_score, self.att_2.passed, self.att_2.examined),
            (50.0, False, True),
        )
        self.assertFalse(self.att_2.date_passed)
        self.assertEqual(self.session.passed_count, 1)

    def test_all_correct_gives_100(self):
        self._hold_session()
        self.session.action_send_exam()
        self._submit_exam(self.att_1, q3=("A", "B"))
        self.assertEqual((self.att_1.exam_score, self.att_1.passed), (100.0, True))

    def test_fetch_results_button(self):
        """Answers completed without going through the survey's submission
        (e.g. finished before an upgrade) are read by "fetch results"."""
        self._hold_session()
        self.session.action_send_exam()
        user_input = self.att_1.exam_user_input_id
        user_input._save_lines(self.q1, self._answer(self.q1, "Right").id)
        user_input._save_lines(self.q2, self._answer(self.q2, "Right").id)
        user_input._save_lines(self.q3, [self._answer(self.q3, "A").id])
        user_input.write({"state": "done", "end_datetime": "2026-03-12 02:00:00"})
        self.assertFalse(self.att_1.examined)
        Attendance = self.registry["sales.training.attendance"]
        with patch.object(Attendance, "_action_passed", autospec=True) as action_passed:
            self.session.with_user(self.trainer).action_fetch_results()
            self.session.with_user(self.trainer).action_fetch_results()
        self.assertEqual(action_passed.call_count, 1)
        # 25 / 30
        self.assertEqual((self.att_1.exam_score, self.att_1.passed), (83.33, True))
        self.assertEqual(str(self.att_1.date_passed), "2026-03-12")
        self.assertFalse(self.att_2.examined)

    def test_unfinished_exam_gives_no_result(self):
        self._hold_session()
        self.session.action_send_exam()
        self.att_1.exam_user_input_id._save_lines(
            self.q1, self._answer(self.q1, "Right").id
        )
        self.session.action_fetch_results()
        self.assertEqual((self.att_1.examined, self.att_1.exam_score), (False, 0.0))
