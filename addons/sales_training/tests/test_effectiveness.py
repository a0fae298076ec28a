from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import SalesTrainingSessionCommon


@tagged("post_install", "-at_install")
class TestEffectiveness(SalesTrainingSessionCommon):
    """Weights 20 / 40 / 40 (reaction, learning, behaviour).

    Emp One: reaction 4 of 5 = 80 %, exam 66.67 %, behaviour 4 of 5 = 80 %
    -> before the behaviour: (20 x 80 + 40 x 66.67) / 60 = 71.11;
    after: (1,600 + 2,666.8 + 3,200) / 100 = 74.67.
    Emp Two: reaction 5 = 100 %, exam 50 % -> (2,000 + 2,000) / 60 = 66.67.
    Session: (71.11 + 66.67) / 2 = 68.89, then (74.67 + 66.67) / 2 = 70.67.
    """

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
        cls._hold(
            cls.session,
            {
                cls.employee_1: "present",
                cls.employee_2: "late",
                cls.employee_3: "absent",
            },
        )
        cls.activity_type = cls.env.ref(
            "sales_training.mail_activity_type_behaviour_evaluation"
        )

    def _evaluations(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "sales.training.attendance"),
                ("res_id", "in", self.session.attendance_ids.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _evaluate(self, attendance, user, rating, comment):
        action = attendance.with_user(user).action_evaluate_behaviour()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        )
        wizard.rating = rating
        wizard.comment = comment
        wizard.save().action_confirm()

    def test_reaction_survey_sent_when_held(self):
        self.assertTrue(self.att_1.reaction_user_input_id)
        self.assertTrue(self.att_2.reaction_user_input_id)
        self.assertFalse(self.att_3.reaction_user_input_id)
        self.assertEqual(
            self.session.attendance_ids.reaction_user_input_id.survey_id,
            self.reaction_survey,
        )

    def test_effectiveness_score_hand_computed(self):
        self.session.action_send_exam()
        self._submit_reaction(self.att_1, "4")
        self.assertEqual(
            (self.att_1.reaction_done, self.att_1.reaction_score), (True, 80.0)
        )
        # reaction only: the score is the reaction
        self.assertEqual(self.att_1.effectiveness_score, 80.0)
        self._submit_exam(self.att_1, q1="Right", q2="Right", q3=())
        self._submit_reaction(self.att_2, "5")
        self._submit_exam(self.att_2, q1="Right", q2="Wrong", q3=("A",))
        self.assertEqual(self.att_1.effectiveness_score, 71.11)
        self.assertEqual(self.att_2.effectiveness_score, 66.67)
        self.assertFalse(self.att_3.effectiveness_evaluated)
        self.assertEqual(self.session.effectiveness_score, 68.89)
        self.assertEqual(self.session.evaluated_count, 2)

        with freeze_time("2026-04-10"):
            self.env["sales.training.attendance"]._cron_schedule_behaviour_evaluations()
        self._evaluate(
            self.att_1, self.boss_user, "4", "Uses the product arguments in every quote"
        )
        self.assertEqual(
            (self.att_1.behaviour_rating, self.att_1.behaviour_score), ("4", 80.0)
        )
        self.assertEqual(self.att_1.effectiveness_score, 74.67)
        self.assertEqual(self.session.effectiveness_score, 70.67)

    def test_behaviour_evaluation_scheduled_once(self):
        # session ends 2026-03-10, evaluated 30 days later: 2026-04-09
        self.assertEqual(str(self.att_1.behaviour_due_date), "2026-04-09")
        Attendance = self.env["sales.training.attendance"]
        with freeze_time("2026-04-08"):
            Attendance._cron_schedule_behaviour_evaluations()
        self.assertFalse(self._evaluations())
        with freeze_time("2026-04-09"):
            Attendance._cron_schedule_behaviour_evaluations()
            Attendance._cron_schedule_behaviour_evaluations()
        evaluations = self._evaluations()
        # the attendees present, once each, for their manager; not the absent
        self.assertEqual(len(evaluations), 2)
        self.assertEqual(
            set(evaluations.mapped("res_id")), set((self.att_1 | self.att_2).ids)
        )
        self.assertEqual(evaluations.user_id, self.boss_user)
        self.assertEqual(str(evaluations[0].date_deadline), "2026-04-09")

    def test_behaviour_due_date_in_company_timezone(self):
        # ends 2026-03-10 20:00 UTC = 2026-03-11 04:00 in Shanghai
        session = self._create_session(
            [self.employee_1],
            date_start=datetime(2026, 3, 10, 18, 0),
            date_end=datetime(2026, 3, 10, 20, 0),
        )
        self.assertEqual(str(session.attendance_ids.behaviour_due_date), "2026-04-10")

    def test_evaluator_without_manager_is_training_manager(self):
        self.employee_1.parent_id = False
        self.assertEqual(self.att_1._behaviour_evaluator(), self.training_manager)

    def test_evaluation_by_manager_closes_activity(self):
        with freeze_time("2026-04-09"):
            self.env["sales.training.attendance"]._cron_schedule_behaviour_evaluations()
        # a colleague may not evaluate
        with self.assertRaises(AccessError):
            self.att_1.with_user(self.user_2).action_evaluate_behaviour()
        with self.assertRaises(AccessError):
            self.att_1.with_user(self.user_2)._record_behaviour_evaluation("5", "me")
        self._evaluate(self.att_1, self.boss_user, "3", "Applies it partly")
        self.assertEqual(self.att_1.behaviour_comment, "Applies it partly")
        self.assertEqual(self._evaluations().res_id, self.att_2.id)
        # reaction and exam not done: the score is the behaviour alone
        self.assertEqual(self.att_1.effectiveness_score, 60.0)
        # the training manager evaluates anyone
        self._evaluate(self.att_2, self.training_manager, "5", "Excellent")
        self.assertFalse(self._evaluations())
        self.assertEqual(self.session.effectiveness_score, 80.0)

    def test_behaviour_cron_in_batches(self):
        """A batch at a time; what is left is taken by the next run."""
        Attendance = self.env["sales.training.attendance"]
        # the cron works on every due attendance: others (demo) are done
        Attendance.search([("id", "not in", self.session.attendance_ids.ids)]).write(
            {"behaviour_scheduled": True}
        )
        with freeze_time("2026-04-09"):
            first = Attendance._cron_schedule_behaviour_evaluations(batch_size=1)
            second = Attendance._cron_schedule_behaviour_evaluations(batch_size=1)
            third = Attendance._cron_schedule_behaviour_evaluations(batch_size=1)
        self.assertEqual(len(first), 1)
        self.assertEqual(len(second), 1)
        self.assertNotEqual(first, second)
        self.assertFalse(third)
        self.assertEqual(len(self._evaluations()), 2)
