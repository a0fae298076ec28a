from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_complaint import AfterSalesComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintSecurity(AfterSalesComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._complaint()
        cls.colleague = cls._complaint(partner_id=cls.customer_2.id)
        cls.foreign = cls.env["after.sales.complaint"].create(
            {
                "company_id": cls.other_company.id,
                "partner_id": cls.customer_other.id,
                "description": "other company",
            }
        )

    def test_salesperson_own_customers(self):
        Complaint = self.env["after.sales.complaint"].with_user(self.salesperson)
        self.assertEqual(Complaint.search([]), self.own)
        self.assertEqual(
            self.own.sla_ids.with_user(self.salesperson).mapped("kind") != [], True
        )
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.salesperson).read(["name"])
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.salesperson).write({"resolution": "x"})
        # creates complaints of their own customers only
        created = Complaint.create(
            {"partner_id": self.customer.id, "description": "new"}
        )
        self.assertEqual(created.user_id, self.salesperson)
        with self.assertRaises(AccessError):
            Complaint.create(
                {"partner_id": self.customer_2.id, "description": "not mine"}
            )
        # configuration belongs to the manager
        with self.assertRaises(AccessError):
            self.env["after.sales.sla.policy"].with_user(self.salesperson).create(
                {"name": "x", "company_id": self.company.id}
            )
        with self.assertRaises(AccessError):
            self.stage_new.with_user(self.salesperson).write({"pause_sla": True})
        with self.assertRaises(AccessError):
            self.own.with_user(self.salesperson).unlink()

    def test_salesperson_cannot_close_or_confirm(self):
        complaint = self.own.with_user(self.salesperson)
        complaint.stage_id = self.stage_resolved
        with self.assertRaises(ValidationError):
            complaint.stage_id = self.stage_closed
        with self.assertRaises(AccessError):
            complaint.write({"confirmation_state": "confirmed", "rating": 5})
        with self.assertRaises(AccessError):
            complaint.sla_ids.write({"status": "on_time"})
        self.assertEqual(self.own.confirmation_state, "pending")

    def test_service_user_all_of_company(self):
        Complaint = self.env["after.sales.complaint"].with_user(self.service_user)
        self.assertEqual(Complaint.search([]), self.own | self.colleague)
        self.colleague.with_user(self.service_user).write({"resolution": "已处理"})
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.service_user).read(["name"])

    def test_other_company(self):
        Complaint = self.env["after.sales.complaint"].with_user(self.other_service)
        self.assertEqual(Complaint.search([]), self.foreign)
        with self.assertRaises(AccessError):
            self.own.with_user(self.other_service).read(["name"])
        with self.assertRaises(UserError):  # access or company error
            Complaint.create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.customer.id,
                    "description": "x",
                }
            )

    def test_manager(self):
        policy = (
            self.env["after.sales.sla.policy"]
            .with_user(self.manager)
            .create(
                {"name": "一般", "company_id": self.company.id, "severity": "minor"}
            )
        )
        self.assertTrue(policy)
        self.assertEqual(
            self.env["after.sales.complaint"].with_user(self.manager).search([]),
            self.own | self.colleague,
        )

    def test_auditor_reads_all(self):
        Complaint = self.env["after.sales.complaint"].with_user(self.auditor)
        self.assertEqual(Complaint.search([]), self.own | self.colleague)
        self.assertTrue(self.own.with_user(self.auditor).sla_ids)
        with self.assertRaises(AccessError):
            self.own.with_user(self.auditor).write({"resolution": "x"})
        with self.assertRaises(AccessError):
            Complaint.create({"partner_id": self.customer.id, "description": "x"})
