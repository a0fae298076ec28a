from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestQualificationUi(HttpCase):
    def test_new_hire_becomes_qualified_tour(self):
        company = self.env.ref("base.main_company")
        new_test_user(
            self.env,
            "st_q_tour_manager",
            groups="hr.group_hr_user,sales_training.group_sales_training_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        Course = self.env["sales.training.course"]
        product = Course.create(
            {
                "name": "Tour Product Knowledge",
                "validity_months": 12,
                "company_id": company.id,
            }
        )
        qms = Course.create({"name": "Tour QMS Basics", "company_id": company.id})
        job = self.env["hr.job"].create(
            {"name": "Tour Sales Rep", "company_id": company.id}
        )
        self.env["sales.training.requirement"].create(
            [
                {
                    "job_id": job.id,
                    "course_id": course.id,
                    "requirement_type": "pre_job",
                    "company_id": company.id,
                }
                for course in (product, qms)
            ]
        )
        new_hire = self.env["hr.employee"].create(
            {"name": "Tour New Hire", "job_id": job.id, "company_id": company.id}
        )
        first = self.env["sales.training.attendance"].search(
            [("employee_id", "=", new_hire.id), ("course_id", "=", qms.id)]
        )
        first.write({"passed": True, "date_passed": date.today(), "exam_score": 92.0})
        first._action_passed()
        self.assertEqual(new_hire.qualification_state, "not_qualified")
        # the new hire, a plain employee, sees their own badge
        new_hire.user_id = new_test_user(
            self.env,
            "st_q_tour_new_hire",
            groups="base.group_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        self.start_tour(
            f"/odoo/training-qualification-public/{new_hire.id}",
            "sales_training_own_qualification_tour",
            login="st_q_tour_new_hire",
        )
        self.start_tour(
            f"/odoo/training-qualification/{new_hire.id}",
            "sales_training_qualification_tour",
            login="st_q_tour_manager",
        )
        self.assertEqual(new_hire.qualification_state, "qualified")
        self.assertEqual(new_hire.certification_ids.course_id, product | qms)
