"""Demo of the sessions: the annual plan, sessions held through the same
methods as the application's (invitations, attendance, exam and reaction
answers submitted through the survey API, behaviour evaluations), and the
next sessions.

Loaded by ``demo/sales_training_demo.xml`` only.
"""

from datetime import date, datetime, time, timedelta

from odoo import Command, api, fields, models


class SalesTrainingSessionsDemo(models.AbstractModel):
    _name = "sales.training.sessions.demo"
    _description = "Training Sessions Demo Data"

    @api.model
    def _demo_employee(self, user_xmlid, name, department, job, manager=None):
        """The demo user's employee, created if the user has none yet."""
        user = self.env.ref(user_xmlid)
        Employee = self.env["hr.employee"]
        employee = Employee.search([("user_id", "=", user.id)], limit=1)
        values = {"department_id": department.id, "job_id": job.id}
        if manager:
            values["parent_id"] = manager.id
        if employee:
            employee.write(values)
            return employee
        return Employee.create(
            dict(
                values,
                name=name,
                user_id=user.id,
                company_id=self.env.ref("base.main_company").id,
            )
        )

    @api.model
    def _answer(self, user_input, question_xmlid, answer_xmlids):
        question = self.env.ref(question_xmlid)
        answers = [self.env.ref(xmlid).id for xmlid in answer_xmlids]
        user_input._save_lines(
            question,
            answers if question.question_type == "multiple_choice" else answers[0],
        )

    @api.model
    def _hold(self, session, states):
        """Invite, take the attendance (``{employee: state}``) and hold."""
        Attendance = self.env["sales.training.attendance"]
        Attendance.create(
            [
                {
                    "session_id": session.id,
                    "employee_id": employee.id,
                    "company_id": session.company_id.id,
                }
                for employee in states
            ]
        )
        session.action_send_invitations()
        for attendance in session.attendance_ids:
            attendance.attendance_state = states[attendance.employee_id]
        session.action_done()
        return {
            attendance.employee_id: attendance for attendance in session.attendance_ids
        }

    @api.model
    def _load_sessions_demo(self):
        """The year's plan and sessions; does nothing once done."""
        ref = self.env.ref
        if self.env["sales.training.plan"].search_count(
            [("name", "=", "年度销售部培训计划")]
        ):
            return False
        company = ref("base.main_company")
        today = fields.Date.context_today(self)
        east = ref("sales_training.hr_department_demo_st_east")
        south = ref("sales_training.hr_department_demo_st_south")
        engineer = ref("sales_training.hr_job_demo_st_sales_engineer")
        leader = ref("sales_training.hr_job_demo_st_sales_leader")
        zhao_lei = self._demo_employee(
            "sales_qms.res_users_demo_zhao_lei", "赵磊", east, leader
        )
        zhang_wei = self._demo_employee(
            "sales_qms.res_users_demo_zhang_wei", "张伟", east, leader, zhao_lei
        )
        wang_qiang = self._demo_employee(
            "sales_qms.res_users_demo_wang_qiang", "王强", south, leader, zhao_lei
        )
        li_na = self._demo_employee(
            "sales_qms.res_users_demo_li_na", "李娜", east, engineer, zhang_wei
        )
        liu_yang = self._demo_employee(
            "sales_qms.res_users_demo_liu_yang", "刘洋", south, engineer, wang_qiang
        )
        courses = {
            "product": ref("sales_training.course_demo_st_press_brake"),
            "selling": ref("sales_training.course_demo_st_selling"),
            "fair": ref("sales_training.course_demo_st_fair"),
            "service": ref("sales_training.course_demo_st_service"),
        }
        plan = self.env["sales.training.plan"].create(
            {
                "name": "年度销售部培训计划",
                "year": today.year,
                "company_id": company.id,
                "note": "<p>依据 ISO 9001 §7.2 能力要求及上年度培训效果评估结果编制。"
                "</p>",
                "line_ids": [
                    Command.create(
                        {
                            "course_id": courses["product"].id,
                            "planned_month": date(today.year, 3, 1),
                            "department_ids": [Command.set((east | south).ids)],
                            "trainer_id": ref("sales_qms.res_users_demo_zhang_wei").id,
                            "budget": 3000.0,
                        }
                    ),
                    Command.create(
                        {
                            "course_id": courses["selling"].id,
                            "planned_month": date(today.year, 5, 1),
                            "job_ids": [Command.set(leader.ids)],
                            "trainer_id": ref("sales_qms.res_users_demo_zhao_lei").id,
                            "budget": 12000.0,
                        }
                    ),
                    Command.create(
                        {
                            "course_id": courses["fair"].id,
                            "planned_month": date(today.year, 9, 1),
                            "employee_ids": [
                                Command.set((zhang_wei | li_na | liu_yang).ids)
                            ],
                            "provider_id": ref(
                                "sales_training.res_partner_demo_st_association"
                            ).id,
                            "budget": 8000.0,
                        }
                    ),
                    Command.create(
                        {
                            "course_id": courses["service"].id,
                            "planned_month": date(today.year, 12, 1),
                            "job_ids": [Command.set(engineer.ids)],
                            "trainer_id": ref("sales_qms.res_users_demo_zhou_min").id,
                            "budget": 2000.0,
                        }
                    ),
                ],
            }
        )
        plan.action_approve()
        line_product, line_selling, line_fair, line_service = plan.line_ids
        Session = self.env["sales.training.session"]

        def when(month, day, hours):
            # 09:00 in Shanghai is 01:00 UTC
            start = datetime.combine(date(today.year, month, day), time(1, 0))
            return start, start + timedelta(hours=hours)

        held = []
        if today > date(today.year, 3, 20):
            start, end = when(3, 12, 6)
            product = Session.create(
                {
                    "course_id": courses["product"].id,
                    "plan_line_id": line_product.id,
                    "trainer_id": ref("sales_qms.res_users_demo_zhang_wei").id,
                    "date_start": start,
                    "date_end": end,
                    "location": "公司二楼培训室",
                    "capacity": 20,
                    "cost": 1500.0,
                    "company_id": company.id,
                }
            )
            attendance = self._hold(
                product, {li_na: "present", liu_yang: "late", wang_qiang: "excused"}
            )
            product.action_send_exam()
            exam = "sales_training.survey_question_demo_st_exam_"
            answer = "sales_training.survey_answer_demo_st_exam_"
            # 李娜: everything right, 30 / 30; 刘洋: 15 / 30, to retake
            for who, answers in (
                (li_na, (["1_a"], ["2_a"], ["3_a", "3_b"])),
                (liu_yang, (["1_a"], ["2_b"], ["3_a"])),
            ):
                user_input = attendance[who].exam_user_input_id
                for number, chosen in enumerate(answers, start=1):
                    self._answer(
                        user_input, f"{exam}{number}", [answer + a for a in chosen]
                    )
                user_input._mark_done()
            held.append((attendance, {li_na: "5", liu_yang: "4"}))
            held_product = attendance
        if today > date(today.year, 5, 25):
            start, end = when(5, 20, 8)
            selling = Session.create(
                {
                    "course_id": courses["selling"].id,
                    "plan_line_id": line_selling.id,
                    "trainer_id": ref("sales_qms.res_users_demo_zhao_lei").id,
                    "date_start": start,
                    "date_end": end,
                    "location": "杭州培训中心",
                    "cost": 9800.0,
                    "company_id": company.id,
                }
            )
            attendance = self._hold(
                selling, {zhang_wei: "present", wang_qiang: "present"}
            )
            held.append((attendance, {zhang_wei: "4", wang_qiang: "5"}))
            held_selling = attendance
        if today > date(today.year, 9, 25):
            start, end = when(9, 16, 8)
            fair = Session.create(
                {
                    "course_id": courses["fair"].id,
                    "plan_line_id": line_fair.id,
                    "session_type": "external",
                    "provider_id": ref(
                        "sales_training.res_partner_demo_st_association"
                    ).id,
                    "trainer_id": ref("sales_qms.res_users_demo_zhou_min").id,
                    "date_start": start,
                    "date_end": end,
                    "location": "上海国家会展中心",
                    "online_url": "https://www.example.com/cimt-forum",
                    "cost": 6800.0,
                    "company_id": company.id,
                }
            )
            self._hold(
                fair, {zhang_wei: "present", li_na: "present", liu_yang: "present"}
            )
        # the attendees' opinions right after the sessions
        for attendance, ratings in held:
            for who, rating in ratings.items():
                user_input = attendance[who].reaction_user_input_id
                self._answer(
                    user_input,
                    "sales_training.survey_question_demo_st_reaction",
                    [f"sales_training.survey_answer_demo_st_reaction_{rating}"],
                )
                user_input._mark_done()
        # the behaviour evaluations that are due, then two managers' ratings
        self.env["sales.training.attendance"]._cron_schedule_behaviour_evaluations()
        if today > date(today.year, 5, 25):
            held_product[li_na]._record_behaviour_evaluation(
                "4", "报价前能独立完成折弯力计算和选型，技术交流中客户认可度高。"
            )
        if today > date(today.year, 7, 1):
            held_selling[zhang_wei]._record_behaviour_evaluation(
                "5", "带领团队使用需求挖掘提问清单，第三季度报价成交率明显提升。"
            )
        # the next sessions: customer service (invited) and the product
        # course for the new hires (draft)
        start = datetime.combine(today + timedelta(days=10), time(6, 0))
        service = Session.create(
            {
                "course_id": courses["service"].id,
                "plan_line_id": line_service.id,
                "trainer_id": ref("sales_qms.res_users_demo_zhou_min").id,
                "date_start": start,
                "date_end": start + timedelta(hours=4),
                "location": "公司二楼培训室",
                "capacity": 20,
                "cost": 800.0,
                "company_id": company.id,
                "attendance_ids": [
                    Command.create(
                        {"employee_id": employee.id, "company_id": company.id}
                    )
                    for employee in (li_na, liu_yang)
                ],
            }
        )
        service.action_send_invitations()
        start = datetime.combine(today + timedelta(days=25), time(1, 0))
        Session.create(
            {
                "course_id": courses["product"].id,
                "trainer_id": ref("sales_qms.res_users_demo_zhang_wei").id,
                "date_start": start,
                "date_end": start + timedelta(hours=6),
                "location": "公司二楼培训室",
                "capacity": 12,
                "company_id": company.id,
            }
        )
        return True
