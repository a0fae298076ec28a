import io
import zipfile
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SalesTrainingSessionCommon


def xlsx_strings(content):
    """The text of every sheet of an XLSX file (written as inline strings)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
        )


@tagged("post_install", "-at_install")
class TestPlan(SalesTrainingSessionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["sales.training.plan"].create(
            {
                "name": "2026 Sales Training Plan",
                "year": 2026,
                "company_id": cls.company.id,
                "line_ids": [
                    Command.create(
                        {
                            "course_id": cls.course.id,
                            "planned_month": date(2026, 3, 15),
                            "budget": 5000.0,
                            "job_ids": [Command.set(cls.job_sales.ids)],
                            "trainer_id": cls.trainer.id,
                        }
                    ),
                    Command.create(
                        {
                            "course_id": cls.course_no_exam.id,
                            "planned_month": date(2026, 4, 1),
                            "budget": 10000.0,
                            "department_ids": [Command.set(cls.department_2.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "course_id": cls.course.id,
                            "planned_month": date(2026, 6, 1),
                            "budget": 2000.0,
                            "employee_ids": [Command.set(cls.employee_3.ids)],
                        }
                    ),
                ],
            }
        )
        cls.line_1, cls.line_2, cls.line_3 = cls.plan.line_ids

    def _approve(self):
        self.plan.with_user(self.training_manager).action_approve()

    def test_planned_month_is_first_of_month(self):
        self.assertEqual(self.line_1.planned_month, date(2026, 3, 1))

    def test_approval_locks_lines(self):
        with self.assertRaises(AccessError):
            self.plan.with_user(self.trainer).action_approve()
        self._approve()
        self.assertEqual(self.plan.state, "approved")
        self.assertEqual(self.plan.approved_by_id, self.training_manager)
        plan = self.plan.with_user(self.training_manager)
        with self.assertRaisesMessage(UserError, "back to draft"):
            plan.line_ids[0].budget = 1.0
        with self.assertRaisesMessage(UserError, "back to draft"):
            plan.line_ids[0].unlink()
        with self.assertRaisesMessage(UserError, "back to draft"):
            plan.write(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "course_id": self.course.id,
                                "planned_month": date(2026, 9, 1),
                            }
                        )
                    ]
                }
            )
        self.assertEqual(self.line_1.budget, 5000.0)
        self.assertEqual(len(self.plan.line_ids), 3)

    def test_back_to_draft_needs_reason_and_is_tracked(self):
        self._approve()
        plan = self.plan.with_user(self.training_manager).with_context(
            tracking_disable=False
        )
        action = plan.action_back_to_draft()
        with self.assertRaisesMessage(UserError, "reason"):
            plan._back_to_draft("   ")
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.training_manager)
            .with_context(**action["context"])
        )
        wizard.reason = "Add a product training before the trade fair"
        wizard.save().action_confirm()
        self.assertEqual(self.plan.state, "draft")
        self.assertIn(
            "Add a product training before the trade fair",
            self.plan.message_ids[0].body,
        )
        self.plan.line_ids[0].with_user(self.training_manager).budget = 6000.0
        self.assertEqual(self.line_1.budget, 6000.0)
        with self.assertRaisesMessage(UserError, "approved plan"):
            plan._back_to_draft("again")

    def test_close(self):
        with self.assertRaisesMessage(UserError, "approved plan"):
            self.plan.with_user(self.training_manager).action_close()
        self._approve()
        self.plan.with_user(self.training_manager).action_close()
        self.assertEqual(self.plan.state, "done")
        with self.assertRaisesMessage(UserError, "draft"):
            self.plan.with_user(self.training_manager).unlink()

    def _build_actuals(self):
        """Line 1: two held sessions (cost 1,200 + 800; Emp One present, Emp
        Two late, Emp Three absent, then Emp Three present) and a cancelled
        one (cost 500); line 2: an invited session not held yet (3,000)."""
        held_1 = self._create_session(
            [self.employee_1, self.employee_2, self.employee_3],
            plan_line_id=self.line_1.id,
            cost=1200.0,
        )
        self._hold(
            held_1,
            {
                self.employee_1: "present",
                self.employee_2: "late",
                self.employee_3: "absent",
            },
        )
        held_2 = self._create_session(
            [self.employee_3],
            plan_line_id=self.line_1.id,
            cost=800.0,
            date_start=datetime(2026, 3, 20, 1, 0),
            date_end=datetime(2026, 3, 20, 4, 0),
        )
        self._hold(held_2, {self.employee_3: "present"})
        cancelled = self._create_session(
            [self.employee_1], plan_line_id=self.line_1.id, cost=500.0
        )
        cancelled.action_cancel()
        planned = self._create_session(
            [self.employee_3],
            course_id=self.course_no_exam.id,
            plan_line_id=self.line_2.id,
            cost=3000.0,
        )
        planned.action_send_invitations()

    def test_plan_vs_actual(self):
        self._build_actuals()
        self.assertEqual(
            (
                self.line_1.session_held_count,
                self.line_1.trained_count,
                self.line_1.hours_actual,
                self.line_1.cost_actual,
                self.line_1.budget_variance,
                self.line_1.has_held_session,
            ),
            (2, 3, 9.0, 2000.0, 3000.0, True),
        )
        self.assertEqual(
            (
                self.line_2.session_held_count,
                self.line_2.trained_count,
                self.line_2.hours_actual,
                self.line_2.cost_actual,
                self.line_2.has_held_session,
            ),
            (0, 0, 0.0, 0.0, False),
        )
        self.assertEqual(
            (
                self.plan.budget_total,
                self.plan.cost_total,
                self.plan.session_held_total,
                self.plan.trained_total,
                self.plan.hours_total,
            ),
            (17000.0, 2000.0, 2, 3, 9.0),
        )
        self.assertAlmostEqual(self.plan.completion_rate, 100.0 / 3, places=2)

    def test_plan_vs_actual_query_count_constant(self):
        """The actuals of any number of lines cost the same queries."""
        self._build_actuals()
        Line = self.env["sales.training.plan.line"]
        big_plan = self.plan.copy({"name": "Big"})
        big_plan.write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "course_id": self.course.id,
                            "planned_month": date(2026, month, 1),
                        }
                    )
                    for month in range(1, 13)
                ]
            }
        )
        fnames = ["session_held_count", "trained_count", "hours_actual", "cost_actual"]
        self.env.invalidate_all()
        lines = Line.browse(self.plan.line_ids.ids)
        with self.assertQueryCount(7):
            lines.read(fnames)
        self.env.invalidate_all()
        lines = Line.browse(big_plan.line_ids.ids)
        self.assertEqual(len(lines), 15)
        with self.assertQueryCount(7):
            lines.read(fnames)

    def test_create_session_from_line(self):
        with self.assertRaisesMessage(UserError, "approved plan"):
            self.line_1.action_create_session()
        self._approve()
        action = self.line_1.with_user(self.trainer).action_create_session()
        form = Form(
            self.env["sales.training.session"]
            .with_user(self.trainer)
            .with_context(**action["context"])
        )
        self.assertEqual(form.course_id, self.course)
        self.assertEqual(form.trainer_id, self.trainer)
        self.assertEqual(form.plan_line_id, self.line_1)
        self.assertEqual(form.date_start.date(), date(2026, 3, 1))
        session = form.save()
        self.assertEqual(self.line_1.session_ids, session)

    def test_xlsx_plan_and_implementation(self):
        self._build_actuals()
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "training_plan", self.plan
        )
        self.assertEqual(filename, "training_plan.xlsx")
        strings = xlsx_strings(content)
        for text in (
            "2026 Sales Training Plan",
            "Hydraulic Press Product Knowledge",
            "Sales Representative",
            "2026-03",
            "Total",
        ):
            self.assertIn(text, strings)
        action = self.plan.action_export_xlsx()
        self.assertEqual(
            action["url"], f"/sales_qms/xlsx/training_plan?ids={self.plan.id}"
        )
