import io
import math

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.after_sales_visit import haversine_distance
from .common_visit import (
    CUSTOMER_LAT,
    CUSTOMER_LON,
    FAR_LAT,
    NEAR_LAT,
    AfterSalesVisitCommon,
)


@tagged("post_install", "-at_install")
class TestVisitCheckIn(AfterSalesVisitCommon):
    def test_haversine_by_hand(self):
        # along a meridian: R x delta-latitude in radians
        self.assertAlmostEqual(
            haversine_distance(CUSTOMER_LAT, CUSTOMER_LON, NEAR_LAT, CUSTOMER_LON),
            6371008.8 * math.radians(0.0027),
            places=3,
        )
        self.assertAlmostEqual(
            haversine_distance(CUSTOMER_LAT, CUSTOMER_LON, NEAR_LAT, CUSTOMER_LON),
            300.23,
            delta=0.01,
        )
        self.assertAlmostEqual(
            haversine_distance(CUSTOMER_LAT, CUSTOMER_LON, FAR_LAT, CUSTOMER_LON),
            2001.51,
            delta=0.01,
        )
        # along a parallel, at 31.23 deg north: R x cos(lat) x delta-longitude
        # = 6,371,008.8 x 0.85505 x 6.1087e-5 = 332.8 m
        self.assertAlmostEqual(
            haversine_distance(
                CUSTOMER_LAT, CUSTOMER_LON, CUSTOMER_LAT, CUSTOMER_LON + 0.0035
            ),
            332.8,
            delta=0.5,
        )

    def test_check_in_near_the_customer_verifies_the_visit(self):
        visit = self._visit(self.cust_1, self.salesman_1)
        visit = visit.with_user(self.salesman_1)
        with freeze_time("2026-04-10 02:00:00"):
            visit.action_check_in(NEAR_LAT, CUSTOMER_LON)
        self.assertAlmostEqual(visit.check_in_distance, 300.23, delta=0.5)
        self.assertTrue(visit.check_in_in_range)
        self.assertFalse(visit.is_verified, "not done yet")
        with freeze_time("2026-04-10 03:30:00"):
            visit.action_check_out(NEAR_LAT, CUSTOMER_LON)
        self.assertEqual(visit.duration, 1.5)
        visit.rating = "4"
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.is_verified)
        self.assertEqual(visit.verification_status, "verified")

    def test_check_in_too_far_leaves_the_visit_unverified(self):
        visit = self._visit(self.cust_1, self.salesman_1).with_user(self.salesman_1)
        visit.action_check_in(FAR_LAT, CUSTOMER_LON)
        self.assertAlmostEqual(visit.check_in_distance, 2001.5, delta=0.5)
        self.assertFalse(visit.check_in_in_range)
        visit.rating = "5"
        visit.action_done()
        self.assertFalse(visit.is_verified)
        self.assertEqual(visit.verification_status, "unverified")
        # a wider limit set afterwards does not rewrite history...
        self.company.after_sales_checkin_max_distance = 2500
        self.assertFalse(visit.is_verified)
        # ...but applies to the next check-in
        other = self._visit(self.cust_1, self.salesman_1).with_user(self.salesman_1)
        other.action_check_in(FAR_LAT, CUSTOMER_LON)
        self.assertTrue(other.check_in_in_range)

    def test_no_coordinates_or_no_check_in_is_unverified(self):
        no_coordinates = self._visit(self.cust_2, self.salesman_2)
        no_coordinates.with_user(self.salesman_2).action_check_in(
            NEAR_LAT, CUSTOMER_LON
        )
        self.assertFalse(no_coordinates.check_in_in_range)
        no_check_in = self._visit(self.cust_1, self.salesman_1)
        for visit in no_coordinates | no_check_in:
            visit.rating = "3"
        (no_coordinates | no_check_in).action_done()
        self.assertFalse(no_coordinates.is_verified)
        self.assertFalse(no_check_in.is_verified)

    def test_phone_and_online_visits_are_verified_when_done(self):
        for visit_type in ("phone", "online"):
            visit = self._visit(self.cust_2, self.salesman_2, visit_type=visit_type)
            visit.rating = "4"
            self.assertFalse(visit.is_verified)
            visit.with_user(self.salesman_2).action_done()
            self.assertTrue(visit.is_verified)

    def test_bad_check_in_is_refused_and_writes_nothing(self):
        visit = self._visit(self.cust_1, self.salesman_1).with_user(self.salesman_1)
        with self.assertRaises(UserError):
            visit.action_check_out(NEAR_LAT, CUSTOMER_LON)
        for latitude, longitude in (
            (91, 0),
            (0, 181),
            (-90.5, 0),
            ("abc", 0),
            (None, 1),
            (float("nan"), 1),
            (float("inf"), 1),
        ):
            with self.assertRaises(UserError):
                visit.action_check_in(latitude, longitude)
        self.assertFalse(visit.check_in_time)
        visit.action_check_in(NEAR_LAT, CUSTOMER_LON)
        first = visit.check_in_time
        with self.assertRaises(UserError) as error:
            visit.action_check_in(CUSTOMER_LAT, CUSTOMER_LON)
        self.assertIn("already checked in", str(error.exception))
        self.assertEqual(visit.check_in_time, first)
        visit.action_check_out(NEAR_LAT, CUSTOMER_LON)
        with self.assertRaises(UserError):
            visit.action_check_out(NEAR_LAT, CUSTOMER_LON)

    def test_check_in_cannot_be_typed_in(self):
        visit = self._visit(self.cust_1, self.salesman_1).with_user(self.salesman_1)
        for vals in (
            {"check_in_in_range": True},
            {"check_in_time": "2026-04-10 02:00:00", "check_in_distance": 10},
            {"state": "done"},
            {"verified_manually": True},
        ):
            with self.assertRaises(UserError):
                visit.write(vals)
        with self.assertRaises(UserError):
            self.env["after.sales.visit"].with_user(self.salesman_1).create(
                {
                    "partner_id": self.cust_1.id,
                    "user_id": self.salesman_1.id,
                    "state": "done",
                    "check_in_in_range": True,
                }
            )
        self.assertFalse(visit.check_in_time)
        self.assertEqual(visit.state, "planned")

    def test_done_needs_the_rating(self):
        visit = self._visit(self.cust_1, self.salesman_1).with_user(self.salesman_1)
        with self.assertRaises(UserError):
            visit.action_done()
        self.assertEqual(visit.state, "planned")

    def test_manager_verifies_by_hand_with_a_reason(self):
        visit = self._visit(self.cust_1, self.salesman_1)
        visit.rating = "4"
        visit.with_user(self.salesman_1).action_done()
        self.assertFalse(visit.is_verified)
        with self.assertRaises(UserError):
            visit.with_user(self.salesman_1).action_verify()
        Wizard = self.env["after.sales.visit.verify"]
        wizard = Wizard.with_user(self.manager).create(
            {"visit_id": visit.id, "reason": "Confirmed by the customer by phone"}
        )
        # a salesperson reaching the wizard another way is refused
        with self.assertRaises(UserError):
            wizard.with_user(self.salesman_1).action_verify()
        self.assertFalse(visit.is_verified)
        wizard.action_verify()
        self.assertTrue(visit.is_verified)
        self.assertEqual(visit.verification_status, "manual")
        self.assertEqual(visit.verified_by_id, self.manager)
        self.assertEqual(visit.verify_reason, "Confirmed by the customer by phone")
        self.assertIn("Confirmed by the customer by phone", visit.message_ids[0].body)
        blank = self._visit(self.cust_1, self.salesman_1)
        blank.rating = "2"
        blank.action_done()
        with self.assertRaises(UserError):
            Wizard.with_user(self.manager).create(
                {"visit_id": blank.id, "reason": "   "}
            ).action_verify()
        self.assertFalse(blank.is_verified)


