from datetime import date, datetime, timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.sales_appraisal.tests.common_activity import (
    SalesAppraisalActivityCommon,
)
from odoo.addons.sales_appraisal_after_sales import uninstall_hook

APR, MAY = date(2026, 4, 1), date(2026, 5, 1)


@tagged("post_install", "-at_install")
class TestMeetingVisit(SalesAppraisalActivityCommon):
    """Verified on-site and online visits of After-Sales count as customer
    meetings, next to the calendar's; phone calls and unverified or
    undone visits do not."""

    def _visit(self, user, visit_type, date_planned, done=True):
        visit = (
            self.env["after.sales.visit"]
            .with_company(self.company)
            .create(
                {
                    "partner_id": self.cust_1_buyer.id,
                    "user_id": user.id,
                    "company_id": self.company.id,
                    "date_planned": date_planned,
                    "visit_type": visit_type,
                    "rating": "4",
                }
            )
        )
        if done:
            visit.action_done()
        return visit

    def test_verified_visits_are_meetings(self):
        """sp1: an online visit done (verified) 04-10 and a calendar meeting
        04-20: April 2; an on-site visit done without check-in (not
        verified), a phone visit done, a planned visit: not counted.
        sp2: a verified online visit 05-06: May 1."""
        sp1, sp2 = self.salesman_1, self.salesman_2
        online = self._visit(sp1, "online", "2026-04-10")
        self._visit(sp1, "on_site", "2026-04-11")
        self._visit(sp1, "phone", "2026-04-12")
        self._visit(sp1, "online", "2026-04-13", done=False)
        self._visit(sp2, "online", "2026-05-06")
        start = datetime(2026, 4, 20, 2)
        self.env["calendar.event"].create(
            {
                "name": "Meeting",
                "user_id": sp1.id,
                "start": start,
                "stop": start + timedelta(hours=1),
                "partner_ids": [Command.set((sp1.partner_id | self.cust_2).ids)],
            }
        )
        values = self._values(
            "meetings", APR, date(2026, 5, 31), "user", [sp1.id, sp2.id]
        )
        self.assertEqual(values[(APR, sp1.id)], 2)
        self.assertEqual(values[(MAY, sp1.id)], 0)
        self.assertEqual(values[(MAY, sp2.id)], 1)
        categories = self._values(
            "meetings", APR, date(2026, 5, 31), "partner_category", self.key_account.ids
        )
        # the visits' customer is the company of the contact visited
        self.assertEqual(categories[(APR, self.key_account.id)], 1)
        self.assertEqual(categories[(MAY, self.key_account.id)], 1)

        action = self.indicators["meetings"]._action_drilldown(
            APR, date(2026, 4, 30), "user", sp1.id, [self.company.id]
        )
        meetings = self.env["sales.appraisal.meeting"].search(action["domain"])
        self.assertEqual(sorted(meetings.mapped("kind")), ["meeting", "visit"])
        visit_row = meetings.filtered(lambda meeting: meeting.kind == "visit")
        self.assertEqual(
            (visit_row.res_model, visit_row.res_id), ("after.sales.visit", online.id)
        )
        self.assertEqual(visit_row.partner_id, self.cust_1)

    def test_uninstall_hook(self):
        """Without the bridge, the view holds the calendar meetings only."""
        self._visit(self.salesman_1, "online", "2026-04-10")
        Meeting = self.env["sales.appraisal.meeting"]
        visits = [("kind", "=", "visit"), ("company_id", "=", self.company.id)]
        self.assertEqual(Meeting.search_count(visits), 1)
        uninstall_hook(self.env)
        Meeting.invalidate_model()
        self.assertEqual(Meeting.search_count(visits), 0)
        Meeting.init()
        self.assertEqual(Meeting.search_count(visits), 1)
