import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_complaint import AfterSalesComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintConfirmation(HttpCase, AfterSalesComplaintCommon):
    """The customer answers through the signed link, without a login."""

    def setUp(self):
        super().setUp()
        self.complaint = self._complaint(resolution="已更换整批阀块")
        self.complaint.stage_id = self.stage_investigating
        self.complaint.stage_id = self.stage_resolved
        self.token = self.complaint._generate_confirmation_token()
        self.url = f"/after_sales/complaint/confirm/{self.complaint.id}/{self.token}"
        self.authenticate(None, None)  # the public visitor's session

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _post(self, url, csrf, **data):
        return self.url_open(url, data={"csrf_token": csrf, **data})

    def test_request_sent_when_resolved(self):
        complaint = self._complaint()
        complaint.stage_id = self.stage_resolved
        self.assertEqual(complaint.confirmation_state, "pending")
        mail = self.env["mail.mail"].search(
            [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(
            f"/after_sales/complaint/confirm/{complaint.id}/", str(mail.body_html)
        )
        self.assertEqual(mail.email_to, "buyer@customer.example.com")

    def test_confirm_through_link(self):
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("已更换整批阀块", response.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        response = self._post(
            self.url, csrf, decision="confirm", rating="4", comment="满意"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_after_sales_confirmation_done", response.text)
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.confirmation_state, "confirmed")
        self.assertEqual(self.complaint.confirmation_channel, "link")
        self.assertEqual(self.complaint.rating, 4)
        self.assertEqual(self.complaint.stage_id, self.stage_confirmed)
        self.assertTrue(self.complaint.closed_at)
        # single use: the same link is refused afterwards, nothing changes
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 403)
        self.assertIn("o_after_sales_confirmation_invalid", response.text)
        response = self._post(
            self.url, csrf, decision="reject", rating="1", comment="x"
        )
        self.assertEqual(response.status_code, 403)
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.confirmation_state, "confirmed")
        self.assertEqual(self.complaint.rating, 4)

    def test_reject_through_link(self):
        csrf = self._csrf(self.url)
        # a rejection without a comment is refused, nothing written
        response = self._post(
            self.url, csrf, decision="reject", rating="2", comment=" "
        )
        self.assertEqual(response.status_code, 400)
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.confirmation_state, "pending")
        response = self._post(
            self.url, csrf, decision="reject", rating="2", comment="仍有泄漏"
        )
        self.assertEqual(response.status_code, 200)
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.confirmation_state, "rejected")
        self.assertEqual(self.complaint.confirmation_comment, "仍有泄漏")
        self.assertEqual(self.complaint.stage_id, self.stage_investigating)
        self.assertFalse(self.complaint.resolved_at, "the resolution clock runs again")
        self.assertEqual(
            self.complaint.activity_ids.activity_type_id,
            self.env.ref("after_sales.mail_activity_type_complaint_rejected"),
        )

    def test_tampered_token_refused(self):
        csrf = self._csrf(self.url)
        tampered = self.token[:-2] + ("AA" if self.token[-2:] != "AA" else "BB")
        url = f"/after_sales/complaint/confirm/{self.complaint.id}/{tampered}"
        self.assertEqual(self.url_open(url).status_code, 403)
        response = self._post(url, csrf, decision="confirm", rating="5")
        self.assertEqual(response.status_code, 403)
        # the token of one complaint does not open another
        other = self._complaint()
        other.stage_id = self.stage_resolved
        url = f"/after_sales/complaint/confirm/{other.id}/{self.token}"
        self.assertEqual(
            self._post(url, csrf, decision="confirm", rating="5").status_code, 403
        )
        (self.complaint | other).invalidate_recordset()
        self.assertEqual(self.complaint.confirmation_state, "pending")
        self.assertEqual(other.confirmation_state, "pending")
        self.assertFalse(self.complaint.rating)

    def test_expired_token_refused(self):
        csrf = self._csrf(self.url)
        self.complaint.sudo().confirmation_token_expiry = (
            fields.Datetime.now() - timedelta(minutes=1)
        )
        self.assertEqual(self.url_open(self.url).status_code, 403)
        response = self._post(self.url, csrf, decision="confirm", rating="5")
        self.assertEqual(response.status_code, 403)
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.confirmation_state, "pending")
        self.assertEqual(self.complaint.stage_id, self.stage_resolved)

    @mute_logger("odoo.http")
    def test_post_without_csrf_refused(self):
        response = self.url_open(self.url, data={"decision": "confirm", "rating": "5"})
        self.assertNotEqual(response.status_code, 200)
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.confirmation_state, "pending")
