from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAuditUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.auditor = new_test_user(
            cls.env,
            "audit_tour_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        leader = new_test_user(
            cls.env,
            "audit_tour_leader",
            groups="sales_qms.group_sales_qms_user,sales_team.group_sale_salesman",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Tour audited department",
                "user_id": leader.id,
                "member_ids": [Command.set(leader.ids)],
            }
        )
        checklist = cls.env["sales.qms.audit.checklist"].create(
            {
                "name": "Tour checklist",
                "line_ids": [
                    Command.create(
                        {"question": "Orders reviewed before confirmation?"}
                    ),
                    Command.create({"question": "Quotations within four hours?"}),
                ],
            }
        )
        cls.audit = cls.env["sales.qms.audit"].create(
            {
                "title": "Tour audit",
                "planned_date_start": "2026-03-16",
                "planned_date_end": "2026-03-17",
                "lead_auditor_id": cls.auditor.id,
                "auditee_team_ids": [Command.set(cls.team.ids)],
                "checklist_id": checklist.id,
            }
        )
        cls.audit.action_load_checklist()
        cls.audit.action_start()

    def test_tour_auditor_raises_a_nonconformity(self):
        self.start_tour(
            f"/odoo/internal-audits/{self.audit.id}",
            "sales_qms_audit_tour",
            login="audit_tour_auditor",
        )
        finding = self.audit.line_ids[0]
        self.assertEqual(finding.result, "minor_nc")
        self.assertIn("two days before", finding.evidence)
        nc = finding.nonconformity_id
        self.assertTrue(nc)
        self.assertEqual(nc.origin, "audit")
        self.assertEqual(nc.severity, "minor")
        self.assertEqual(nc.raised_by_id, self.auditor)
        self.assertEqual(nc.team_id, self.team)
        self.assertEqual(nc.responsible_id, self.team.user_id)