@tagged("post_install", "-at_install")
class TestVisitLifecycle(AfterSalesVisitCommon):
    def test_missed_cron_is_idempotent(self):
        past = self._visit(self.cust_1, self.salesman_1, "2026-04-01")
        past_2 = self._visit(self.cust_2, self.salesman_2, "2026-04-09")
        today = self._visit(self.cust_1, self.salesman_1, "2026-04-10")
        done = self._visit(
            self.cust_1, self.salesman_1, "2026-04-02", visit_type="phone"
        )
        done.rating = "5"
        done.action_done()
        Visit = self.env["after.sales.visit"]
        with freeze_time("2026-04-10 08:00:00"):
            self.assertEqual(Visit._cron_flag_missed(batch_size=1), (1, 1))
            self.assertEqual(Visit._cron_flag_missed(batch_size=1), (1, 0))
            self.assertEqual(Visit._cron_flag_missed(), (0, 0))
        self.assertEqual(past.state, "missed")
        self.assertEqual(past_2.state, "missed")
        self.assertEqual(today.state, "planned")
        self.assertEqual(done.state, "done")

    def test_reschedule_and_plan_counts(self):
        plan = self._plan(visits_per_customer=1)
        plan.action_confirm()
        with freeze_time("2026-12-31"):
            self.env["after.sales.visit"]._cron_generate_visits()
        visit_1 = plan.visit_ids.filtered(lambda v: v.partner_id == self.cust_1)
        visit_2 = plan.visit_ids.filtered(lambda v: v.partner_id == self.cust_2)
        with freeze_time("2026-10-01"):
            self.env["after.sales.visit"]._cron_flag_missed()
            self.assertEqual(visit_1.state, "missed")
            with self.assertRaises(UserError):
                visit_1.with_user(self.salesman_1)._reschedule(
                    visit_1.date_planned  # in the past
                )
            wizard = (
                self.env["after.sales.visit.reschedule"]
                .with_user(self.salesman_1)
                .create({"visit_id": visit_1.id, "date_planned": "2026-10-15"})
            )
            action = wizard.action_reschedule()
        new_visit = self.env["after.sales.visit"].browse(action["res_id"])
        self.assertEqual(visit_1.state, "rescheduled")
        self.assertEqual(visit_1.rescheduled_to_id, new_visit)
        self.assertEqual(new_visit.rescheduled_from_id, visit_1)
        self.assertEqual(new_visit.state, "planned")
        self.assertEqual(str(new_visit.date_planned), "2026-10-15")
        self.assertEqual(new_visit.plan_id, plan)
        self.assertEqual(new_visit.sequence, visit_1.sequence)
        self.assertNotEqual(new_visit.name, visit_1.name)
        self.assertEqual(
            new_visit.activity_ids.activity_type_id,
            self.env.ref("after_sales.mail_activity_type_visit"),
        )
        with self.assertRaises(UserError):
            visit_1.with_user(self.salesman_1).summary = "changed"
        # the generation does not recreate the rescheduled visit
        with freeze_time("2026-12-31"):
            self.assertEqual(
                self.env["after.sales.visit"]._cron_generate_visits(), (0, 0)
            )
        visit_2.rating = "4"
        visit_2.visit_type = "phone"
        visit_2.action_done()
        plan.invalidate_recordset()
        self.assertEqual(
            (
                plan.visit_done_count,
                plan.visit_missed_count,
                plan.visit_rescheduled_count,
                plan.visit_count,
            ),
            (1, 0, 1, 3),
        )

    def test_issue_follow_up_activity_in_one_click(self):
        visit = self._visit(self.cust_1, self.salesman_1)
        issue = (
            self.env["after.sales.visit.issue"]
            .with_user(self.salesman_1)
            .create(
                {
                    "visit_id": visit.id,
                    "category": "delivery",
                    "description": "Lead time too long",
                    "answer": "We will check with production",
                }
            )
        )
        issue.action_schedule_follow_up()
        activity = issue.activity_id
        self.assertTrue(activity)
        self.assertTrue(issue.needs_follow_up)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("after_sales.mail_activity_type_visit_follow_up"),
        )
        self.assertEqual((activity.res_model, activity.res_id), (visit._name, visit.id))
        self.assertEqual(activity.user_id, self.salesman_1)
        self.assertIn("Lead time too long", activity.summary)
        with self.assertRaises(UserError):
            issue.action_schedule_follow_up()
        self.assertEqual(len(visit.activity_ids), 1)

    def test_visit_records_xlsx(self):
        visit = self._visit(
            self.cust_1, self.salesman_1, contact_id=self.cust_1_contact.id
        )
        for category, text in (("quality", "Scratches"), ("price", "Too expensive")):
            self.env["after.sales.visit.issue"].create(
                {
                    "visit_id": visit.id,
                    "category": category,
                    "description": text,
                    "needs_follow_up": category == "quality",
                }
            )
        empty = self._visit(self.cust_2, self.salesman_2, "2026-04-11")
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "visit_record", visit | empty
        )
        self.assertEqual(filename, "visit_records.xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
        header = next(i for i, row in enumerate(rows) if row[0] == "Number")
        self.assertEqual(rows[0][0], "Return Visit Records")
        body = rows[header + 1 :]
        self.assertEqual(len(body), 3, "one row per issue, one for the visit without")
        self.assertEqual(
            [tuple(r[i] or "" for i in (0, 2, 3, 11, 12, 14)) for r in body],
            [
                (visit.name, "Cust 1", "Buyer", "Quality", "Scratches", "Yes"),
                (visit.name, "Cust 1", "Buyer", "Price", "Too expensive", "No"),
                (empty.name, "Cust 2", "", "", "", ""),
            ],
        )
