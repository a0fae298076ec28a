from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged, users

from .common import SalesTrainingSessionCommon


@tagged("post_install", "-at_install")
class TestSecuritySessions(SalesTrainingSessionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Emp One attends the first session, not the second (trained by the
        # second trainer)
        cls.session_1 = cls._create_session([cls.employee_1, cls.employee_2])
        cls.session_2 = cls._create_session(
            [cls.employee_2],
            trainer_id=cls.trainer_2.id,
            date_start=datetime(2026, 3, 12, 1, 0),
            date_end=datetime(2026, 3, 12, 4, 0),
        )
        cls.other_session = cls.env["sales.training.session"].create(
            {
                "course_id": cls.env["sales.training.course"]
                .create(
                    {
                        "name": "Other course",
                        "company_id": cls.other_company.id,
                        "duration_hours": 1.0,
                    }
                )
                .id,
                "company_id": cls.other_company.id,
                "trainer_id": cls.other_manager.id,
                "date_start": datetime(2026, 3, 10, 1, 0),
                "date_end": datetime(2026, 3, 10, 2, 0),
            }
        )
        cls.env["sales.training.attendance"].create(
            {
                "session_id": cls.other_session.id,
                "employee_id": cls.other_employee.id,
                "company_id": cls.other_company.id,
            }
        )
        cls.our_sessions = cls.session_1 | cls.session_2

    @users("st_emp1")
    def test_employee_reads_own_sessions_and_catalogue(self):
        Session = self.env["sales.training.session"]
        self.assertEqual(Session.search([]), self.session_1)
        self.assertEqual(Session.search_count([("id", "in", self.our_sessions.ids)]), 1)
        groups = Session.read_group([], ["course_id"], ["course_id"])
        self.assertEqual(sum(group["course_id_count"] for group in groups), 1)
        self.session_1.with_env(self.env).read(["name", "date_start", "location"])
        with self.assertRaises(AccessError):
            self.session_2.with_env(self.env).read(["name"])
        self.assertFalse(
            Session.search_read([("id", "=", self.session_2.id)], ["name"])
        )
        # the catalogue
        courses = self.env["sales.training.course"].search([])
        self.assertIn(self.course, courses)
        with self.assertRaises(AccessError):
            self.env["sales.training.course"].create(
                {"name": "Mine", "duration_hours": 1.0, "company_id": self.company.id}
            )

    @users("st_emp1")
    def test_employee_sees_own_attendance_only(self):
        Attendance = self.env["sales.training.attendance"]
        self.assertEqual(Attendance.search([]).employee_id, self.employee_1)
        groups = Attendance.read_group([], ["employee_id"], ["employee_id"])
        self.assertEqual(
            [group["employee_id"][0] for group in groups], [self.employee_1.id]
        )
        with self.assertRaises(AccessError):
            Attendance.search([]).write({"attendance_state": "present"})

    @users("st_emp1")
    def test_employee_cannot_act_on_session(self):
        session = self.session_1.with_env(self.env)
        with self.assertRaises(AccessError):
            session.action_send_invitations()
        with self.assertRaises(AccessError):
            session.write({"location": "Elsewhere"})
        with self.assertRaises(AccessError):
            session.attendance_ids[0].action_mark_present()
        self.assertEqual(self.session_1.state, "draft")

    @users("st_trainer")
    def test_trainer_manages_own_sessions_only(self):
        Session = self.env["sales.training.session"]
        # trainers read every session of their company
        self.assertEqual(Session.search([]), self.our_sessions)
        own = self.session_1.with_env(self.env)
        own.write({"location": "Room 5"})
        own.action_send_invitations()
        own.attendance_ids[0].action_mark_present()
        self.assertEqual(own.attendance_ids[0].attendance_state, "present")
        other = self.session_2.with_env(self.env)
        with self.assertRaises(AccessError):
            other.write({"location": "Room 5"})
        with self.assertRaises(AccessError):
            other.action_send_invitations()
        with self.assertRaises(AccessError):
            other.attendance_ids[0].action_mark_absent()
        with self.assertRaises(AccessError):
            other.attendance_ids[0].write({"attendance_state": "absent"})
        self.assertEqual(self.session_2.attendance_ids.attendance_state, "invited")
        # a session they create is theirs
        mine = Session.create(
            {
                "course_id": self.course.id,
                "company_id": self.company.id,
                "date_start": datetime(2026, 6, 1, 1, 0),
                "date_end": datetime(2026, 6, 1, 2, 0),
            }
        )
        self.assertEqual(mine.trainer_id, self.env.user)
        with self.assertRaises(AccessError):
            Session.create(
                {
                    "course_id": self.course.id,
                    "company_id": self.company.id,
                    "trainer_id": self.trainer_2.id,
                    "date_start": datetime(2026, 6, 1, 1, 0),
                    "date_end": datetime(2026, 6, 1, 2, 0),
                }
            )
        # catalogue and plans are read-only for trainers
        with self.assertRaises(AccessError):
            self.course.with_env(self.env).write({"duration_hours": 4.0})
        with self.assertRaises(AccessError):
            self.env["sales.training.plan"].create({"name": "Mine", "year": 2026})

    @users("st_manager")
    def test_manager_manages_all(self):
        sessions = self.env["sales.training.session"].search([])
        self.assertEqual(sessions, self.our_sessions)
        self.session_2.with_env(self.env).write({"location": "Hall"})
        self.session_2.with_env(self.env).action_send_invitations()
        self.session_2.with_env(self.env).attendance_ids.action_mark_excused()
        self.assertEqual(self.session_2.attendance_ids.attendance_state, "excused")

    @users("st_other")
    def test_other_company_sees_nothing(self):
        Session = self.env["sales.training.session"]
        self.assertEqual(Session.search([]), self.other_session)
        with self.assertRaises(AccessError):
            self.session_1.with_env(self.env).read(["name"])
        self.assertFalse(
            self.env["sales.training.attendance"].search(
                [("session_id", "in", self.our_sessions.ids)]
            )
        )
        self.assertNotIn(self.course, self.env["sales.training.course"].search([]))
        with self.assertRaises(AccessError):
            self.session_1.with_env(self.env).action_send_invitations()

    @users("st_trainer")
    def test_results_and_status_follow_the_actions(self):
        """Results, invitations and status are written by the actions, never
        by hand, whatever a client sends."""
        own = self.session_1.with_env(self.env)
        attendance = own.attendance_ids[0]
        with self.assertRaisesMessage(UserError, "not edited by hand"):
            attendance.write({"passed": True, "exam_score": 100.0})
        with self.assertRaisesMessage(UserError, "not edited by hand"):
            attendance.write({"behaviour_rating": "5"})
        with self.assertRaisesMessage(UserError, "buttons"):
            own.write({"state": "done"})
        with self.assertRaisesMessage(UserError, "starts as a draft"):
            self.env["sales.training.session"].create(
                {
                    "course_id": self.course.id,
                    "company_id": self.company.id,
                    "state": "done",
                    "date_start": datetime(2026, 6, 1, 1, 0),
                    "date_end": datetime(2026, 6, 1, 2, 0),
                }
            )
        with self.assertRaisesMessage(UserError, "recorded by the training's actions"):
            self.env["sales.training.attendance"].create(
                {
                    "session_id": own.id,
                    "employee_id": self.employee_3.id,
                    "company_id": self.company.id,
                    "passed": True,
                }
            )
        self.assertFalse(self.session_1.attendance_ids.filtered("passed"))
        self.assertEqual(self.session_1.state, "draft")

    @users("st_emp1")
    def test_employee_opens_own_session_and_attendance_forms(self):
        """The forms an attendee opens read nothing they may not read."""
        session = self.session_1.with_env(self.env)
        session_form = Form(session)
        self.assertEqual(session_form.course_id, self.course)
        attendance = self.env["sales.training.attendance"].search([])
        attendance_form = Form(attendance)
        self.assertEqual(attendance_form.session_id, session)
        self.assertEqual(attendance_form.attendance_state, "invited")

    def test_attendee_opens_own_survey_only(self):
        self._hold(
            self.session_1, {self.employee_1: "present", self.employee_2: "present"}
        )
        self.session_1.action_send_exam()
        attendance_1 = self.session_1.attendance_ids.filtered(
            lambda a: a.employee_id == self.employee_1
        )
        action = attendance_1.with_user(self.user_1).action_take_exam()
        self.assertIn(attendance_1.exam_user_input_id.access_token, action["url"])
        self.assertTrue(attendance_1.with_user(self.user_1).is_mine)
        # a trainer does not get the attendee's personal link
        with self.assertRaises(AccessError):
            attendance_1.with_user(self.trainer).action_take_exam()
        with self.assertRaises(AccessError):
            attendance_1.with_user(self.user_2).action_take_exam()
        self._submit_exam(attendance_1)
        with self.assertRaisesMessage(UserError, "already answered"):
            attendance_1.with_user(self.user_1).action_take_exam()
