import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_audit import SalesQmsAuditCommon


@tagged("post_install", "-at_install")
class TestAudit(SalesQmsAuditCommon):
    def test_number_and_planned_dates(self):
        self.assertRegex(self.audit.name, r"^IA/\d{4}/\d{3}$")
        count = self.env["sales.qms.audit"].search_count([])
        with self.assertRaisesRegex(
            ValidationError, "planned end of the audit .* is before its planned start"
        ):
            self._create_audit(planned_date_end="2026-03-15")
        self.assertEqual(self.env["sales.qms.audit"].search_count([]), count)
        with self.assertRaisesRegex(ValidationError, "planned end"):
            self.audit.planned_date_end = "2026-03-01"
        self.assertEqual(str(self.audit.planned_date_end), "2026-03-17")

    def test_auditor_never_audits_own_department(self):
        # the leader of the audited team
        with self.assertRaisesRegex(
            ValidationError,
            "Leader Zhang cannot audit .*belong to the audited department East Sales",
        ):
            self._create_audit(lead_auditor_id=self.leader.id)
        # a member of the audited team, as a member of the audit team
        with self.assertRaisesRegex(
            ValidationError, "Member Li cannot audit .*belong to .*East Sales"
        ):
            self._create_audit(
                auditee_ids=[Command.clear()],
                auditor_ids=[Command.set(self.member.ids)],
            )
        # an auditee
        with self.assertRaisesRegex(
            ValidationError, "Manager Zhou cannot audit .*one of its auditees"
        ):
            self.audit.auditee_ids = [Command.link(self.manager.id)]
        self.assertEqual(self.audit.auditor_ids, self.manager)
        self.assertEqual(self.audit.auditee_ids, self.member)

    def test_load_checklist_once(self):
        audit = self.audit.with_user(self.auditor)
        audit.action_load_checklist()
        self.assertEqual(
            audit.line_ids.mapped("question"),
            self.checklist.line_ids.mapped("question"),
        )
        self.assertEqual(audit.line_ids[0].clause_id, self.clause)
        self.assertEqual(audit.line_ids[0].process_id, self.process)
        audit.action_load_checklist()
        self.assertEqual(len(audit.line_ids), 3, "pressed twice: no duplicate")

    def test_report_needs_every_result(self):
        audit = self.audit.with_user(self.auditor)
        audit.action_load_checklist()
        audit.action_start()
        self.assertEqual(audit.state, "in_progress")
        self.assertEqual(audit.date_start, fields.Date.context_today(audit))
        audit.line_ids[0].result = "conformity"
        with self.assertRaisesRegex(
            UserError, r"no result yet:\n- Quotations within four hours\?"
        ):
            audit.action_report()
        self.assertEqual(audit.state, "in_progress")

    def test_full_chain_audit_to_closed_nonconformity(self):
        audit = self._audit_with_findings()
        audit.action_report()
        self.assertEqual(audit.state, "reported")
        self.assertEqual(audit.finding_count, 1)
        self.assertEqual(audit.observation_count, 1)
        # the nonconformity finding has no report yet
        with self.assertRaisesRegex(
            UserError,
            r"findings have no nonconformity report yet:\n"
            r"- Orders reviewed before confirmation\?",
        ):
            audit.action_close()
        # an observation raises nothing
        with self.assertRaisesRegex(UserError, "an observation does not"):
            audit.line_ids[2].action_raise_nonconformity()

        finding = audit.line_ids[0]
        result = finding.action_raise_nonconformity()
        nc = finding.nonconformity_id
        self.assertEqual(result["res_id"], nc.id)
        self.assertRegex(nc.name, r"^NC/\d{4}/\d{4}$")
        self.assertEqual(nc.origin, "audit")
        self.assertEqual(nc.audit_id, self.audit)
        self.assertEqual(nc.audit_line_id, finding)
        self.assertEqual(nc.severity, "minor")
        self.assertIn("Orders reviewed before confirmation?", nc.description)
        self.assertIn("Seen: Orders reviewed", nc.description)
        self.assertEqual(nc.responsible_id, self.leader)
        self.assertEqual(nc.team_id, self.team)
        self.assertEqual(nc.raised_by_id, self.auditor)
        self.assertEqual(nc.clause_id, self.clause)
        self.assertEqual(self.audit.nonconformity_count, 1)
        # pressed twice: the same report
        finding.action_raise_nonconformity()
        self.assertEqual(self.audit.nonconformity_ids, nc)

        # the report is signed off before the audit closes
        with self.assertRaisesRegex(UserError, "before its report is approved"):
            audit.action_close()
        audit.action_signoff_prepare()
        with self.assertRaisesRegex(UserError, "send it back to preparation"):
            finding.evidence = "Rewritten after the report was prepared"
        audit.with_user(self.manager).action_signoff_review()
        audit.with_user(self.manager_2).action_signoff_approve()
        self.assertEqual(
            (audit.signoff_prepared_by_id, audit.signoff_approved_by_id),
            (self.auditor, self.manager_2),
        )
        audit.action_close()
        self.assertEqual(audit.state, "closed")

        # the nonconformity: treated by its responsible
        nc = nc.with_user(self.leader)
        with self.assertRaisesRegex(UserError, "has no root cause"):
            nc.action_start()
        nc.write(
            {
                "cause_ids": [
                    Command.create(
                        {"category": "man", "why": "Salesperson confirmed early"}
                    ),
                    Command.create(
                        {
                            "category": "method",
                            "why": "Rules do not cover pumps",
                            "is_root": True,
                        }
                    ),
                ],
                "root_cause": "Review rules miss the pump category",
            }
        )
        nc.action_start()
        self.assertEqual(nc.state, "in_progress")
        action_1 = self._action(nc)
        action_2 = self._action(nc, action_type="preventive", description="Training")
        with self.assertRaisesRegex(UserError, "still has open actions"):
            nc.action_submit_verification()
        for action in (action_1, action_2):
            action.with_user(self.leader).done_note = "Done"
            action.with_user(self.leader).action_done()
        action_1.with_user(self.manager)._record_verification("effective", "OK")
        nc.action_submit_verification()
        self.assertEqual(nc.state, "verification")
        # the responsible never checks their own work
        with self.assertRaises(AccessError):
            nc.action_open_check()
        check = (
            self.env["sales.qms.nonconformity.check"]
            .with_user(self.manager)
            .create({"nonconformity_id": nc.id, "result": "effective", "note": "OK"})
        )
        check.action_confirm()
        self.assertEqual(nc.state, "closed")
        self.assertEqual(nc.checked_by_id, self.manager)
        self.assertEqual(nc.check_result, "effective")
        with self.assertRaisesRegex(UserError, "is closed or cancelled"):
            nc.with_user(self.manager).description = "Changed"

    def test_closed_audit_is_frozen(self):
        audit = self._audit_with_findings(("conformity", "conformity", "observation"))
        audit.action_report()
        self._approve_report(audit)
        audit.action_close()
        message = "is closed: it is a quality record"
        for user in (self.manager, self.env.ref("base.user_root")):
            closed = self.audit.with_user(user)
            with self.assertRaisesRegex(UserError, message):
                closed.title = "Rewritten"
            with self.assertRaisesRegex(UserError, message):
                closed.line_ids[0].result = "major_nc"
            with self.assertRaisesRegex(UserError, message):
                closed.line_ids[0].unlink()
            with self.assertRaisesRegex(UserError, message):
                self.env["sales.qms.audit.line"].with_user(user).create(
                    {"audit_id": self.audit.id, "question": "Added later"}
                )
            with self.assertRaisesRegex(UserError, message):
                closed.action_load_checklist()
        self.assertEqual(self.audit.title, "Audit of East Sales")
        self.assertEqual(len(self.audit.line_ids), 3)
        self.assertEqual(self.audit.line_ids[0].result, "conformity")

    def test_state_is_not_written_by_hand(self):
        with self.assertRaisesRegex(AccessError, "changes by its steps"):
            self.audit.with_user(self.manager).write({"state": "closed"})
        with self.assertRaisesRegex(AccessError, "created as planned"):
            self._create_audit(state="closed")
        audit = self._audit_with_findings()
        with self.assertRaisesRegex(AccessError, "linked to its nonconformity"):
            audit.line_ids[0].write({"nonconformity_id": self._nonconformity().id})
        self.assertEqual(self.audit.state, "in_progress")
        self.assertFalse(audit.line_ids[0].nonconformity_id)

    def test_reminders_run_twice_act_once(self):
        today = fields.Date.context_today(self.audit)
        soon = self._create_audit(
            planned_date_start=today + timedelta(days=3),
            planned_date_end=today + timedelta(days=4),
            auditor_ids=[Command.set((self.manager | self.auditor_2).ids)],
        )
        later = self._create_audit(
            planned_date_start=today + timedelta(days=30),
            planned_date_end=today + timedelta(days=31),
        )
        activity_type = self.env.ref("sales_qms.mail_activity_type_audit_reminder")
        Audit = self.env["sales.qms.audit"]
        Audit._cron_remind_auditors()
        Audit._cron_remind_auditors()
        activities = soon.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(
            activities.user_id, self.auditor | self.manager | self.auditor_2
        )
        self.assertEqual(len(activities), 3, "one reminder per auditor, once")
        self.assertEqual(
            activities.mapped("date_deadline"), [soon.planned_date_start] * 3
        )
        self.assertTrue(soon.reminder_sent_on)
        self.assertFalse(later.activity_ids)
        self.assertFalse(later.reminder_sent_on)

    def test_reports_pdf_and_xlsx(self):
        audit = self._audit_with_findings()
        audit.action_report()
        audit.line_ids[0].action_raise_nonconformity()
        self._approve_report(audit)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.auditor)
            ._render_qweb_html("sales_qms.report_sales_qms_audit", self.audit.ids)[0]
            .decode()
        )
        self.assertIn(self.audit.name, html)
        self.assertIn("Orders reviewed before confirmation?", html)
        self.assertIn(self.audit.line_ids[0].nonconformity_id.name, html)
        self.assertIn("Auditor He", html)
        # the sign-off block at the foot: who prepared, reviewed, approved
        signoff = html[html.index("o_sales_qms_signoff") :]
        for text in ("Prepared by (编制)", "Auditor He", "Manager Zhou", "Manager Sun"):
            self.assertIn(text, signoff)
        filename, content = (
            self.env["sales.qms.xlsx"]
            .with_user(self.auditor)
            ._render_report("audit_report", self.audit)
        )
        self.assertRegex(filename, r"^IA-\d{4}-\d{3}\.xlsx$")
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertIn(self.audit.name, sheet["A1"].value)
        self.assertIn("Auditor He", sheet["A2"].value)
        self.assertEqual(sheet.freeze_panes, "A4")
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        # three checklist lines, a blank line, the sign-off and the revision
        self.assertEqual(len(rows), 3 + 1 + 4)
        self.assertEqual(rows[4][:2], ("Prepared by (编制)", "Auditor He"))
        self.assertEqual(rows[5][:2], ("Reviewed by (审核)", "Manager Zhou"))
        self.assertEqual(rows[6][:2], ("Approved by (批准)", "Manager Sun"))
        nc_name = self.audit.line_ids[0].nonconformity_id.name
        self.assertEqual(
            rows[0],
            (
                1,
                "Contract Review",
                self.clause.display_name,
                "Orders reviewed before confirmation?",
                "Minor Nonconformity",
                "Seen: Orders reviewed before confirmation?",
                nc_name,
            ),
        )
        self.assertEqual(rows[2][4], "Observation")
        self.assertFalse(rows[2][6])

    def test_programme_year_and_steps(self):
        Programme = self.env["sales.qms.audit.programme"]
        count = Programme.search_count([])
        with self.assertRaisesRegex(ValidationError, "2026000 .* not a plausible year"):
            Programme.create(
                {"name": "Typo", "year": 2026000, "company_id": self.company.id}
            )
        self.assertEqual(Programme.search_count([]), count)
        programme = Programme.create(
            {"name": "2026 programme", "year": 2026, "company_id": self.company.id}
        )
        self.audit.programme_id = programme
        self.assertEqual(programme.audit_count, 1)
        with self.assertRaises(AccessError):
            programme.with_user(self.auditor).action_confirm()
        with self.assertRaisesRegex(UserError, "changes by its buttons"):
            programme.with_user(self.manager).write({"state": "done"})
        # confirmed by its approval: 编制, 审核, then 批准
        with self.assertRaisesRegex(UserError, "must be reviewed"):
            programme.with_user(self.manager).action_confirm()
        programme.with_user(self.manager_3).action_signoff_prepare()
        programme.with_user(self.manager_2).action_signoff_review()
        programme.with_user(self.manager).action_confirm()
        self.assertEqual(programme.state, "confirmed")
        # an approved programme changes only through a new version
        with self.assertRaisesRegex(UserError, "needs a new version"):
            self._create_audit(programme_id=programme.id)
        with self.assertRaisesRegex(UserError, "needs a new version"):
            programme.with_user(self.manager).name = "Renamed"
        programme.with_user(self.manager).action_draft()
        self.assertEqual(
            (programme.state, programme.signoff_state, programme.signoff_version),
            ("draft", "draft", 2),
        )
        programme.with_user(self.manager).name = "2026 programme, revision 2"
        with self.assertRaisesRegex(UserError, "with audits cannot be deleted"):
            programme.unlink()
