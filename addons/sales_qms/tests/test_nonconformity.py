from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_audit import SalesQmsAuditCommon


@tagged("post_install", "-at_install")
class TestNonconformity(SalesQmsAuditCommon):
    def _started(self, **vals):
        nc = self._nonconformity(root_cause="Rules miss the category", **vals)
        nc.with_user(self.leader).action_start()
        return nc

    def test_deadline_not_before_creation(self):
        Nonconformity = self.env["sales.qms.nonconformity"]
        count = Nonconformity.search_count([])
        yesterday = fields.Date.context_today(Nonconformity) - timedelta(days=1)
        with self.assertRaisesRegex(
            ValidationError, r"deadline .* is before the day it was created"
        ):
            self._nonconformity(deadline=yesterday)
        self.assertEqual(Nonconformity.search_count([]), count, "nothing written")
        nc = self._nonconformity(deadline="2099-12-31")
        with self.assertRaisesRegex(ValidationError, "before the day it was created"):
            nc.deadline = yesterday
        self.assertEqual(str(nc.deadline), "2099-12-31")
        Action = self.env["sales.qms.action"]
        count = Action.search_count([])
        with self.assertRaisesRegex(
            ValidationError, r"deadline .* of the action .* is before the day"
        ):
            self._action(nc, deadline=yesterday)
        self.assertEqual(Action.search_count([]), count)

    def test_start_needs_responsible_and_root_cause(self):
        nc = self._nonconformity(responsible_id=False)
        with self.assertRaisesRegex(UserError, "has no responsible"):
            nc.action_start()
        nc.responsible_id = self.leader
        with self.assertRaisesRegex(UserError, "has no root cause"):
            nc.with_user(self.leader).action_start()
        self.assertEqual(nc.state, "draft")
        # a colleague who is not responsible cannot start it
        nc.root_cause = "Rules miss the category"
        with self.assertRaises(AccessError):
            nc.with_user(self.member).action_start()
        nc.with_user(self.leader).action_start()
        self.assertEqual(nc.state, "in_progress")

    def test_state_and_check_never_written_by_hand(self):
        nc = self._started()
        for vals in (
            {"state": "closed"},
            {"check_result": "effective"},
            {"checked_by_id": self.manager.id},
        ):
            with self.assertRaisesRegex(AccessError, "never written by hand"):
                nc.with_user(self.manager).write(vals)
        with self.assertRaisesRegex(AccessError, "created as a draft"):
            self._nonconformity(state="closed")
        action = self._action(nc)
        with self.assertRaisesRegex(AccessError, "never by hand"):
            action.with_user(self.leader).write({"state": "done"})
        with self.assertRaisesRegex(AccessError, "created open"):
            self._action(nc, state="verified")
        self.assertEqual(nc.state, "in_progress")
        self.assertFalse(nc.check_result)
        self.assertEqual(action.state, "open")

    def test_close_needs_effective_check_by_someone_else(self):
        # the quality representative is the responsible: someone else checks
        nc = self._nonconformity(
            responsible_id=self.manager.id, root_cause="Rules miss the category"
        )
        nc.with_user(self.manager).action_start()
        with self.assertRaisesRegex(UserError, "has no corrective action"):
            nc.with_user(self.manager).action_submit_verification()
        action = self._action(nc, responsible_id=self.leader.id, done_note="Done")
        action.with_user(self.leader).action_done()
        nc.with_user(self.manager).action_submit_verification()
        with self.assertRaisesRegex(UserError, "before its actions are checked"):
            nc.with_user(self.manager_2).action_close()
        with self.assertRaisesRegex(UserError, "must be checked by someone else"):
            nc.with_user(self.manager)._record_check("effective", "Mine")
        # a QMS user who is not the quality representative never checks
        with self.assertRaises(AccessError):
            nc.with_user(self.leader)._record_check("effective", "OK")
        self.assertEqual(nc.state, "verification")
        self.assertFalse(nc.checked_by_id)
        nc.with_user(self.manager_2)._record_check("effective", "Sampled")
        self.assertEqual(nc.state, "closed")
        self.assertEqual(nc.checked_by_id, self.manager_2)

    def test_no_close_while_an_action_is_open(self):
        nc = self._started()
        done = self._action(nc, done_note="Done")
        done.with_user(self.leader).action_done()
        nc.with_user(self.leader).action_submit_verification()
        late = self._action(nc, description="Second thought")
        with self.assertRaisesRegex(
            UserError, r"still has open actions:\n- CAPA/\d{4}/\d{4} Second thought"
        ):
            nc.with_user(self.manager)._record_check("effective", "OK")
        self.assertEqual(nc.state, "verification")
        self.assertFalse(nc.check_result, "the refused check wrote nothing")
        self.assertEqual(late.state, "open")

    def test_ineffective_check_reopens(self):
        nc = self._started()
        action = self._action(nc, done_note="Done")
        action.with_user(self.leader).action_done()
        nc.with_user(self.leader).action_submit_verification()
        nc.with_user(self.manager)._record_check("ineffective", "Repeat finding")
        self.assertEqual(nc.state, "in_progress")
        self.assertEqual(nc.check_result, "ineffective")
        self.assertIn("Repeat finding", nc.message_ids[0].body)

    def test_ineffective_action_reopens_nonconformity(self):
        nc = self._started()
        action = self._action(nc, done_note="Rules updated")
        action.with_user(self.leader).action_done()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.done_date, fields.Date.context_today(action))
        nc.with_user(self.leader).action_submit_verification()
        # only the quality representative verifies
        with self.assertRaisesRegex(AccessError, "Only the quality representative"):
            action.with_user(self.leader)._record_verification("effective", "Mine")
        self.assertEqual(action.state, "done")
        action.with_user(self.manager)._record_verification(
            "ineffective", "Still confirmed early"
        )
        self.assertEqual(action.state, "verified")
        self.assertEqual(action.verification_result, "ineffective")
        self.assertEqual(action.verified_by_id, self.manager)
        self.assertEqual(nc.state, "in_progress")
        self.assertIn(action.name, nc.message_ids[0].body)
        self.assertIn("not effective", nc.message_ids[0].body)

    def test_action_done_by_its_responsible_only(self):
        nc = self._started()
        action = self._action(nc)
        with self.assertRaisesRegex(UserError, "Describe what was done"):
            action.with_user(self.leader).action_done()
        action.with_user(self.leader).done_note = "Rules updated"
        with self.assertRaises(AccessError):
            action.with_user(self.member).action_done()
        with self.assertRaises(AccessError):
            action.with_user(self.member).done_note = "Not mine"
        action.with_user(self.leader).action_done()
        self.assertEqual(action.state, "done")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            action.with_user(self.leader).description = "Rewritten"

    def test_action_without_nonconformity(self):
        # a management review decision: an improvement action on its own,
        # here in the hands of a quality representative
        action = self._action(
            action_type="improvement", done_note="Done", responsible_id=self.manager.id
        )
        action.with_user(self.manager).action_done()
        # the responsible never verifies their own action
        with self.assertRaisesRegex(UserError, "must be verified by someone else"):
            action.with_user(self.manager)._record_verification("effective", "Mine")
        self.assertEqual(action.state, "done")
        self.assertFalse(action.verified_by_id)
        action.with_user(self.manager_2)._record_verification(
            "ineffective", "No effect"
        )
        self.assertEqual(action.verification_result, "ineffective")
        self.assertEqual(action.verified_by_id, self.manager_2)

    def test_action_reminders_run_twice_act_once(self):
        today = fields.Date.context_today(self.env["sales.qms.action"])
        due = self._action(deadline=today + timedelta(days=2))
        later = self._action(deadline=today + timedelta(days=20))
        Action = self.env["sales.qms.action"]
        Action._cron_remind_responsibles()
        Action._cron_remind_responsibles()
        due_type = self.env.ref("sales_qms.mail_activity_type_action_due")
        overdue_type = self.env.ref("sales_qms.mail_activity_type_action_overdue")
        self.assertEqual(due.activity_ids.activity_type_id, due_type)
        self.assertEqual(len(due.activity_ids), 1)
        self.assertEqual(due.activity_ids.user_id, self.leader)
        self.assertFalse(later.activity_ids)
        with freeze_time(today + timedelta(days=3)):
            Action._cron_remind_responsibles()
            Action._cron_remind_responsibles()
        overdue = due.activity_ids.filtered(
            lambda a: a.activity_type_id == overdue_type
        )
        self.assertEqual(len(overdue), 1, "one overdue reminder, once")
        self.assertEqual(len(due.activity_ids), 2)
        # done: the reminders go
        due.with_user(self.leader).done_note = "Done"
        due.with_user(self.leader).action_done()
        self.assertFalse(due.activity_ids)

    def test_raise_from_objective_month_and_order(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "C"}).id,
                "company_id": self.company.id,
            }
        )
        action = order.with_user(self.leader).action_qms_raise_nonconformity()
        self.assertEqual(action["context"]["default_res_ref"], f"sale.order,{order.id}")
        nc = (
            self.env["sales.qms.nonconformity"]
            .with_user(self.leader)
            .with_context(**action["context"])
            .create({"description": "Wrong price quoted"})
        )
        self.assertEqual(nc.res_ref, order)
        self.assertEqual(nc.origin, "manual")
        self.assertEqual(order.with_user(self.leader).qms_nonconformity_count, 1)
        # a salesperson without the QMS user group raises none
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_qms_raise_nonconformity()
        with self.assertRaisesRegex(ValidationError, "names the month"):
            self._nonconformity(origin="objective")


