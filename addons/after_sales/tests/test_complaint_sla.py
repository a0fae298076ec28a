from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_complaint import AfterSalesComplaintCommon, utc

# Thursday 30 April 2026, 15:00 in Shanghai; Friday 1 May is a public holiday,
# 2-3 May the weekend.
RECEIVED = utc(datetime(2026, 4, 30, 15, 0))


@tagged("post_install", "-at_install")
class TestComplaintSla(AfterSalesComplaintCommon):
    def _sla(self, complaint, kind):
        return complaint.sla_ids.filtered(lambda line: line.kind == kind)

    def test_deadlines_weekend_holiday_pause(self):
        """Checked by hand on the calendar (Shanghai time):

        - first response 4 h: Thu 15-17 (2 h), Fri holiday, weekend, Mon 8-10
          (2 h) -> Mon 4 May 10:00;
        - resolution 16 h: Thu 2 h, Mon 8 h, Tue 8-12 + 13-15 (6 h) -> Tue
          5 May 15:00;
        - waiting for the customer Mon 11:00 -> Tue 10:00 pauses Mon 11-12,
          13-17, Tue 8-10 = 7 working hours: resolution due 23 h after receipt
          -> Wed 6 May 14:00;
        - resolved Wed 13:30: 22.5 working hours elapsed - 7 paused = 15.5 h.
        """
        with freeze_time(RECEIVED):
            complaint = self._complaint(received_at=RECEIVED)
        response = self._sla(complaint, "response")
        resolution = self._sla(complaint, "resolution")
        self.assertEqual(response.deadline, utc(datetime(2026, 5, 4, 10, 0)))
        self.assertEqual(resolution.deadline, utc(datetime(2026, 5, 5, 15, 0)))
        with freeze_time(utc(datetime(2026, 5, 4, 9, 0))):
            complaint.stage_id = self.stage_investigating
        self.assertEqual(response.reached_at, utc(datetime(2026, 5, 4, 9, 0)))
        self.assertEqual(response.status, "on_time")
        self.assertEqual(response.consumed_hours, 3.0)
        with freeze_time(utc(datetime(2026, 5, 4, 11, 0))):
            complaint.stage_id = self.stage_waiting
        with freeze_time(utc(datetime(2026, 5, 5, 10, 0))):
            complaint.stage_id = self.stage_investigating
        self.assertEqual(complaint.paused_hours, 7.0)
        self.assertEqual(resolution.deadline, utc(datetime(2026, 5, 6, 14, 0)))
        with freeze_time(utc(datetime(2026, 5, 6, 13, 30))):
            complaint.stage_id = self.stage_resolved
        self.assertEqual(resolution.reached_at, utc(datetime(2026, 5, 6, 13, 30)))
        self.assertEqual(resolution.status, "on_time")
        self.assertEqual(complaint.resolution_hours, 15.5)
        self.assertEqual(resolution.consumed_hours, 15.5)
        self.assertEqual(complaint.sla_status, "on_time")

    def test_paused_clock_does_not_run(self):
        """While waiting for the customer the consumed time stays still."""
        with freeze_time(RECEIVED):
            complaint = self._complaint(received_at=RECEIVED)
        with freeze_time(utc(datetime(2026, 5, 4, 9, 0))):
            complaint.stage_id = self.stage_waiting
        with freeze_time(utc(datetime(2026, 5, 6, 9, 0))):
            self.env["after.sales.complaint.sla"]._cron_escalate()
            resolution = self._sla(complaint, "resolution")
            # Thu 2 h + Mon 8-9 = 3 h, nothing since
            self.assertEqual(resolution.consumed_hours, 3.0)
            self.assertEqual(resolution.status, "on_time")
            self.assertFalse(complaint.activity_ids)

    def test_breach_when_resolved_late(self):
        with freeze_time(RECEIVED):
            complaint = self._complaint(received_at=RECEIVED)
        with freeze_time(utc(datetime(2026, 5, 4, 9, 0))):
            complaint.stage_id = self.stage_investigating
        with freeze_time(utc(datetime(2026, 5, 5, 16, 0))):
            complaint.stage_id = self.stage_resolved
        resolution = self._sla(complaint, "resolution")
        self.assertEqual(resolution.status, "breached")
        self.assertEqual(complaint.sla_status, "breached")
        # Thu 2 + Mon 8 + Tue 7 = 17 working hours
        self.assertEqual(complaint.resolution_hours, 17.0)

    def test_policy_matching(self):
        """A minor complaint gets no line of the policy for major ones."""
        complaint = self._complaint(severity="minor")
        self.assertFalse(complaint.sla_ids)
        complaint.severity = "major"
        self.assertEqual(
            sorted(complaint.sla_ids.mapped("kind")), ["resolution", "response"]
        )

    def test_negative_time_refused(self):
        Policy = self.env["after.sales.sla.policy"]
        count = Policy.search_count([])
        with self.assertRaises(ValidationError) as error:
            Policy.create(
                {
                    "name": "坏策略",
                    "company_id": self.company.id,
                    "resolution_hours": -1,
                }
            )
        self.assertIn("cannot be negative", str(error.exception))
        self.assertEqual(Policy.search_count([]), count)
        with self.assertRaises(ValidationError):
            self.policy.response_hours = -2
        self.policy.invalidate_recordset()
        self.assertEqual(self.policy.response_hours, 4)
        with self.assertRaises(ValidationError):
            self.policy.warning_percent = 120


