"""Closed months, corrections, targets and the approved policy cannot be
rewritten by any path but the one meant for it."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestFrozenRecords(SalesQmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.objective = cls.env["sales.qms.objective"].create(
            {
                "name": "Orders",
                "company_id": cls.company.id,
                "indicator_id": cls.indicators["sale_count"].id,
                "fiscal_year_id": cls.fiscal_year.id,
                "target": 2,
                "owner_id": cls.qms_user.id,
            }
        )
        cls.objective._compute_measurements()

    def _january(self):
        self._close(1)
        return self._months(self.objective)["01"]

    def test_no_context_key_unlocks_a_closed_month(self):
        january = self._january()
        for user in (self.qms_manager, self.qms_user):
            Measurement = january.with_user(user).with_context(
                sales_qms_correction=True
            )
            with (
                self.subTest(user=user.login),
                self.assertRaises(UserError),
            ):
                Measurement.write({"value": 99, "status": "met"})
        # not even the superuser, but through a correction
        with self.assertRaisesRegex(UserError, "correction with a reason"):
            january.sudo().with_context(sales_qms_correction=True).write({"value": 99})
        self.assertEqual((january.value, january.status), (1, "not_met"))

    def test_structure_of_a_measurement_cannot_be_bent(self):
        # UserError covers AccessError: refused by the rights or by the freeze
        january = self._january()
        as_manager = january.with_user(self.qms_manager)
        for vals in (
            {"period_id": False},
            {"is_corrected": True},
            {"correction_reason": "Because"},
            {"corrected_by_id": self.qms_manager.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_manager.write(vals)
        with self.assertRaises(UserError):
            as_manager.unlink()
        with self.assertRaises(AccessError):
            self.env["sales.qms.measurement"].with_user(self.qms_manager).create(
                {
                    "objective_id": self.objective.id,
                    "period_id": self._period(1).id,
                    "date_from": "2026-01-01",
                    "date_to": "2026-01-31",
                    "value": 5,
                    "status": "met",
                }
            )
        # server code too: a frozen month is neither detached nor deleted
        with self.assertRaises(UserError):
            january.sudo().write({"period_id": False})
        with self.assertRaises(UserError):
            january.sudo().unlink()
        self.assertTrue(january.is_frozen)

    def test_a_correction_survives_reopening_and_closing(self):
        january = self._january()
        self.env["sales.qms.measurement.correct"].with_user(self.qms_manager).create(
            {"measurement_id": january.id, "numerator": 3, "reason": "Paper order"}
        ).action_apply()
        self.assertEqual(january.value, 3)
        period = self._period(1).with_user(self.qms_manager)
        period.action_reopen()
        self.objective._compute_measurements()
        self.assertEqual((january.value, january.status), (3, "met"))
        period.action_close()
        self.assertEqual((january.value, january.is_corrected), (3, True))
        self.assertIn("corrected values are kept", period.message_ids[1].body)

    def test_targets_are_set_by_the_quality_representative(self):
        """The owner cannot lower their own target to turn red into green."""
        own = self.objective.with_user(self.qms_user)
        self.assertFalse(own.can_edit_target)
        with self.assertRaises(AccessError):
            own.target = 0
        with self.assertRaises(AccessError):
            own.comparison = "le"
        self.assertEqual(self._months(self.objective)["01"].status, "not_met")
        # the owner still edits the rest of what they own
        own.action_plan = "<p>Call every customer of last year</p>"

    def test_a_target_change_applies_from_the_current_month_on(self):
        january = self._january()
        self.objective.with_user(self.qms_manager).target = 1
        months = self._months(self.objective)
        self.assertEqual(str(self.objective.target_effective_from), "2026-04-01")
        # closed January and open but past February and March keep theirs
        self.assertEqual((january.target, january.status), (2, "not_met"))
        self.assertEqual((months["02"].target, months["02"].status), (2, "met"))
        self.assertEqual((months["03"].target, months["03"].status), (2, "not_met"))
        # April on: the new target
        self.assertEqual((months["04"].target, months["04"].status), (1, "met"))
        self.assertEqual(months["05"].target, 1)
        # the year compares with the targets the months were measured against
        year = self._rollup(self.objective, "year", "2026-01-01")
        self.assertEqual(year.target, 2 + 2 + 2 + 1)

    def test_months_cannot_be_bent(self):
        january = self._period(1).with_user(self.qms_manager)
        february = self._period(2).with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "never change"):
            january.date_to = "2026-01-15"
        with self.assertRaisesRegex(UserError, "buttons"):
            february.state = "closed"
        with self.assertRaisesRegex(UserError, "buttons"):
            february.write({"closed_by_id": self.qms_manager.id})
        Period = self.env["sales.qms.period"]
        with self.assertRaisesRegex(ValidationError, "calendar month"):
            Period.create(
                {
                    "fiscal_year_id": self.fiscal_year.id,
                    "date_from": "2026-05-31",
                    "date_to": "2026-05-01",
                }
            )
        with self.assertRaisesRegex(ValidationError, "outside its fiscal year"):
            Period.create(
                {
                    "fiscal_year_id": self.fiscal_year.id,
                    "date_from": "2027-01-01",
                    "date_to": "2027-01-31",
                }
            )
        # an open month holding measurements, a closed one
        with self.assertRaisesRegex(UserError, "holds measurements"):
            february.sudo().unlink()
        january.action_close()
        with self.assertRaisesRegex(UserError, "closed month"):
            january.sudo().unlink()

    def test_fiscal_year_with_closed_months_is_kept(self):
        year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2027",
                "company_id": self.company.id,
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
            }
        )
        year.period_ids[:1].with_user(self.qms_manager).action_close()
        with self.assertRaisesRegex(UserError, "closed months"):
            year.unlink()


@tagged("post_install", "-at_install")
class TestApprovedPolicy(SalesQmsCommon):
    def _policy(self, version, **vals):
        return self.env["sales.qms.policy"].create(
            {
                "version": version,
                "company_id": self.company.id,
                "content": f"<p>Quality first (v{version})</p>",
                **vals,
            }
        )

    def test_an_approved_version_never_changes(self):
        policy = self._policy("1.0")
        self._prepare_and_review(policy).with_user(self.top_manager).action_approve()
        approved_on = policy.approved_on
        as_manager = policy.with_user(self.qms_manager)
        # back to draft, edit, approve again: refused at the first step
        with self.assertRaises(AccessError):
            as_manager.write({"state": "draft"})
        with self.assertRaises(AccessError):
            as_manager.write({"approved_by_id": self.qms_user.id})
        with self.assertRaises(AccessError):
            as_manager.write({"approved_on": "2020-01-01 00:00:00"})
        with self.assertRaises(AccessError):
            policy.sudo().write({"state": "draft"})
        with self.assertRaises(UserError):
            as_manager.content = "<p>Rewritten</p>"
        with self.assertRaises(AccessError):
            self.env["sales.qms.policy"].with_user(self.qms_manager).create(
                {
                    "version": "2.0",
                    "company_id": self.company.id,
                    "content": "<p>x</p>",
                    "state": "approved",
                }
            )
        self.assertEqual(
            (policy.state, policy.approved_by_id, policy.approved_on),
            ("approved", self.top_manager, approved_on),
        )

    @freeze_time("2026-04-15 06:00:00")
    def test_a_version_takes_effect_on_its_date(self):
        current = self._policy("2.0")
        self._prepare_and_review(current).with_user(self.top_manager).action_approve()
        future = self._policy("3.0", effective_date="2026-05-01")
        self._prepare_and_review(future).with_user(self.top_manager).action_approve()
        self.assertEqual((current.state, future.state), ("approved", "scheduled"))
        self.assertTrue(future.approved_by_id)
        Policy = self.env["sales.qms.policy"]
        Policy._cron_put_in_force()
        self.assertEqual(current.state, "approved")
        # employees read the version in force, not the one to come
        self.assertEqual(
            Policy.with_user(self.salesman_1).search(
                [("company_id", "=", self.company.id)]
            ),
            current,
        )
        with freeze_time("2026-05-01 01:00:00"):  # 09:00 in Shanghai
            Policy._cron_put_in_force()
        self.assertEqual((current.state, future.state), ("superseded", "approved"))
        self.assertEqual(current.superseded_by_id, future)
