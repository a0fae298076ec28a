import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SalesTrainingSessionCommon


@tagged("post_install", "-at_install")
class TestCourse(SalesTrainingSessionCommon):
    def _course_vals(self, **values):
        vals = {
            "name": "Negotiation",
            "company_id": self.company.id,
            "duration_hours": 2.0,
        }
        vals.update(values)
        return vals

    def test_pass_score_above_100_refused(self):
        with self.assertRaisesMessage(ValidationError, "between 0 and 100"):
            self.course.pass_score = 120
        self.assertEqual(self.exam.scoring_success_min, 60.0)
        with self.assertRaisesMessage(ValidationError, "between 0 and 100"):
            self.env["sales.training.course"].create(
                self._course_vals(exam_survey_id=self.exam.id, pass_score=-5)
            )

    def test_pass_score_is_the_exam_required_score(self):
        self.course.pass_score = 75
        self.assertEqual(self.exam.scoring_success_min, 75.0)

    def test_validity_below_zero_refused(self):
        Course = self.env["sales.training.course"]
        count = Course.search_count([("company_id", "=", self.company.id)])
        with self.assertRaisesMessage(ValidationError, "zero or more"):
            Course.create(self._course_vals(validity_months=-1))
        self.assertEqual(
            Course.search_count([("company_id", "=", self.company.id)]), count
        )
        self.course.validity_months = 0  # permanent

    def test_duration_must_be_positive(self):
        with self.assertRaisesMessage(ValidationError, "more than zero hours"):
            self.env["sales.training.course"].create(
                self._course_vals(duration_hours=0)
            )

    def test_weights_sum_to_100(self):
        with self.assertRaisesMessage(ValidationError, "add up to 100"):
            self.course.write({"weight_reaction": 30.0})
        with self.assertRaisesMessage(ValidationError, "between 0 and 100"):
            self.course.write(
                {
                    "weight_reaction": -20.0,
                    "weight_learning": 60.0,
                    "weight_behaviour": 60.0,
                }
            )
        self.course.write(
            {"weight_reaction": 0.0, "weight_learning": 50.0, "weight_behaviour": 50.0}
        )
        self.assertEqual(self.course.weight_learning, 50.0)

    def test_exam_must_be_a_certification(self):
        plain = self.env["survey.survey"].create(
            {"title": "Plain", "scoring_type": "no_scoring"}
        )
        with self.assertRaisesMessage(ValidationError, "certification mode"):
            self.course.exam_survey_id = plain
        with self.assertRaisesMessage(ValidationError, "must be scored"):
            self.course.reaction_survey_id = plain

    def test_code_unique_per_company(self):
        self.env["sales.training.course"].create(
            self._course_vals(code="PK-01", company_id=self.other_company.id)
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            with self.env.cr.savepoint():
                self.env["sales.training.course"].create(
                    self._course_vals(code="PK-01")
                )
        # no code: as many as wanted
        self.env["sales.training.course"].create(self._course_vals())
        self.env["sales.training.course"].create(self._course_vals())

    def test_course_form_session_count(self):
        self._create_session()
        self._create_session()
        self.assertEqual(self.course.session_count, 2)
        action = self.course.action_view_sessions()
        self.assertEqual(
            self.env["sales.training.session"].search(action["domain"]),
            self.course.session_ids,
        )

    def test_requirement_periodic_needs_frequency(self):
        Requirement = self.env["sales.training.requirement"]
        with self.assertRaisesMessage(ValidationError, "frequency above zero"):
            Requirement.create(
                {
                    "job_id": self.job_sales.id,
                    "course_id": self.course.id,
                    "company_id": self.company.id,
                    "requirement_type": "periodic",
                }
            )
        requirement = Requirement.create(
            {
                "job_id": self.job_sales.id,
                "course_id": self.course.id,
                "company_id": self.company.id,
                "requirement_type": "periodic",
                "frequency_months": 12,
            }
        )
        self.assertEqual(self.job_sales.training_requirement_ids, requirement)

    def test_requirement_on_job_form(self):
        self.training_manager.groups_id += self.env.ref("hr.group_hr_user")
        with Form(self.job_sales.with_user(self.training_manager)) as job_form:
            with job_form.training_requirement_ids.new() as line:
                line.course_id = self.course
                line.requirement_type = "pre_job"
                line.deadline_days = 20
        requirement = self.job_sales.training_requirement_ids
        self.assertEqual(
            (
                requirement.course_id,
                requirement.requirement_type,
                requirement.deadline_days,
            ),
            (self.course, "pre_job", 20),
        )
