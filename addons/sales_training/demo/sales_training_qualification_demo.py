"""Demo of the qualification: passes recorded through the same methods as
the application's, then the expiry cron.

Loaded by ``demo/sales_training_qualification_demo.xml`` only.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SalesTrainingQualificationDemo(models.AbstractModel):
    _name = "sales.training.qualification.demo"
    _description = "Qualification Demo Data"

    @api.model
    def _demo_employee(self, user_xmlid, name, job=True):
        ref = self.env.ref
        user = ref(user_xmlid) if user_xmlid else self.env["res.users"]
        Employee = self.env["hr.employee"]
        employee = (
            Employee.search([("user_id", "=", user.id)], limit=1) if user else Employee
        )
        values = {
            "department_id": ref("sales_training.hr_department_demo_qual_sales").id
        }
        if job:
            values["job_id"] = ref("sales_training.hr_job_demo_qual_sales_rep").id
        else:
            values["job_title"] = "销售经理"
        if employee:
            employee.write(values)
            return employee
        return Employee.create(
            dict(
                values,
                name=name,
                user_id=user.id,
                company_id=ref("base.main_company").id,
            )
        )

    @api.model
    def _load_qualification_demo(self):
        """Veterans qualified, an expired certification, a new hire in
        pre-job training; does nothing once done."""
        ref = self.env.ref
        if self.env["sales.training.certification"].search_count(
            [("course_id", "=", ref("sales_training.course_demo_qual_product").id)]
        ):
            return False
        today = fields.Date.context_today(self)
        manager = self._demo_employee(
            "sales_qms.res_users_demo_zhao_lei", "赵磊", job=False
        )
        veterans = {
            "li_na": self._demo_employee("sales_qms.res_users_demo_li_na", "李娜"),
            "wang_qiang": self._demo_employee(
                "sales_qms.res_users_demo_wang_qiang", "王强"
            ),
            "liu_yang": self._demo_employee(
                "sales_qms.res_users_demo_liu_yang", "刘洋"
            ),
        }
        for employee in veterans.values():
            employee.parent_id = manager
        Attendance = self.env["sales.training.attendance"]
        # the enrolments the job change made are replaced by the demo's history
        # (the sessions already held keep their attendance: training records)
        Attendance.search(
            [
                ("employee_id", "in", [e.id for e in veterans.values()]),
                ("passed", "=", False),
                "|",
                ("session_id", "=", False),
                ("session_id.state", "!=", "done"),
            ]
        ).unlink()
        sessions = {
            "product_past": ref("sales_training.session_demo_qual_product_past"),
            "product_recent": ref("sales_training.session_demo_qual_product_recent"),
            "qms_past": ref("sales_training.session_demo_qual_qms_past"),
        }
        passes = [
            # (employee, session, score, months ago)
            ("liu_yang", "product_past", 82.0, 13),
            ("li_na", "product_recent", 95.0, 4),
            ("wang_qiang", "product_recent", 88.0, 4),
            ("li_na", "qms_past", 90.0, 6),
            ("wang_qiang", "qms_past", 85.0, 6),
            ("liu_yang", "qms_past", 78.0, 6),
        ]
        attendances = Attendance.create(
            [
                {
                    "employee_id": veterans[who].id,
                    "session_id": sessions[where].id,
                    "attendance_state": "present",
                }
                for who, where, _score, _months in passes
            ]
        )
        for attendance, (_who, _where, score, months) in zip(
            attendances, passes, strict=True
        ):
            attendance.write(
                {
                    "passed": True,
                    "exam_score": score,
                    "date_passed": today - relativedelta(months=months),
                }
            )
        attendances._action_passed()
        # 刘洋's product certification ran out: expired, reminded, re-enrolled
        self.env["sales.training.certification"]._cron_process_expiry()
        # the new hire: enrolled automatically in the next sessions
        new_hire = self.env["hr.employee"].create(
            {
                "name": "陈静",
                "company_id": ref("base.main_company").id,
                "department_id": ref("sales_training.hr_department_demo_qual_sales").id,
                "job_id": ref("sales_training.hr_job_demo_qual_sales_rep").id,
                "parent_id": manager.id,
                "work_email": "chen.jing@example.com",
            }
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": "sales_training.hr_employee_demo_qual_new_hire",
                    "record": new_hire,
                    "noupdate": True,
                }
            ]
        )
        self.env["sales.training.qualification.snapshot"]._take_snapshot()
        return True
