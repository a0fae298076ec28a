from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_visit import AfterSalesVisitCommon


@tagged("post_install", "-at_install")
class TestVisitIssueComplaint(AfterSalesVisitCommon):
    """An issue a customer raised in a visit becomes a complaint in one click."""

    def test_issue_becomes_a_complaint_once(self):
        visit = self._visit(
            self.cust_1, self.salesman_1, contact_id=self.cust_1_contact.id
        )
        issue = self.env["after.sales.visit.issue"].create(
            {
                "visit_id": visit.id,
                "category": "quality",
                "description": "Two valves leaked on arrival",
                "answer": "We replace them this week",
            }
        )
        action = issue.with_user(self.salesman_1).action_create_complaint()
        complaint = self.env["after.sales.complaint"].browse(action["res_id"])
        self.assertEqual(issue.complaint_id, complaint)
        self.assertEqual(complaint.visit_issue_ids, issue)
        self.assertEqual(
            (
                complaint.partner_id,
                complaint.contact_id,
                complaint.user_id,
                complaint.channel,
                complaint.category,
            ),
            (self.cust_1, self.cust_1_contact, self.salesman_1, "visit", "quality"),
        )
        self.assertIn("We replace them this week", complaint.description)
        self.assertTrue(issue.needs_follow_up)
        with self.assertRaisesRegex(UserError, "already the complaint"):
            issue.with_user(self.salesman_1).action_create_complaint()
        self.assertEqual(
            self.env["after.sales.complaint"].search_count(
                [("visit_issue_ids", "in", issue.ids)]
            ),
            1,
        )
        # the link is the button's: not written by hand
        with self.assertRaises(AccessError):
            issue.with_user(self.salesman_1).write({"complaint_id": False})

    def test_colleague_cannot_turn_my_customer_issue_into_a_complaint(self):
        visit = self._visit(self.cust_1, self.salesman_1)
        issue = self.env["after.sales.visit.issue"].create(
            {"visit_id": visit.id, "description": "Late delivery"}
        )
        with self.assertRaises(AccessError):
            issue.with_user(self.salesman_2).action_create_complaint()
        self.assertFalse(issue.complaint_id)
