from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_qualification import QualificationCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10")
class TestQualificationSecurity(QualificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-10"):
            cls.rep = cls._create_rep(cls, "Own Rep", user=cls.user_employee)
            cls.colleague = cls._create_rep(cls, "Colleague", user=cls.user_colleague)
            cls._pass(cls, cls.rep, cls.course_qms, date(2026, 3, 1))
            cls._pass(cls, cls.colleague, cls.course_qms, date(2026, 3, 2))
            other_course = (
                cls.env["sales.training.course"]
                .with_company(cls.other_company)
                .create({"name": "Other Course", "company_id": cls.other_company.id})
            )
            cls._pass(cls, cls.other_employee, other_course, date(2026, 3, 3))
        Certification = cls.env["sales.training.certification"]
        cls.cert_own = Certification.search([("employee_id", "=", cls.rep.id)])
        cls.cert_colleague = Certification.search(
            [("employee_id", "=", cls.colleague.id)]
        )
        cls.cert_other = Certification.search(
            [("employee_id", "=", cls.other_employee.id)]
        )

    def test_employee_reads_own_certifications_only(self):
        Certification = self.env["sales.training.certification"].with_user(
            self.user_employee
        )
        self.assertEqual(Certification.search([]), self.cert_own)
        self.assertEqual(Certification.search_count([]), 1)
        groups = Certification._read_group([], ["course_id"], ["__count"])
        self.assertEqual(groups, [(self.course_qms.with_user(self.user_employee), 1)])
        self.cert_own.with_user(self.user_employee).read(["name", "date_expiry"])
        with self.assertRaises(AccessError):
            self.cert_colleague.with_user(self.user_employee).read(["name"])
        exported = Certification.search([]).export_data(["employee_id"])["datas"]
        self.assertEqual(exported, [["Own Rep"]])

    def test_trainer_hr_and_manager_read_all_of_their_company(self):
        for user in (self.user_trainer, self.user_hr, self.user_training_manager):
            certs = self.env["sales.training.certification"].with_user(user).search([])
            self.assertEqual(
                certs & (self.cert_own | self.cert_colleague | self.cert_other),
                self.cert_own | self.cert_colleague,
                user.login,
            )
        with self.assertRaises(AccessError):
            self.cert_own.with_user(self.user_other).read(["name"])
        self.assertFalse(
            self.env["sales.training.certification"]
            .with_user(self.user_other)
            .search([("id", "in", (self.cert_own | self.cert_colleague).ids)])
        )

    def test_badge_own_only_on_public_profile(self):
        """A plain employee sees their own qualification on their public
        profile, not a colleague's, and cannot read the private field."""
        Public = self.env["hr.employee.public"].with_user(self.user_employee)
        own, colleague = Public.browse(self.rep.id), Public.browse(self.colleague.id)
        self.assertEqual(own.qualification_state, "not_qualified")
        self.assertEqual(own.certification_count, 1)
        self.assertFalse(colleague.qualification_state)
        self.assertEqual(colleague.certification_count, 0)
        self.assertEqual(
            Public.search([("qualification_state", "=", "not_qualified")]), own
        )
        with self.assertRaises(AccessError):
            self.rep.with_user(self.user_employee).read(["certification_ids"])
        # their manager sees the team's; HR sees everyone's
        manager_view = (
            self.env["hr.employee.public"]
            .with_user(self.user_manager)
            .browse(self.colleague.id)
        )
        self.assertEqual(manager_view.qualification_state, "not_qualified")
        self.assertEqual(
            self.colleague.with_user(self.user_hr).qualification_state, "not_qualified"
        )

    def test_employee_directory_through_private_model(self):
        """The web client reads employees as hr.employee with the public
        profile's fields: every employee is listed, the qualification only
        where the reader may see it."""
        fields_spec = {"name": {}, "qualification_state": {}, "certification_count": {}}
        domain = [("id", "in", (self.rep | self.colleague).ids)]
        records = (
            self.env["hr.employee"]
            .with_user(self.user_employee)
            .web_search_read(domain, fields_spec)["records"]
        )
        self.assertEqual(
            {
                (r["name"], r["qualification_state"], r["certification_count"])
                for r in records
            },
            {("Own Rep", "not_qualified", 1), ("Colleague", False, 0)},
        )
        records = (
            self.env["hr.employee"]
            .with_user(self.user_training_manager)
            .web_search_read(
                domain + [("qualification_state", "=", "not_qualified")], fields_spec
            )["records"]
        )
        self.assertEqual(len(records), 2)
        self.assertEqual({r["qualification_state"] for r in records}, {"not_qualified"})

    def test_training_record_own_only(self):
        Public = self.env["hr.employee.public"].with_user(self.user_employee)
        action = Public.browse(self.rep.id).action_download_training_record()
        self.assertEqual(
            action["url"], f"/sales_qms/xlsx/training_record?ids={self.rep.id}"
        )
        Xlsx = self.env["sales.qms.xlsx"].with_user(self.user_employee)
        filename, content = Xlsx._render_report(
            "training_record", Public.browse(self.rep.id)
        )
        self.assertIn("Own Rep", filename)
        self.assertTrue(content.startswith(b"PK"))
        with self.assertRaises(AccessError):
            Public.browse(self.colleague.id).action_download_training_record()
        with self.assertRaises(AccessError):
            Xlsx._render_report("training_record", Public.browse(self.colleague.id))
        with self.assertRaises(AccessError):
            Xlsx._render_report(
                "training_record", Public.browse((self.rep | self.colleague).ids)
            )
        # HR downloads anyone's
        self.env["sales.qms.xlsx"].with_user(self.user_hr)._render_report(
            "training_record",
            self.env["hr.employee.public"]
            .with_user(self.user_hr)
            .browse(self.colleague.id),
        )

    def test_exceptions_and_snapshots_not_for_employees(self):
        with self.assertRaises(AccessError):
            self.env["sales.training.qualification.exception"].with_user(
                self.user_employee
            ).create({"employee_id": self.rep.id, "reason": "I say so"})
        with self.assertRaises(AccessError):
            self.env["sales.training.qualification.snapshot"].with_user(
                self.user_employee
            ).search([])
        # another company's training manager: refused by the company rule or check
        with self.assertRaises(UserError):
            self.env["sales.training.qualification.exception"].with_user(
                self.user_other
            ).create({"employee_id": self.rep.id, "reason": "other company"})

    def test_qualification_menu_action_by_rights(self):
        Employee = self.env["hr.employee"]
        self.assertEqual(
            Employee.with_user(self.user_hr)._action_open_qualification()["res_model"],
            "hr.employee",
        )
        self.assertEqual(
            Employee.with_user(self.user_training_manager)._action_open_qualification()[
                "res_model"
            ],
            "hr.employee.public",
        )
