from contextlib import contextmanager
from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class SalesTrainingSessionCommon(TransactionCase):
    """A company of its own with a sales department, a manager and two
    salespeople (employees with users), an employee without user, a trainer,
    a second trainer, a training manager and a manager of another company;
    a course with a scored exam (certification) and a scored reaction survey.

    The exam has three questions worth 10 + 10 + (5 + 5) = 30 points: all
    correct gives 100 %, Q1 and Q2 right and Q3 unanswered 20 / 30 =
    66.67 %, Q1 right, Q2 wrong and one good choice of Q3 15 / 30 = 50 %.
    The pass score is 60 %. The reaction survey has one question scored 1 to
    5 (the best answer is worth 5): answering 4 gives 80 %.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        cls.company = cls.env["res.company"].create({"name": "Training Test Co"})
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.other_company = cls.env["res.company"].create({"name": "Training Other Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
            "tz": "Asia/Shanghai",
        }
        cls.training_manager = new_test_user(
            cls.env,
            "st_manager",
            groups="sales_training.group_sales_training_manager",
            email="st_manager@example.com",
            **companies,
        )
        cls.trainer = new_test_user(
            cls.env,
            "st_trainer",
            groups="sales_training.group_sales_training_trainer",
            email="st_trainer@example.com",
            **companies,
        )
        cls.trainer_2 = new_test_user(
            cls.env,
            "st_trainer2",
            groups="sales_training.group_sales_training_trainer",
            email="st_trainer2@example.com",
            **companies,
        )
        cls.boss_user = new_test_user(
            cls.env,
            "st_boss",
            groups="base.group_user",
            email="st_boss@example.com",
            **companies,
        )
        cls.user_1 = new_test_user(
            cls.env,
            "st_emp1",
            groups="base.group_user",
            email="st_emp1@example.com",
            **companies,
        )
        cls.user_2 = new_test_user(
            cls.env,
            "st_emp2",
            groups="base.group_user",
            email="st_emp2@example.com",
            **companies,
        )
        cls.other_manager = new_test_user(
            cls.env,
            "st_other",
            groups="sales_training.group_sales_training_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "East Sales", "company_id": cls.company.id}
        )
        cls.department_2 = cls.env["hr.department"].create(
            {"name": "South Sales", "company_id": cls.company.id}
        )
        cls.job_sales = cls.env["hr.job"].create(
            {"name": "Sales Representative", "company_id": cls.company.id}
        )
        cls.job_service = cls.env["hr.job"].create(
            {"name": "Customer Service", "company_id": cls.company.id}
        )
        Employee = cls.env["hr.employee"].with_company(cls.company)
        cls.boss = Employee.create(
            {
                "name": "Boss",
                "user_id": cls.boss_user.id,
                "department_id": cls.department.id,
                "company_id": cls.company.id,
            }
        )
        cls.employee_1 = Employee.create(
            {
                "name": "Emp One",
                "user_id": cls.user_1.id,
                "parent_id": cls.boss.id,
                "department_id": cls.department.id,
                "job_id": cls.job_sales.id,
                "company_id": cls.company.id,
            }
        )
        cls.employee_2 = Employee.create(
            {
                "name": "Emp Two",
                "user_id": cls.user_2.id,
                "parent_id": cls.boss.id,
                "department_id": cls.department.id,
                "job_id": cls.job_sales.id,
                "company_id": cls.company.id,
            }
        )
        cls.employee_3 = Employee.create(
            {
                "name": "Emp Three",
                "work_email": "emp3@example.com",
                "department_id": cls.department_2.id,
                "job_id": cls.job_service.id,
                "company_id": cls.company.id,
            }
        )
        cls.other_employee = (
            cls.env["hr.employee"]
            .with_company(cls.other_company)
            .create({"name": "Other Emp", "company_id": cls.other_company.id})
        )
        cls.exam = cls._create_exam()
        cls.reaction_survey = cls._create_reaction_survey()
        cls.course = cls.env["sales.training.course"].create(
            {
                "name": "Hydraulic Press Product Knowledge",
                "code": "PK-01",
                "company_id": cls.company.id,
                "category": "product",
                "duration_hours": 3.0,
                "trainer_id": cls.trainer.id,
                "exam_survey_id": cls.exam.id,
                "reaction_survey_id": cls.reaction_survey.id,
                "validity_months": 12,
                "behaviour_delay_days": 30,
                "weight_reaction": 20.0,
                "weight_learning": 40.0,
                "weight_behaviour": 40.0,
            }
        )
        cls.course_no_exam = cls.env["sales.training.course"].create(
            {
                "name": "Industry Workshop",
                "code": "WS-01",
                "company_id": cls.company.id,
                "category": "sales_skills",
                "duration_hours": 8.0,
                "trainer_type": "external",
            }
        )

    @contextmanager
    def assertRaisesMessage(self, exception, text):
        """assertRaises (in a savepoint: nothing is written) and the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    @classmethod
    def _create_exam(cls):
        survey = cls.env["survey.survey"].create(
            {
                "title": "Press Exam",
                "access_mode": "token",
                "scoring_type": "scoring_with_answers",
                "certification": True,
                "scoring_success_min": 60.0,
            }
        )
        Question = cls.env["survey.question"]
        cls.q1 = Question.create(
            {
                "survey_id": survey.id,
                "title": "Q1",
                "question_type": "simple_choice",
                "sequence": 1,
                "suggested_answer_ids": [
                    Command.create(
                        {"value": "Right", "is_correct": True, "answer_score": 10}
                    ),
                    Command.create({"value": "Wrong"}),
                ],
            }
        )
        cls.q2 = Question.create(
            {
                "survey_id": survey.id,
                "title": "Q2",
                "question_type": "simple_choice",
                "sequence": 2,
                "suggested_answer_ids": [
                    Command.create(
                        {"value": "Right", "is_correct": True, "answer_score": 10}
                    ),
                    Command.create({"value": "Wrong"}),
                ],
            }
        )
        cls.q3 = Question.create(
            {
                "survey_id": survey.id,
                "title": "Q3",
                "question_type": "multiple_choice",
                "sequence": 3,
                "suggested_answer_ids": [
                    Command.create(
                        {"value": "A", "is_correct": True, "answer_score": 5}
                    ),
                    Command.create(
                        {"value": "B", "is_correct": True, "answer_score": 5}
                    ),
                    Command.create({"value": "C"}),
                ],
            }
        )
        return survey

    @classmethod
    def _create_reaction_survey(cls):
        survey = cls.env["survey.survey"].create(
            {
                "title": "Training Reaction",
                "access_mode": "token",
                "scoring_type": "scoring_without_answers",
            }
        )
        cls.reaction_question = cls.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "How useful was the training?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    Command.create({"value": str(score), "answer_score": score})
                    for score in range(1, 6)
                ],
            }
        )
        return survey

    @classmethod
    def _answer(cls, question, value):
        return question.suggested_answer_ids.filtered(lambda a: a.value == value)

    def _submit_exam(self, attendance, q1="Right", q2="Right", q3=()):
        """Answer the attendee's exam through the survey API and complete it."""
        user_input = attendance.exam_user_input_id
        user_input._save_lines(self.q1, self._answer(self.q1, q1).id)
        user_input._save_lines(self.q2, self._answer(self.q2, q2).id)
        user_input._save_lines(
            self.q3, [self._answer(self.q3, value).id for value in q3]
        )
        user_input._mark_done()
        return user_input

    def _submit_reaction(self, attendance, value="4"):
        user_input = attendance.reaction_user_input_id
        user_input._save_lines(
            self.reaction_question, self._answer(self.reaction_question, value).id
        )
        user_input._mark_done()
        return user_input

    @classmethod
    def _create_session(cls, employees=None, **values):
        vals = {
            "course_id": cls.course.id,
            "company_id": cls.company.id,
            "trainer_id": cls.trainer.id,
            "date_start": datetime(2026, 3, 10, 1, 0),
            "date_end": datetime(2026, 3, 10, 4, 0),
            "location": "Room 3",
        }
        vals.update(values)
        session = cls.env["sales.training.session"].create(vals)
        if employees:
            cls.env["sales.training.attendance"].create(
                [
                    {
                        "session_id": session.id,
                        "employee_id": employee.id,
                        "company_id": session.company_id.id,
                    }
                    for employee in employees
                ]
            )
        return session

    @classmethod
    def _hold(cls, session, states):
        """Invite, mark each attendee (``{employee: state}``) and hold."""
        session.action_send_invitations()
        for attendance in session.attendance_ids:
            attendance.attendance_state = states[attendance.employee_id]
        session.action_done()
        return session
