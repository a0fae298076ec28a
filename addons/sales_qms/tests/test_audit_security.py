from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged, users

from .common_audit import SalesQmsAuditCommon


@tagged("post_install", "-at_install")
class TestAuditSecurity(SalesQmsAuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an audit the first auditor neither leads nor audits
        cls.other_audit = cls._create_audit(
            title="Audit of South Sales",
            lead_auditor_id=cls.auditor_2.id,
            auditor_ids=[Command.clear()],
            checklist_id=cls.checklist.id,
        )
        cls.other_audit.with_user(cls.auditor_2).action_load_checklist()
        cls.other_audit.with_user(cls.auditor_2).action_start()
        cls.other_audit.line_ids[0].with_user(cls.auditor_2).result = "major_nc"
        cls.nc = cls.env["sales.qms.nonconformity"].create(
            {
                "company_id": cls.company.id,
                "description": "Price list outdated",
                "responsible_id": cls.leader.id,
                "root_cause": "No owner of the price list",
            }
        )
        cls.action = cls.env["sales.qms.action"].create(
            {
                "company_id": cls.company.id,
                "nonconformity_id": cls.nc.id,
                "description": "Name an owner",
                "responsible_id": cls.leader.id,
                "deadline": "2099-01-01",
            }
        )
        cls.programme = cls.env["sales.qms.audit.programme"].create(
            {"name": "2026 programme", "year": 2026, "company_id": cls.company.id}
        )
        # the same kind of records in another company
        cls.foreign_nc = cls.env["sales.qms.nonconformity"].create(
            {"company_id": cls.other_company.id, "description": "Elsewhere"}
        )

    @users("audit_auditor")
    def test_auditor_reads_everything(self):
        env = self.env
        for model in (
            "sales.qms.audit.programme",
            "sales.qms.audit",
            "sales.qms.audit.line",
            "sales.qms.audit.checklist",
            "sales.qms.audit.checklist.line",
            "sales.qms.nonconformity",
            "sales.qms.nonconformity.cause",
            "sales.qms.action",
            "sales.qms.process",
            "sales.qms.iso.clause",
        ):
            records = env[model].search([])
            records.read([])
            env[model].read_group([], [], [])
        audits = env["sales.qms.audit"].search([])
        self.assertEqual(audits, self.audit | self.other_audit)
        self.assertEqual(
            env["sales.qms.nonconformity"].search([]), self.nc, "own company only"
        )
        groups = env["sales.qms.audit"].read_group([], ["state"], ["state"])
        self.assertEqual(sum(group["state_count"] for group in groups), 2)
        self.assertEqual(env["sales.qms.action"].search([]), self.action)

    @users("audit_auditor")
    def test_auditor_manages_only_own_audits(self):
        mine = self.audit.with_env(self.env)
        mine.action_load_checklist()
        mine.action_start()
        mine.objective = "Check the contract review"
        mine.line_ids[0].write({"result": "minor_nc", "evidence": "Signed late"})
        # a finding of an audit they lead raises a nonconformity
        mine.line_ids[0].action_raise_nonconformity()
        self.assertEqual(mine.line_ids[0].nonconformity_id.origin, "audit")

        other = self.other_audit.with_env(self.env)
        with self.assertRaises(AccessError):
            other.objective = "Not mine"
        with self.assertRaises(AccessError):
            other.line_ids[1].result = "conformity"
        with self.assertRaises(AccessError):
            self.env["sales.qms.audit.line"].create(
                {"audit_id": other.id, "question": "Smuggled question"}
            )
        with self.assertRaises(AccessError):
            other.line_ids[0].action_raise_nonconformity()
        with self.assertRaises(AccessError):
            other.action_report()
        with self.assertRaises(AccessError):
            self.env["sales.qms.audit"].create(
                {
                    "title": "Self-planned",
                    "company_id": self.company.id,
                    "planned_date_start": "2026-05-01",
                    "planned_date_end": "2026-05-01",
                    "lead_auditor_id": self.env.uid,
                }
            )
        # nothing else: nonconformities, actions, programmes, configuration
        with self.assertRaises(AccessError):
            self.nc.with_env(self.env).description = "Changed"
        with self.assertRaises(AccessError):
            self.env["sales.qms.nonconformity"].create(
                {"company_id": self.company.id, "description": "By hand"}
            )
        with self.assertRaises(AccessError):
            self.env["sales.qms.action"].create(
                {
                    "company_id": self.company.id,
                    "description": "By hand",
                    "responsible_id": self.env.uid,
                    "deadline": "2099-01-01",
                }
            )
        with self.assertRaises(AccessError):
            self.programme.with_env(self.env).name = "Changed"
        with self.assertRaises(AccessError):
            self.process.with_env(self.env).name = "Changed"
        self.assertFalse(self.other_audit.line_ids[0].nonconformity_id)
        self.assertFalse(self.other_audit.objective)

    @users("audit_leader")
    def test_qms_user_edits_what_they_are_responsible_for(self):
        nc = self.nc.with_env(self.env)
        nc.containment = "Old price list withdrawn"
        nc.action_start()
        action = self.action.with_env(self.env)
        action.done_note = "Owner named"
        action.action_done()
        self.assertEqual(action.state, "done")
        with self.assertRaises(AccessError):
            self.audit.with_env(self.env).title = "Changed"

    @users("audit_member")
    def test_qms_user_reads_others_but_does_not_edit(self):
        nc = self.nc.with_env(self.env)
        self.assertEqual(nc.description, "Price list outdated")
        self.env["sales.qms.nonconformity"].read_group([], ["state"], ["state"])
        with self.assertRaises(AccessError):
            nc.containment = "Not mine"
        with self.assertRaises(AccessError):
            self.action.with_env(self.env).done_note = "Not mine"
        with self.assertRaises(AccessError):
            self.action.with_env(self.env).action_done()
        with self.assertRaises(AccessError):
            self.foreign_nc.with_env(self.env).read(["description"])
        self.assertEqual(self.action.state, "open")

    @users("audit_salesman")
    def test_salesman_without_quality_group(self):
        with self.assertRaises(AccessError):
            self.env["sales.qms.nonconformity"].search([])
        with self.assertRaises(AccessError):
            self.env["sales.qms.audit"].search([])

    def test_multi_company_isolation(self):
        foreign_audit = self._create_audit(
            company_id=self.other_company.id,
            auditee_team_ids=[Command.clear()],
            auditee_ids=[Command.clear()],
            auditor_ids=[Command.clear()],
            lead_auditor_id=new_test_user(
                self.env,
                "audit_foreign_auditor",
                groups="sales_qms.group_sales_qms_auditor",
                company_id=self.other_company.id,
                company_ids=[Command.set(self.other_company.ids)],
            ).id,
            checklist_id=False,
        )
        Audit = self.env["sales.qms.audit"].with_user(self.manager)
        self.assertNotIn(foreign_audit, Audit.search([]))
        with self.assertRaises(AccessError):
            foreign_audit.with_user(self.manager).read(["title"])
        with self.assertRaises(AccessError):
            self.foreign_nc.with_user(self.manager).read(["description"])
