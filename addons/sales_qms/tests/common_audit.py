from contextlib import contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class SalesQmsAuditCommon(TransactionCase):
    """A company of its own with the East sales department (leader and a
    member), quality representatives, two auditors, and a planned audit of
    the East department led by the first auditor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "Audit Test Co"})
        cls.other_company = cls.env["res.company"].create({"name": "Audit Other Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.manager = new_test_user(
            cls.env,
            "audit_qms_manager",
            name="Manager Zhou",
            groups="sales_qms.group_sales_qms_manager",
            **companies,
        )
        cls.manager_2 = new_test_user(
            cls.env,
            "audit_qms_manager2",
            name="Manager Sun",
            groups="sales_qms.group_sales_qms_manager",
            **companies,
        )
        cls.manager_3 = new_test_user(
            cls.env,
            "audit_qms_manager3",
            name="Manager Qian",
            groups="sales_qms.group_sales_qms_manager",
            **companies,
        )
        cls.auditor = new_test_user(
            cls.env,
            "audit_auditor",
            name="Auditor He",
            groups="sales_qms.group_sales_qms_auditor",
            **companies,
        )
        cls.auditor_2 = new_test_user(
            cls.env,
            "audit_auditor2",
            name="Auditor Wu",
            groups="sales_qms.group_sales_qms_auditor",
            **companies,
        )
        cls.leader = new_test_user(
            cls.env,
            "audit_leader",
            name="Leader Zhang",
            groups="sales_qms.group_sales_qms_user,sales_team.group_sale_salesman",
            **companies,
        )
        cls.member = new_test_user(
            cls.env,
            "audit_member",
            name="Member Li",
            groups="sales_qms.group_sales_qms_user,sales_team.group_sale_salesman",
            **companies,
        )
        cls.salesman = new_test_user(
            cls.env,
            "audit_salesman",
            name="Salesman Wang",
            groups="sales_team.group_sale_salesman",
            **companies,
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "East Sales",
                "company_id": cls.company.id,
                "user_id": cls.leader.id,
                "member_ids": [Command.set((cls.leader | cls.member).ids)],
            }
        )
        cls.process = cls.env["sales.qms.process"].create(
            {"name": "Contract Review", "code": "T-01", "company_id": cls.company.id}
        )
        cls.clause = cls.env.ref("sales_qms.iso_clause_8_2_3")
        cls.checklist = cls.env["sales.qms.audit.checklist"].create(
            {
                "name": "Sales checklist",
                "company_id": cls.company.id,
                "line_ids": [
                    Command.create(
                        {
                            "sequence": 10,
                            "question": "Orders reviewed before confirmation?",
                            "clause_id": cls.clause.id,
                            "process_id": cls.process.id,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 20,
                            "question": "Quotations within four hours?",
                            "process_id": cls.process.id,
                        }
                    ),
                    Command.create(
                        {"sequence": 30, "question": "Deliveries followed up?"}
                    ),
                ],
            }
        )
        cls.audit = cls._create_audit()

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Odoo's ``assertRaises`` (rolling back what the refused call wrote,
        as the request of a user would) with a check of the message."""
        with self.assertRaises(expected_exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), expected_regex)

    @classmethod
    def _create_audit(cls, **vals):
        values = {
            "title": "Audit of East Sales",
            "company_id": cls.company.id,
            "planned_date_start": "2026-03-16",
            "planned_date_end": "2026-03-17",
            "lead_auditor_id": cls.auditor.id,
            "auditor_ids": [Command.set(cls.manager.ids)],
            "auditee_team_ids": [Command.set(cls.team.ids)],
            "auditee_ids": [Command.set(cls.member.ids)],
            "checklist_id": cls.checklist.id,
            **vals,
        }
        return cls.env["sales.qms.audit"].create(values)

    def _audit_with_findings(self, results=("minor_nc", "conformity", "observation")):
        """The audit carried out by its lead auditor, one result per line."""
        audit = self.audit.with_user(self.auditor)
        audit.action_load_checklist()
        audit.action_start()
        for line, result in zip(audit.line_ids, results, strict=True):
            line.write({"result": result, "evidence": f"Seen: {line.question}"})
        return audit

    def _approve_report(self, audit):
        """编制 by the lead auditor, 审核 and 批准 by two quality
        representatives."""
        audit.with_user(self.auditor).action_signoff_prepare()
        audit.with_user(self.manager).action_signoff_review()
        audit.with_user(self.manager_2).action_signoff_approve()
        return audit

    def _nonconformity(self, **vals):
        values = {
            "company_id": self.company.id,
            "description": "Order confirmed before its review",
            "responsible_id": self.leader.id,
            **vals,
        }
        return self.env["sales.qms.nonconformity"].create(values)

    def _action(self, nonconformity=None, **vals):
        values = {
            "company_id": self.company.id,
            "description": "Add the category to the review rules",
            "responsible_id": self.leader.id,
            "deadline": "2099-01-01",
            **vals,
        }
        if nonconformity:
            values["nonconformity_id"] = nonconformity.id
        return self.env["sales.qms.action"].create(values)