@tagged("post_install", "-at_install")
class TestComplaintEscalation(AfterSalesComplaintCommon):
    """The ladder on the resolution line (16 h, warning at 75 % = 12 h):

    - warning: Thu 2 + Mon 8 + Tue 8-10 = 12 h -> Tue 5 May 10:00;
    - breach: Tue 15:00;
    - quality: 4 working hours later, Tue 15-17 + Wed 8-10 -> Wed 10:00.
    """

    def _activities(self, complaint, xmlid):
        return complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(f"after_sales.{xmlid}")
        )

    def _run(self, moment):
        with freeze_time(utc(moment)):
            for _run in range(2):  # twice: acts once
                self.env["after.sales.complaint.sla"]._cron_escalate()

    def test_escalation_ladder(self):
        with freeze_time(RECEIVED):
            complaint = self._complaint(received_at=RECEIVED)
        with freeze_time(utc(datetime(2026, 4, 30, 15, 30))):
            complaint.stage_id = self.stage_investigating  # response reached
        resolution = complaint.sla_ids.filtered(lambda line: line.kind == "resolution")

        self._run(datetime(2026, 5, 5, 9, 0))
        self.assertEqual(resolution.status, "on_time")
        self.assertFalse(complaint.activity_ids)

        self._run(datetime(2026, 5, 5, 10, 30))
        self.assertEqual(resolution.status, "at_risk")
        warning = self._activities(
            complaint, "mail_activity_type_complaint_sla_warning"
        )
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.user_id, self.salesperson)
        self.assertFalse(
            self._activities(complaint, "mail_activity_type_complaint_sla_breach")
        )

        self._run(datetime(2026, 5, 5, 15, 30))
        self.assertEqual(resolution.status, "breached")
        self.assertEqual(
            len(
                self._activities(complaint, "mail_activity_type_complaint_sla_warning")
            ),
            1,
        )
        breach = self._activities(complaint, "mail_activity_type_complaint_sla_breach")
        self.assertEqual(len(breach), 1)
        self.assertEqual(breach.user_id, self.manager, "the team leader is called")
        quality_type = "mail_activity_type_complaint_sla_quality"
        self.assertFalse(self._activities(complaint, quality_type))

        self._run(datetime(2026, 5, 6, 9, 30))
        self.assertFalse(
            self._activities(complaint, quality_type), "3.5 h after: not yet"
        )

        self._run(datetime(2026, 5, 6, 10, 30))
        quality = self._activities(complaint, quality_type)
        self.assertEqual(len(quality), 1)
        self.assertEqual(quality.user_id, self.quality_rep)
        self.assertTrue(resolution.quality_escalated_at)

        self._run(datetime(2026, 5, 7, 10, 30))
        self.assertEqual(len(complaint.activity_ids), 3, "each step once")
        messages = complaint.message_ids.filtered(lambda m: "SLA" in (m.body or ""))
        self.assertEqual(len(messages), 3)

    def test_escalation_in_batches(self):
        """Three breached complaints, batches of one: one warning and one
        breach activity each, whatever the number of runs."""
        with freeze_time(RECEIVED):
            complaints = self._complaint(received_at=RECEIVED)
            complaints |= self._complaint(received_at=RECEIVED)
            complaints |= self._complaint(received_at=RECEIVED)
        with freeze_time(utc(datetime(2026, 5, 6, 9, 0))):
            Sla = self.env["after.sales.complaint.sla"]
            Sla._cron_escalate(batch_size=1)
            Sla._cron_escalate(batch_size=1)
        breach_type = self.env.ref(
            "after_sales.mail_activity_type_complaint_sla_breach"
        )
        for complaint in complaints:
            self.assertEqual(complaint.sla_status, "breached")
            # response and resolution lines are both breached: one breach
            # activity per line, none twice
            breaches = complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == breach_type
            )
            self.assertEqual(len(breaches), 2)
            self.assertTrue(all(complaint.sla_ids.mapped("manager_escalated_at")))
