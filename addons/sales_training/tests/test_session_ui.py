from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SalesTrainingSessionCommon


@tagged("post_install", "-at_install")
class TestSessionUi(HttpCase):
    def test_trainer_holds_session_tour(self):
        company = self.env.ref("base.main_company")
        trainer = new_test_user(
            self.env,
            "st_tour_trainer",
            groups="sales_training.group_sales_training_trainer",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        exam = SalesTrainingSessionCommon._create_exam.__func__(self)
        course = self.env["sales.training.course"].create(
            {
                "name": "Tour Course",
                "company_id": company.id,
                "duration_hours": 2.0,
                "exam_survey_id": exam.id,
            }
        )
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": name,
                    "company_id": company.id,
                    "work_email": f"{index}@example.com",
                }
                for index, name in enumerate(["Tour Emp A", "Tour Emp B", "Tour Emp C"])
            ]
        )
        # today's session, started half an hour ago
        start = datetime.now().replace(microsecond=0) - timedelta(minutes=30)
        session = self.env["sales.training.session"].create(
            {
                "course_id": course.id,
                "company_id": company.id,
                "trainer_id": trainer.id,
                "date_start": start,
                "date_end": start + timedelta(hours=2),
                "location": "Room 3",
                "attendance_ids": [
                    Command.create(
                        {"employee_id": employee.id, "company_id": company.id}
                    )
                    for employee in employees
                ],
            }
        )
        session.action_send_invitations()
        self.start_tour(
            f"/odoo/training-sessions/{session.id}",
            "sales_training_session_tour",
            login="st_tour_trainer",
        )
        attendance = {a.employee_id.name: a for a in session.attendance_ids}
        self.assertEqual(session.state, "done")
        self.assertEqual(
            [
                attendance[name].attendance_state
                for name in ("Tour Emp A", "Tour Emp B", "Tour Emp C")
            ],
            ["present", "late", "absent"],
        )
        self.assertTrue(attendance["Tour Emp A"].exam_user_input_id)
        self.assertTrue(attendance["Tour Emp B"].exam_user_input_id)
        self.assertFalse(attendance["Tour Emp C"].exam_user_input_id)

        # the attendees answer (20 / 30 and 15 / 30); their answers are
        # complete but not read yet
        answers = {
            "Tour Emp A": {self.q1: "Right", self.q2: "Right", self.q3: []},
            "Tour Emp B": {self.q1: "Right", self.q2: "Wrong", self.q3: ["A"]},
        }
        for name, by_question in answers.items():
            user_input = attendance[name].exam_user_input_id
            for question, value in by_question.items():
                choices = question.suggested_answer_ids.filtered(
                    lambda a, v=value: a.value in (v if isinstance(v, list) else [v])
                )
                user_input._save_lines(
                    question,
                    choices.ids
                    if question.question_type == "multiple_choice"
                    else choices.id,
                )
            user_input.state = "done"
        self.assertFalse(attendance["Tour Emp A"].examined)
        self.start_tour(
            f"/odoo/training-sessions/{session.id}",
            "sales_training_session_results_tour",
            login="st_tour_trainer",
        )
        self.assertEqual(
            (attendance["Tour Emp A"].exam_score, attendance["Tour Emp A"].passed),
            (66.67, True),
        )
        self.assertEqual(
            (attendance["Tour Emp B"].exam_score, attendance["Tour Emp B"].passed),
            (50.0, False),
        )
