from odoo.tests import HttpCase, tagged

from .common_complaint import AfterSalesComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintUi(HttpCase, AfterSalesComplaintCommon):
    def test_customer_confirms_through_link(self):
        """The customer opens the link of the mail (no login), rates the
        handling, confirms and sees the thank-you page."""
        complaint = self._complaint(resolution="已更换整批阀块并承担运费")
        complaint.stage_id = self.stage_investigating
        complaint.stage_id = self.stage_resolved
        token = complaint._generate_confirmation_token()
        self.start_tour(
            f"/after_sales/complaint/confirm/{complaint.id}/{token}",
            "after_sales_complaint_tour",
            login=None,
        )
        complaint.invalidate_recordset()
        self.assertEqual(complaint.confirmation_state, "confirmed")
        self.assertEqual(complaint.rating, 4)
        self.assertEqual(complaint.confirmation_comment, "处理及时")
        self.assertEqual(complaint.stage_id, self.stage_confirmed)
