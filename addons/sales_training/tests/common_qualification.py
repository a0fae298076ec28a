from datetime import date, datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class QualificationCommon(TransactionCase):
    """A company of its own: a sales-representative job requiring two
    pre-job courses (product knowledge valid 12 months, QMS permanent), a
    session to come of the first (one seat), employees with users (an
    employee, a trainer, a training manager, HR) and a manager, and an
    employee of another company."""

    TODAY = date(2026, 3, 10)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.company = cls.env["res.company"].create({"name": "Qualification Test Co"})
        cls.other_company = cls.env["res.company"].create(
            {"name": "Qualification Other Co"}
        )
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_employee = new_test_user(
            cls.env,
            "st_q_emp",
            groups="base.group_user,base.group_allow_export",
            **companies,
        )
        cls.user_colleague = new_test_user(
            cls.env, "st_q_colleague", groups="base.group_user", **companies
        )
        cls.user_manager = new_test_user(
            cls.env, "st_q_mgr", groups="base.group_user", **companies
        )
        cls.user_trainer = new_test_user(
            cls.env,
            "st_q_trainer",
            groups="sales_training.group_sales_training_trainer",
            **companies,
        )
        cls.user_training_manager = new_test_user(
            cls.env,
            "st_q_tm",
            groups="sales_training.group_sales_training_manager",
            **companies,
        )
        cls.user_hr = new_test_user(
            cls.env, "st_q_hr", groups="hr.group_hr_user", **companies
        )
        cls.user_other = new_test_user(
            cls.env,
            "st_q_other",
            groups="sales_training.group_sales_training_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        Course = cls.env["sales.training.course"].with_company(cls.company)
        cls.course_product = Course.create(
            {
                "name": "Product Knowledge",
                "category": "product",
                "validity_months": 12,
                "duration_hours": 8,
                "company_id": cls.company.id,
            }
        )
        cls.course_qms = Course.create(
            {
                "name": "QMS Basics",
                "category": "quality",
                "validity_months": 0,
                "duration_hours": 4,
                "company_id": cls.company.id,
            }
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "Sales East", "company_id": cls.company.id}
        )
        cls.job = cls.env["hr.job"].create(
            {"name": "Sales Rep", "company_id": cls.company.id}
        )
        cls.job_free = cls.env["hr.job"].create(
            {"name": "Driver", "company_id": cls.company.id}
        )
        Requirement = cls.env["sales.training.requirement"]
        Requirement.create(
            [
                {
                    "job_id": cls.job.id,
                    "course_id": cls.course_product.id,
                    "requirement_type": "pre_job",
                    "deadline_days": 30,
                    "company_id": cls.company.id,
                },
                {
                    "job_id": cls.job.id,
                    "course_id": cls.course_qms.id,
                    "requirement_type": "pre_job",
                    "deadline_days": 45,
                    "company_id": cls.company.id,
                },
            ]
        )
        cls.session = cls.env["sales.training.session"].create(
            {
                "name": "Product Knowledge April",
                "course_id": cls.course_product.id,
                "company_id": cls.company.id,
                "date_start": datetime(2026, 4, 1, 1, 0),
                "date_end": datetime(2026, 4, 1, 9, 0),
                "capacity": 1,
                "state": "planned",
            }
        )
        Employee = cls.env["hr.employee"].with_company(cls.company)
        cls.manager = Employee.create(
            {
                "name": "Manager",
                "user_id": cls.user_manager.id,
                "company_id": cls.company.id,
            }
        )
        cls.other_employee = (
            cls.env["hr.employee"]
            .with_company(cls.other_company)
            .create({"name": "Other Co Rep", "company_id": cls.other_company.id})
        )
        for user in (cls.user_trainer, cls.user_training_manager, cls.user_hr):
            Employee.create(
                {"name": user.name, "user_id": user.id, "company_id": cls.company.id}
            )

    def _create_rep(self, name, user=None, job=None):
        return (
            self.env["hr.employee"]
            .with_company(self.company)
            .create(
                {
                    "name": name,
                    "user_id": user.id if user else False,
                    "company_id": self.company.id,
                    "department_id": self.department.id,
                    "job_id": (job or self.job).id,
                    "parent_id": self.manager.id,
                }
            )
        )

    def _pass(self, employee, course, day, score=90.0):
        """A passed result as the exam path leaves it, then its hook."""
        attendance = self.env["sales.training.attendance"].sudo().search(
            [
                ("employee_id", "=", employee.id),
                ("course_id", "=", course.id),
                ("passed", "=", False),
            ],
            limit=1,
        ) or self.env["sales.training.attendance"].sudo().create(
            {
                "employee_id": employee.id,
                "course_id": course.id,
                "company_id": employee.company_id.id,
            }
        )
        attendance.write(
            {
                "passed": True,
                "date_passed": day,
                "exam_score": score,
                "attendance_state": "present",
            }
        )
        attendance._action_passed()
        return attendance
