from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesTrainingSessionCommon
from .test_plan import xlsx_strings


@tagged("post_install", "-at_install")
class TestSession(SalesTrainingSessionCommon):
    def _invitation_mails(self, session):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "sales.training.attendance"),
                ("res_id", "in", session.attendance_ids.ids),
            ]
        )

    def _add(self, session, **values):
        wizard = (
            self.env["sales.training.session.add.attendees"]
            .with_user(self.trainer)
            .create(dict(values, session_id=session.id))
        )
        return wizard.action_add()

    def test_sequence_number(self):
        session = self._create_session()
        self.assertTrue(session.name.startswith("TS/2026/"), session.name)
        other = self._create_session()
        self.assertNotEqual(session.name, other.name)
        self.assertEqual(session.display_name, f"{session.name} {self.course.name}")

    def test_session_ending_before_start_refused(self):
        Session = self.env["sales.training.session"]
        count = Session.search_count([])
        with self.assertRaisesMessage(ValidationError, "ends before it starts"):
            self._create_session(
                date_start=datetime(2026, 3, 10, 4, 0),
                date_end=datetime(2026, 3, 10, 1, 0),
            )
        self.assertEqual(Session.search_count([]), count)
        session = self._create_session()
        with self.assertRaisesMessage(ValidationError, "ends before it starts"):
            session.date_end = datetime(2026, 3, 9, 1, 0)
        self.assertEqual(session.date_end, datetime(2026, 3, 10, 4, 0))

    def test_capacity_exceeded_refused(self):
        session = self._create_session(capacity=2)
        with self.assertRaisesMessage(ValidationError, "at most 2 attendees"):
            self._add(
                session,
                mode="employees",
                employee_ids=[
                    (6, 0, (self.employee_1 | self.employee_2 | self.employee_3).ids)
                ],
            )
        self.assertFalse(session.attendance_ids)
        self._add(session, mode="jobs", job_ids=[(6, 0, self.job_sales.ids)])
        self.assertEqual(
            session.attendance_ids.employee_id, self.employee_1 | self.employee_2
        )
        with self.assertRaisesMessage(ValidationError, "at most 2 attendees"):
            self._add(
                session, mode="employees", employee_ids=[(6, 0, self.employee_3.ids)]
            )
        with self.assertRaisesMessage(ValidationError, "at most 1 attendees"):
            session.capacity = 1
        with self.assertRaisesMessage(ValidationError, "cannot be negative"):
            session.capacity = -1
        session.capacity = 0  # no limit
        self._add(session, mode="employees", employee_ids=[(6, 0, self.employee_3.ids)])
        self.assertEqual(len(session.attendance_ids), 3)

    def test_add_attendees_no_duplicates(self):
        session = self._create_session([self.employee_1])
        self._add(session, mode="jobs", job_ids=[(6, 0, self.job_sales.ids)])
        self.assertEqual(
            session.attendance_ids.employee_id, self.employee_1 | self.employee_2
        )
        # East Sales: Emp One, Emp Two and their manager; only the manager is new
        self._add(
            session, mode="departments", department_ids=[(6, 0, self.department.ids)]
        )
        self.assertEqual(len(session.attendance_ids), 3)
        self.assertIn(self.boss, session.attendance_ids.employee_id)
        with self.assertRaisesMessage(UserError, "already an attendee"):
            self._add(
                session,
                mode="departments",
                department_ids=[(6, 0, self.department.ids)],
            )
        # another company's employee is out of the trainer's reach
        with self.assertRaises(AccessError):
            self._add(
                session,
                mode="employees",
                employee_ids=[(6, 0, self.other_employee.ids)],
            )
        self.assertEqual(len(session.attendance_ids), 3)
        self._add(
            session, mode="departments", department_ids=[(6, 0, self.department_2.ids)]
        )
        self.assertEqual(len(session.attendance_ids), 4)
        with self.assertRaisesMessage(ValidationError, "already an attendee"):
            self.env["sales.training.attendance"].create(
                {
                    "session_id": session.id,
                    "employee_id": self.employee_1.id,
                    "company_id": self.company.id,
                }
            )

    def test_add_attendees_from_plan_line(self):
        plan = self.env["sales.training.plan"].create(
            {
                "name": "Plan",
                "year": 2026,
                "company_id": self.company.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "course_id": self.course.id,
                            "planned_month": "2026-03-01",
                            "job_ids": [(6, 0, self.job_service.ids)],
                            "employee_ids": [(6, 0, self.employee_1.ids)],
                        },
                    )
                ],
            }
        )
        session = self._create_session(plan_line_id=plan.line_ids.id)
        self._add(session, mode="plan_line")
        self.assertEqual(
            session.attendance_ids.employee_id, self.employee_1 | self.employee_3
        )

    def test_invitations_once(self):
        session = self._create_session([self.employee_1, self.employee_2])
        session.with_user(self.trainer).action_send_invitations()
        self.assertEqual(session.state, "planned")
        event = session.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(
            event.partner_ids, self.user_1.partner_id | self.user_2.partner_id
        )
        self.assertEqual(
            (event.start, event.stop), (session.date_start, session.date_end)
        )
        mails = self._invitation_mails(session)
        self.assertEqual(len(mails), 2)
        self.assertIn("Emp One", session.message_ids[0].body)
        self.assertEqual(
            mails.recipient_ids, self.user_1.partner_id | self.user_2.partner_id
        )
        # inviting again sends nothing twice and keeps one event
        session.with_user(self.trainer).action_send_invitations()
        self.assertEqual(session.calendar_event_id, event)
        self.assertEqual(len(self._invitation_mails(session)), 2)
        # a new attendee gets their own invitation, and joins the event
        self._add(session, mode="employees", employee_ids=[(6, 0, self.employee_3.ids)])
        session.with_user(self.trainer).action_send_invitations()
        self.assertEqual(len(self._invitation_mails(session)), 3)
        self.assertIn(self.employee_3.work_contact_id, event.partner_ids)
        # moving the session moves the event
        session.write(
            {
                "date_start": datetime(2026, 3, 11, 1, 0),
                "date_end": datetime(2026, 3, 11, 3, 0),
            }
        )
        self.assertEqual(event.start, datetime(2026, 3, 11, 1, 0))

    def test_invitations_need_attendees(self):
        session = self._create_session()
        with self.assertRaisesMessage(UserError, "Add attendees"):
            session.action_send_invitations()
        self.assertEqual(session.state, "draft")

    def test_hold_needs_every_attendance(self):
        session = self._create_session([self.employee_1, self.employee_2])
        with self.assertRaisesMessage(UserError, "Only an invited session"):
            session.with_user(self.trainer).action_done()
        session.with_user(self.trainer).action_send_invitations()
        session.attendance_ids[0].with_user(self.trainer).action_mark_late()
        with self.assertRaisesMessage(UserError, "Record the attendance"):
            session.with_user(self.trainer).action_done()
        session.with_user(self.trainer).action_mark_all_present()
        self.assertEqual(
            session.attendance_ids.mapped("attendance_state"), ["late", "present"]
        )
        session.with_user(self.trainer).action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual((session.attendee_count, session.present_count), (2, 2))
        # the attendance of a held session is final
        with self.assertRaisesMessage(UserError, "final"):
            session.attendance_ids[0].with_user(self.trainer).action_mark_absent()
        with self.assertRaisesMessage(UserError, "held session"):
            session.with_user(self.training_manager).attendance_ids.unlink()
        with self.assertRaisesMessage(UserError, "cannot be cancelled"):
            session.with_user(self.trainer).action_cancel()

    def test_future_session_not_held(self):
        start = datetime.now().replace(microsecond=0) + timedelta(days=2)
        session = self._create_session(
            [self.employee_1], date_start=start, date_end=start + timedelta(hours=2)
        )
        session.action_send_invitations()
        session.action_mark_all_present()
        with self.assertRaisesMessage(UserError, "has not started yet"):
            session.with_user(self.trainer).action_done()
        self.assertEqual(session.state, "planned")

    def test_cancel_cancels_event(self):
        session = self._create_session([self.employee_1])
        session.action_send_invitations()
        event = session.calendar_event_id
        session.with_user(self.trainer).action_cancel()
        self.assertEqual(session.state, "cancel")
        self.assertFalse(event.active)
        session.with_user(self.trainer).action_draft()
        self.assertEqual(session.state, "draft")
        self.assertTrue(event.active)

    def test_sign_in_sheet_pdf_and_xlsx(self):
        session = self._create_session([self.employee_1, self.employee_3])
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "sales_training.report_sign_in_sheet", session.ids
            )[0]
        )
        for text in (
            "Training Sign-in Sheet",
            session.name,
            "Emp One",
            "Emp Three",
            "East Sales",
            "Customer Service",
            "Signature",
            "Room 3",
        ):
            self.assertIn(text, html)
        report = self.env.ref("sales_training.action_report_sign_in_sheet")
        self.assertEqual(report.paperformat_id.format, "A4")
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "training_sign_in", session
        )
        self.assertEqual(filename, "training_sign_in_sheet.xlsx")
        strings = xlsx_strings(content)
        for text in ("Emp One", "Emp Three", "Sign-in Time", "Signature", "Room 3"):
            self.assertIn(text, strings)

    def test_session_form_onchange_and_course_locked(self):
        form = Form(self.env["sales.training.session"].with_user(self.trainer))
        form.course_id = self.course
        form.date_start = datetime(2026, 5, 1, 1, 0)
        form.date_end = datetime(2026, 5, 1, 2, 0)
        session = form.save()
        self.assertEqual(session.trainer_id, self.trainer)
        session.attendance_ids = [
            (0, 0, {"employee_id": self.employee_1.id, "company_id": self.company.id})
        ]
        session.action_send_invitations()
        with self.assertRaisesMessage(UserError, "only while it is a draft"):
            session.course_id = self.course_no_exam

    def test_chinese_labels(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sales_training"], ["zh_CN"])
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertEqual(
            env.ref("sales_training.sales_training_plan_action").name, "年度培训计划"
        )
        self.assertEqual(
            env.ref("sales_training.action_report_sign_in_sheet").name, "培训签到表"
        )
        fields = env["sales.training.attendance"].fields_get(["attendance_state"])
        self.assertIn(("late", "迟到"), fields["attendance_state"]["selection"])
        session = self._create_session([self.employee_1])
        filename, content = env["sales.qms.xlsx"]._render_report(
            "training_sign_in", session.with_env(env)
        )
        strings = xlsx_strings(content)
        for text in ("培训签到表", "序号", "姓名", "签到时间", "签名"):
            self.assertIn(text, strings)

    def test_session_list_query_count_constant(self):
        """The list of sessions reads its figures without a query per row."""
        fnames = [
            "name",
            "course_id",
            "trainer_id",
            "date_start",
            "attendee_count",
            "present_count",
            "effectiveness_score",
            "state",
        ]
        few = self.env["sales.training.session"]
        for _index in range(2):
            few |= self._create_session([self.employee_1, self.employee_2])
        many = few
        for _index in range(8):
            many |= self._create_session([self.employee_1, self.employee_3])
        Session = self.env["sales.training.session"].with_user(self.trainer)
        self.env.flush_all()
        # warm the access caches (rights and rules of the trainer)
        Session.browse(few.ids).read(fnames)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            Session.browse(few.ids).read(fnames)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            Session.browse(many.ids).read(fnames)
