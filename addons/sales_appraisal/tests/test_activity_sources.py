from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command, fields

from .common_activity import SalesAppraisalActivityCommon

MAR, APR, MAY = date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)
SPRING = (date(2026, 3, 1), date(2026, 5, 31))


class TestActivitySources(SalesAppraisalActivityCommon):
    """Each source against records counted by hand; the company is in
    Asia/Shanghai (UTC+8): 2026-03-31 16:30 UTC is 2026-04-01 00:30 there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Valve", "list_price": 100.0}
        )

    # ------------------------------------------------------------
    # calls
    # ------------------------------------------------------------

    def _activity(self, activity_type, user, summary):
        return self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.cust_1.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
                "user_id": user.id,
            }
        )

    def _done(self, activity, user, when):
        with freeze_time(when):
            activity.with_user(user).action_done()

    def test_calls(self):
        """c1 sp1 done 03-31 23:30 local: March; c2 sp1 done 04-01 00:30
        local: April; c3 sp1 of a type keeping done activities: April, once;
        c4 assigned to sp2 but marked done by sp1: April for sp1; c5 sp2
        April; c6 a to-do of sp2: not a call; c7 a call of sp2 not done.

        sp1: March 1, April 3; sp2: April 1; East (sp1, leader): March 1,
        April 3; South: April 1; company: March 1, April 4."""
        call = self.env.ref("mail.mail_activity_data_call")
        todo = self.env.ref("mail.mail_activity_data_todo")
        kept_call = self.env["mail.activity.type"].create(
            {"name": "Call (kept)", "category": "phonecall", "keep_done": True}
        )
        sp1, sp2 = self.salesman_1, self.salesman_2
        c1 = self._activity(call, sp1, "c1")
        c2 = self._activity(call, sp1, "c2")
        c3 = self._activity(kept_call, sp1, "c3")
        c4 = self._activity(call, sp2, "c4")
        c5 = self._activity(call, sp2, "c5")
        c6 = self._activity(todo, sp2, "c6")
        self._activity(call, sp2, "c7")
        self._done(c1, sp1, "2026-03-31 15:30:00")
        self._done(c2, sp1, "2026-03-31 16:30:00")
        self._done(c3, sp1, "2026-04-10 02:00:00")
        self._done(c4, sp1, "2026-04-12 02:00:00")
        self._done(c5, sp2, "2026-04-13 02:00:00")
        self._done(c6, sp2, "2026-04-14 02:00:00")
        # the kept activity is archived, not deleted: still one call
        self.assertFalse(c3.active)
        self.assertTrue(c3.exists())

        users = self._values("calls", *SPRING, "user", [sp1.id, sp2.id])
        self.assertEqual(users[(MAR, sp1.id)], 1)
        self.assertEqual(users[(APR, sp1.id)], 3)
        self.assertEqual(users[(MAY, sp1.id)], 0)
        self.assertEqual(users[(MAR, sp2.id)], 0)
        self.assertEqual(users[(APR, sp2.id)], 1)
        teams = self._values("calls", *SPRING, "team", (self.team_1 | self.team_2).ids)
        self.assertEqual(teams[(MAR, self.team_1.id)], 1)
        self.assertEqual(teams[(APR, self.team_1.id)], 3)
        self.assertEqual(teams[(APR, self.team_2.id)], 1)
        company = self._values("calls", *SPRING, "company", self.company.ids)
        self.assertEqual(company[(MAR, self.company.id)], 1)
        self.assertEqual(company[(APR, self.company.id)], 4)

        # the drill-down lists exactly the calls of sp1 in April
        action = (
            self.indicators["calls"]
            .with_user(sp1)
            ._action_drilldown(
                APR, date(2026, 4, 30), "user", sp1.id, [self.company.id]
            )
        )
        messages = self.env["mail.message"].search(action["domain"])
        self.assertEqual(len(messages), 3)
        self.assertEqual(
            set(messages.mail_activity_type_id.ids), {call.id, kept_call.id}
        )
        self.assertEqual(
            action["views"][0][0],
            self.env.ref("sales_appraisal.mail_message_view_list_drilldown_calls").id,
        )

    # ------------------------------------------------------------
    # meetings
    # ------------------------------------------------------------

    def _event(self, organizer, partners, **vals):
        return (
            self.env["calendar.event"]
            .with_user(organizer)
            .create(
                {
                    "name": vals.pop("name", "Meeting"),
                    "user_id": organizer.id,
                    "partner_ids": [Command.set((organizer.partner_id | partners).ids)],
                    **vals,
                }
            )
        )

    def test_meetings(self):
        """e1 sp1 with a contact of Cust 1, 04-30 17:00 UTC (05-01 local):
        May; e2 sp1 with sp2 only: internal; e3 sp1 with Cust 2 who
        declined; e4 sp1 with Cust 2, archived; e5 sp1 all day 04-15 with
        Cust 2: April; e6 sp2 with Cust 1 04-20: April.

        sp1: April 1, May 1; sp2: April 1; Key customers (Cust 1): April 1,
        May 1; East: April 1, May 1; South: April 1."""
        sp1, sp2 = self.salesman_1, self.salesman_2
        at = {"start": datetime(2026, 4, 20, 2), "stop": datetime(2026, 4, 20, 3)}
        e1 = self._event(
            sp1,
            self.cust_1_buyer,
            start=datetime(2026, 4, 30, 17),
            stop=datetime(2026, 4, 30, 18),
        )
        self._event(sp1, sp2.partner_id, **at)
        e3 = self._event(sp1, self.cust_2, **at)
        e3.attendee_ids.filtered(
            lambda attendee: attendee.partner_id == self.cust_2
        ).state = "declined"
        e4 = self._event(sp1, self.cust_2, **at)
        e4.active = False
        e5 = self._event(
            sp1,
            self.cust_2,
            allday=True,
            start=datetime(2026, 4, 15, 8),
            stop=datetime(2026, 4, 15, 18),
        )
        e6 = self._event(sp2, self.cust_1, **at)

        users = self._values("meetings", *SPRING, "user", [sp1.id, sp2.id])
        self.assertEqual(users[(MAR, sp1.id)], 0)
        self.assertEqual(users[(APR, sp1.id)], 1)
        self.assertEqual(users[(MAY, sp1.id)], 1)
        self.assertEqual(users[(APR, sp2.id)], 1)
        self.assertEqual(users[(MAY, sp2.id)], 0)
        categories = self._values(
            "meetings", *SPRING, "partner_category", self.key_account.ids
        )
        self.assertEqual(categories[(APR, self.key_account.id)], 1)
        self.assertEqual(categories[(MAY, self.key_account.id)], 1)
        teams = self._values(
            "meetings", *SPRING, "team", (self.team_1 | self.team_2).ids
        )
        self.assertEqual(teams[(APR, self.team_1.id)], 1)
        self.assertEqual(teams[(MAY, self.team_1.id)], 1)
        self.assertEqual(teams[(APR, self.team_2.id)], 1)

        action = (
            self.indicators["meetings"]
            .with_user(sp1)
            ._action_drilldown(
                APR, date(2026, 4, 30), "user", sp1.id, [self.company.id]
            )
        )
        meetings = (
            self.env["sales.appraisal.meeting"].with_user(sp1).search(action["domain"])
        )
        self.assertEqual(meetings.mapped("res_id"), e5.ids)
        self.assertEqual(meetings.partner_id, self.cust_2)
        self.assertEqual(meetings.date, date(2026, 4, 15))
        may = self.env["sales.appraisal.meeting"].search(
            [("res_model", "=", "calendar.event"), ("res_id", "=", e1.id)]
        )
        # the contact's company is the customer, the local day is May 1st
        self.assertEqual(may.partner_id, self.cust_1)
        self.assertEqual(may.date, date(2026, 5, 1))
        opened = may.with_user(sp1).action_open_document()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]), ("calendar.event", e1.id)
        )
        # a salesperson sees his own meetings only, not his colleague's
        self.assertFalse(
            self.env["sales.appraisal.meeting"]
            .with_user(sp1)
            .search([("res_id", "=", e6.id), ("res_model", "=", "calendar.event")])
        )

    # ------------------------------------------------------------
    # quotations
    # ------------------------------------------------------------

    def _order(self, user, team, partner=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.cust_1).id,
                "user_id": user.id,
                "team_id": team.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 1}
                    )
                ],
            }
        )

    def test_quotations(self):
        """q1 sp1 marked sent 04-01 00:30 local: April; q2 sp1 sent 04-05 and
        confirmed 05-02: April; q3 sp1 confirmed without being sent; q4 sp1
        draft; q5 sp2 sent by email 04-08: April; q6 sp1 sent 03-10,
        cancelled, reset and sent again 04-09: March only.

        sp1: March 1, April 2, May 0; sp2: April 1; Key (Cust 1): March 1,
        April 3."""
        sp1, sp2 = self.salesman_1, self.salesman_2
        Order = self.env["sale.order"].with_company(self.company)
        self.env = self.env(
            context=dict(self.env.context, allowed_company_ids=self.company.ids)
        )
        q1, q2, q3, _q4, q6 = (self._order(sp1, self.team_1) for _i in range(5))
        q5 = self._order(sp2, self.team_2, self.cust_2)
        with freeze_time("2026-03-31 16:30:00"):
            q1.action_quotation_sent()
        with freeze_time("2026-04-05 02:00:00"):
            q2.action_quotation_sent()
        with freeze_time("2026-05-02 02:00:00"):
            q2.action_confirm()
            q3.action_confirm()
        with freeze_time("2026-04-08 02:00:00"):
            Order.browse(q5.id).with_context(mark_so_as_sent=True).message_post(
                body="Your quotation"
            )
        with freeze_time("2026-03-10 02:00:00"):
            q6.action_quotation_sent()
        q6._action_cancel()
        q6.action_draft()
        with freeze_time("2026-04-09 02:00:00"):
            q6.action_quotation_sent()
        self.assertEqual(q5.state, "sent")
        self.assertEqual(q2.state, "sale")
        self.assertEqual(
            q2.date_quotation_sent, fields.Datetime.to_datetime("2026-04-05 02:00:00")
        )

        users = self._values("quotations", *SPRING, "user", [sp1.id, sp2.id])
        self.assertEqual(users[(MAR, sp1.id)], 1)
        self.assertEqual(users[(APR, sp1.id)], 2)
        self.assertEqual(users[(MAY, sp1.id)], 0)
        self.assertEqual(users[(APR, sp2.id)], 1)
        categories = self._values(
            "quotations", *SPRING, "partner_category", self.key_account.ids
        )
        self.assertEqual(categories[(MAR, self.key_account.id)], 1)
        self.assertEqual(categories[(APR, self.key_account.id)], 2)
        teams = self._values(
            "quotations", *SPRING, "team", (self.team_1 | self.team_2).ids
        )
        self.assertEqual(teams[(APR, self.team_1.id)], 2)
        self.assertEqual(teams[(APR, self.team_2.id)], 1)
        action = self.indicators["quotations"]._action_drilldown(
            APR, date(2026, 4, 30), "user", sp1.id, [self.company.id]
        )
        self.assertEqual(
            set(self.env["sale.order"].search(action["domain"]).ids), {q1.id, q2.id}
        )

    # ------------------------------------------------------------
    # opportunities
    # ------------------------------------------------------------

    def _lead(self, user, team, lead_type, created_utc, **vals):
        lead = self.env["crm.lead"].create(
            {
                "name": f"{lead_type} of {user.name}",
                "type": lead_type,
                "user_id": user.id,
                "team_id": team.id,
                "company_id": self.company.id,
                "partner_id": self.cust_1.id,
                **vals,
            }
        )
        # a creation in the past, as a lead imported from history
        lead.flush_recordset()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s", [created_utc, lead.id]
        )
        lead.invalidate_recordset(["create_date"])
        lead.modified(["create_date"])
        lead.flush_recordset()
        return lead

    def test_opportunities(self):
        """o1 sp1 opportunity created 04-01 00:30 local: April; o2 sp1 lead
        created in March, converted 04-20: April; o3 sp1 lead never
        converted; o4 sp2 opportunity created 04-03 then lost: April.

        sp1: March 0, April 2; sp2: April 1; East April 2, South April 1."""
        sp1, sp2 = self.salesman_1, self.salesman_2
        o1 = self._lead(sp1, self.team_1, "opportunity", "2026-03-31 16:30:00")
        o2 = self._lead(sp1, self.team_1, "lead", "2026-03-05 02:00:00")
        self._lead(sp1, self.team_1, "lead", "2026-03-06 02:00:00")
        o4 = self._lead(sp2, self.team_2, "opportunity", "2026-04-03 02:00:00")
        o2.convert_opportunity(self.cust_1)
        o2.date_conversion = "2026-04-20 02:00:00"
        o4.action_set_lost()
        self.assertEqual(
            o1.date_opportunity, fields.Datetime.to_datetime("2026-03-31 16:30:00")
        )
        self.assertEqual(
            o2.date_opportunity, fields.Datetime.to_datetime("2026-04-20 02:00:00")
        )

        users = self._values("opportunities", *SPRING, "user", [sp1.id, sp2.id])
        self.assertEqual(users[(MAR, sp1.id)], 0)
        self.assertEqual(users[(APR, sp1.id)], 2)
        self.assertEqual(users[(APR, sp2.id)], 1)
        teams = self._values(
            "opportunities", *SPRING, "team", (self.team_1 | self.team_2).ids
        )
        self.assertEqual(teams[(APR, self.team_1.id)], 2)
        self.assertEqual(teams[(APR, self.team_2.id)], 1)
        action = self.indicators["opportunities"]._action_drilldown(
            APR, date(2026, 4, 30), "team", self.team_1.id, [self.company.id]
        )
        self.assertEqual(
            set(
                self.env["crm.lead"]
                .with_context(active_test=False)
                .search(action["domain"])
                .ids
            ),
            {o1.id, o2.id},
        )
