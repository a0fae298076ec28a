from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_complaint import AfterSalesComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaint(AfterSalesComplaintCommon):
    def test_number_salesperson_team(self):
        complaint = self._complaint()
        self.assertRegex(complaint.name, r"^KS/\d{4}/\d{4}$")
        self.assertEqual(
            complaint.user_id, self.salesperson, "the customer's salesperson"
        )
        self.assertEqual(complaint.team_id, self.team)
        self.assertEqual(complaint.stage_id, self.stage_new)

    def test_cannot_close_unconfirmed(self):
        complaint = self._complaint()
        complaint.stage_id = self.stage_resolved
        for stage in (self.stage_closed, self.stage_confirmed):
            with self.assertRaises(ValidationError) as error:
                complaint.stage_id = stage
            self.assertIn("cannot close", str(error.exception))
            complaint.invalidate_recordset()
            self.assertEqual(complaint.stage_id, self.stage_resolved)
        # a client cannot mark it confirmed by RPC
        with self.assertRaises(AccessError):
            complaint.with_user(self.service_user).write(
                {"confirmation_state": "confirmed"}
            )
        with self.assertRaises(AccessError):
            complaint.with_user(self.service_user).write(
                {"close_reason": "x", "stage_id": self.stage_closed.id}
            )

    def test_phone_confirmation(self):
        complaint = self._complaint()
        complaint.stage_id = self.stage_resolved
        wizard_form = Form(
            self.env["after.sales.complaint.confirm"]
            .with_user(self.salesperson)
            .with_context(default_complaint_id=complaint.id)
        )
        self.assertEqual(wizard_form.contact_name, self.customer.name)
        wizard_form.rating = "4"
        wizard_form.contact_name = "赵工"
        wizard_form.save().action_confirm()
        self.assertEqual(complaint.confirmation_state, "confirmed")
        self.assertEqual(complaint.confirmation_channel, "phone")
        self.assertEqual(complaint.confirmed_by_name, "赵工")
        self.assertEqual(complaint.confirmation_recorded_by_id, self.salesperson)
        self.assertEqual(complaint.rating, 4)
        self.assertEqual(complaint.stage_id, self.stage_confirmed)

    def test_phone_confirmation_needs_resolution(self):
        complaint = self._complaint()
        wizard = self.env["after.sales.complaint.confirm"].create(
            {"complaint_id": complaint.id, "contact_name": "赵工", "rating": "5"}
        )
        with self.assertRaisesRegex(UserError, "not resolved"):
            wizard.action_confirm()
        self.assertEqual(complaint.confirmation_state, "none")

    def test_manager_closes_with_reason(self):
        complaint = self._complaint()
        complaint.stage_id = self.stage_resolved
        self.assertTrue(complaint.sudo().confirmation_token_hash)
        Close = self.env["after.sales.complaint.close"]
        with self.assertRaises(AccessError):
            Close.with_user(self.service_user).create(
                {"complaint_id": complaint.id, "reason": "x"}
            ).action_close()
        with self.assertRaises(AccessError):
            complaint.with_user(self.service_user).action_manager_close()
        complaint.invalidate_recordset()
        self.assertEqual(complaint.stage_id, self.stage_resolved)
        wizard = Close.with_user(self.manager).create(
            {"complaint_id": complaint.id, "reason": "顾客已停产，无法联系"}
        )
        wizard.action_close()
        self.assertEqual(complaint.stage_id, self.stage_closed)
        self.assertEqual(complaint.close_reason, "顾客已停产，无法联系")
        self.assertEqual(complaint.closed_by_id, self.manager)
        self.assertFalse(complaint.sudo().confirmation_token_hash)
        self.assertTrue(complaint.closed_at)

    def test_customer_of_other_company_refused(self):
        Complaint = self.env["after.sales.complaint"]
        count = Complaint.search_count([])
        with self.assertRaises(UserError):
            self._complaint(partner_id=self.customer_other.id)
        self.assertEqual(Complaint.search_count([]), count)

    def test_open_nonconformity(self):
        complaint = self._complaint(d4_root_cause="钻模磨损")
        action = complaint.with_user(self.service_user).action_open_nonconformity()
        nonconformity = complaint.nonconformity_id
        self.assertTrue(nonconformity)
        self.assertEqual(action["res_id"], nonconformity.id)
        self.assertEqual(nonconformity.origin, "complaint")
        self.assertEqual(nonconformity.res_ref, complaint)
        self.assertEqual(nonconformity.severity, "major")
        self.assertEqual(nonconformity.root_cause, "钻模磨损")
        complaint.with_user(self.service_user).action_open_nonconformity()
        self.assertEqual(
            self.env["sales.qms.nonconformity"].search_count(
                [("res_ref", "=", f"after.sales.complaint,{complaint.id}")]
            ),
            1,
            "opened once",
        )
        with self.assertRaises(AccessError):
            self._complaint(partner_id=self.customer_2.id).with_user(
                self.salesperson
            ).action_open_nonconformity()

    def test_mail_creates_complaint(self):
        complaint = (
            self.env["after.sales.complaint"]
            .with_company(self.company)
            .message_new(
                {
                    "email_from": "buyer@customer.example.com",
                    "subject": "质量投诉",
                    "body": "<p>到货阀块泄漏</p>",
                }
            )
        )
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.channel, "email")
        self.assertIn("到货阀块泄漏", complaint.description)

    def test_repeat_complaint(self):
        from datetime import datetime

        first = self._complaint(received_at=datetime(2026, 3, 1, 2, 0))
        second = self._complaint(received_at=datetime(2026, 4, 1, 2, 0))
        other_category = self._complaint(
            received_at=datetime(2026, 4, 2, 2, 0), category="delivery"
        )
        late = self._complaint(received_at=datetime(2026, 9, 1, 2, 0))
        self.assertFalse(first.is_repeat)
        self.assertTrue(second.is_repeat)
        self.assertFalse(other_category.is_repeat)
        self.assertFalse(late.is_repeat, "more than 90 days after")
        # computed for a batch in one query, whatever its size
        batch = first | second | other_category | late
        counts = []
        for records in (first, batch):
            records.invalidate_recordset(["is_repeat"])
            start = self.cr.sql_log_count
            records._compute_is_repeat()
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(batch.mapped("is_repeat"), [False, True, False, False])

    def test_8d_report_and_ledger(self):
        complaint = self._complaint(d2_problem="密封面划伤", resolution="换货")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("after_sales.report_complaint_8d", complaint.ids)[0]
            .decode()
        )
        self.assertIn("密封面划伤", html)
        self.assertIn(complaint.name, html)
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "complaint_ledger", complaint
        )
        self.assertTrue(filename.endswith(".xlsx"))
        self.assertTrue(content.startswith(b"PK"))