@tagged("post_install", "-at_install")
class TestNonconformitySources(SalesQmsAuditCommon):
    """The engine's sources against hand-computed counts.

    ===== ====================== ===================== ==================
    month raised (origin/sev.)   still open            CAPA done on time
    ===== ====================== ===================== ==================
    01    2 (audit minor, manual major)   1 (manual)   1/2 (a1 on time, a2 late)
    02    1 (manual minor)       1                     1/1
    03    1 cancelled: none      0                     no data
    ===== ====================== ===================== ==================
    """

    def _done(self, action, deadline, done_date):
        # recorded done in the past: only SQL backdates the record
        self.env.cr.execute(
            """UPDATE sales_qms_action
                  SET deadline = %s, done_date = %s, state = 'done'
                WHERE id = %s""",
            (deadline, done_date, action.id),
        )
        action.invalidate_recordset()

    def test_sources(self):
        Nc = self.env["sales.qms.nonconformity"]
        jan_audit = Nc.create(
            {
                "company_id": self.company.id,
                "description": "From audit",
                "date": "2026-01-05",
                "origin": "audit",
                "team_id": self.team.id,
                "responsible_id": self.leader.id,
                "root_cause": "x",
            }
        )
        jan_manual = self._nonconformity(date="2026-01-20", severity="major")
        feb = self._nonconformity(date="2026-02-10")
        mar = self._nonconformity(date="2026-03-03")
        mar.action_cancel()
        # closed: raised, no longer open
        jan_audit.action_start()
        self._action(jan_audit, done_note="x").action_done()
        jan_audit.action_submit_verification()
        jan_audit.with_user(self.manager)._record_check("effective", "OK")
        self.assertEqual(jan_audit.state, "closed")
        # other company: never counted
        self.env["sales.qms.nonconformity"].create(
            {
                "company_id": self.other_company.id,
                "description": "Elsewhere",
                "date": "2026-01-05",
            }
        )
        a1 = self._action(deadline="2099-01-31")
        a2 = self._action(deadline="2099-01-31")
        a3 = self._action(deadline="2099-02-28")
        a4 = self._action(deadline="2099-01-31")  # open: not counted
        self._done(a1, "2026-01-20", "2026-01-15")
        self._done(a2, "2026-01-10", "2026-01-25")
        self._done(a3, "2026-02-28", "2026-02-28")
        self.assertEqual(a4.state, "open")

        months = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
        indicators = {
            code: self.env.ref(f"sales_qms.indicator_{code}")
            for code in ("nc_raised", "nc_open", "capa_on_time_rate")
        }
        values = (
            indicators["nc_raised"]
            | indicators["nc_open"]
            | indicators["capa_on_time_rate"]
        )._compute_values(
            date(2026, 1, 1),
            date(2026, 3, 31),
            "company",
            self.company.ids,
            company_ids=self.company.ids,
        )

        def series(code):
            return [
                values[(indicators[code].id, month, self.company.id)][0]
                for month in months
            ]

        self.assertEqual(series("nc_raised"), [2, 1, 0])
        self.assertEqual(series("nc_open"), [1, 1, 0])
        self.assertEqual(series("capa_on_time_rate"), [50.0, 100.0, None])
        # per department: only the January audit nonconformity has one
        team_values = indicators["nc_raised"]._compute_values(
            date(2026, 1, 1),
            date(2026, 1, 31),
            "team",
            self.team.ids,
            company_ids=self.company.ids,
        )
        self.assertEqual(
            team_values[(indicators["nc_raised"].id, months[0], self.team.id)][0], 1
        )
        # drill-down: exactly the records behind the value, grouped
        action = indicators["nc_raised"]._action_drilldown(
            date(2026, 1, 1),
            date(2026, 1, 31),
            "company",
            self.company.id,
            company_ids=self.company.ids,
        )
        self.assertEqual(Nc.search(action["domain"]), jan_audit | jan_manual)
        self.assertEqual(action["context"]["group_by"], ["origin", "severity"])
        action = indicators["capa_on_time_rate"]._action_drilldown(
            date(2026, 1, 1),
            date(2026, 1, 31),
            "company",
            self.company.id,
            company_ids=self.company.ids,
        )
        self.assertEqual(self.env["sales.qms.action"].search(action["domain"]), a1 | a2)
        self.assertIn(feb, Nc.search([("date", ">=", "2026-02-01")]))


@tagged("post_install", "-at_install")
class TestNonconformityFromObjective(SalesQmsAuditCommon):
    def test_raise_from_month_not_met(self):
        year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2026",
                "company_id": self.company.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        objective = self.env["sales.qms.objective"].create(
            {
                "name": "No nonconformity",
                "company_id": self.company.id,
                "indicator_id": self.env.ref("sales_qms.indicator_nc_raised").id,
                "fiscal_year_id": year.id,
                "comparison": "eq",
                "target": 0,
                "owner_id": self.leader.id,
            }
        )
        self._nonconformity(date="2026-01-05")
        objective._compute_measurements()
        january = objective.measurement_ids.filtered(
            lambda m: m.period_type == "month" and m.date_from == date(2026, 1, 1)
        )
        self.assertEqual(january.status, "not_met")
        self.assertEqual(january.value, 1)
        action = january.with_user(self.leader).action_raise_nonconformity()
        nc = (
            self.env["sales.qms.nonconformity"]
            .with_user(self.leader)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(nc.origin, "objective")
        self.assertEqual(nc.measurement_id, january)
        self.assertEqual(nc.responsible_id, self.leader)
        self.assertIn("No nonconformity", nc.description)
        self.assertIn("2026-01", nc.description)
