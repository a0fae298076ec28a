from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestObjective(SalesQmsCommon):
    def test_monthly_measurements_and_status(self):
        objective = self._objective("sale_count", 1)
        objective.action_compute()
        months = self._months(objective)
        self.assertEqual(len(months), 12)
        self.assertEqual(
            [(months[m].value, months[m].status) for m in ("01", "02", "03", "04")],
            [(1, "met"), (2, "met"), (0, "not_met"), (1, "met")],
        )
        # months not started yet have no data
        self.assertEqual({months[m].status for m in ("05", "12")}, {"no_data"})
        # a summed indicator: the year to date target counts the measured months
        year = self._rollup(objective, "year", "2026-01-01")
        self.assertEqual((year.value, year.target, year.status), (4, 4, "met"))
        self.assertEqual(objective.status, "met")
        self.assertEqual(
            (objective.met_month_count, objective.measured_month_count), (3, 4)
        )

    def test_rollups_divide_sums_not_average_percentages(self):
        objective = self._objective("quotation_conversion", 55)
        objective.action_compute()
        q1 = self._rollup(objective, "quarter", "2026-01-01")
        # (2 + 1 + 1) / (3 + 2 + 2) = 57.14 %, while the mean of the monthly
        # rates (66.67 + 50 + 50) / 3 would be 55.56 %
        self.assertAlmostEqual(q1.value, 400 / 7, places=2)
        self.assertEqual((q1.numerator, q1.denominator), (4, 7))
        self.assertEqual(q1.status, "met")
        # April has no quotation: the second quarter has no data
        self.assertEqual(
            self._rollup(objective, "quarter", "2026-04-01").status, "no_data"
        )
        year = self._rollup(objective, "year", "2026-01-01")
        self.assertAlmostEqual(year.value, 400 / 7, places=2)
        self.assertEqual(len(objective.rollup_measurement_ids), 5)

        days = self._objective("quotation_days", 9)
        days.action_compute()
        q1_days = self._rollup(days, "quarter", "2026-01-01")
        # (5 + 24) / (1 + 2) = 9.67 days, not the mean of 5 and 12 (8.5)
        self.assertAlmostEqual(q1_days.value, 29 / 3, places=4)
        self.assertEqual(days.comparison, "le")
        self.assertEqual(q1_days.status, "not_met")

    def test_scopes(self):
        team = self._objective(
            "sale_amount", 600, scope_type="team", team_id=self.team_2.id
        )
        person = self._objective(
            "sale_amount", 600, scope_type="user", user_id=self.salesman_1.id
        )
        (team | person).action_compute()
        self.assertEqual(self._months(team)["02"].value, 1000)
        self.assertEqual(self._months(team)["04"].value, 0)
        self.assertEqual(self._months(person)["02"].value, 500)
        self.assertEqual(self._months(person)["02"].status, "not_met")
        self.assertEqual(self._months(person)["04"].value, 700)
        self.assertEqual(self._months(person)["04"].status, "met")

    def test_compute_twice_gives_the_same_rows(self):
        objective = self._objective("quotation_conversion", 60)
        objective.action_compute()
        first = {
            m.id: (m.value, m.status, m.write_date) for m in objective.measurement_ids
        }
        objective.action_compute()
        second = {
            m.id: (m.value, m.status, m.write_date) for m in objective.measurement_ids
        }
        self.assertEqual(first, second)
        self.assertEqual(len(first), 12 + 4 + 1)

    def test_cron_twice_gives_the_same_rows(self):
        objectives = self._objective("sale_amount", 800) | self._objective(
            "sale_count", 1
        )
        Measurement = self.env["sales.qms.measurement"]
        self.env["sales.qms.objective"]._cron_compute_measurements()
        first = Measurement.search([("objective_id", "in", objectives.ids)])
        self.assertEqual(len(first), 2 * 17)
        snapshot = {m.id: (m.value, m.status) for m in first}
        self.env["sales.qms.objective"]._cron_compute_measurements()
        second = Measurement.search([("objective_id", "in", objectives.ids)])
        self.assertEqual({m.id: (m.value, m.status) for m in second}, snapshot)

    def test_cron_resumes_in_batches(self):
        objectives = self.env["sales.qms.objective"]
        for target in (1, 2, 3):
            objectives |= self._objective("sale_count", target)
        Objective = self.env["sales.qms.objective"]
        # objectives of other companies are done for the day
        (Objective.search([]) - objectives).last_computed_on = datetime.now()
        cron = self.env.ref("sales_qms.ir_cron_sales_qms_compute_measurements")
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": cron.id, "done": 0, "remaining": 0}
        )
        done = Objective.with_context(
            ir_cron_progress_id=progress.id
        )._cron_compute_measurements(batch_size=2)
        self.assertEqual(len(done & objectives), 2)
        # the scheduler is told one objective is left, so it runs again
        self.assertEqual((progress.done, progress.remaining), (2, 1))
        # the next batch takes the objective the first one did not reach
        rest = Objective._cron_compute_measurements(batch_size=2)
        self.assertEqual(rest, objectives - done)
        self.assertTrue(all(objectives.mapped("last_computed_on")))
        self.assertFalse(
            Objective._cron_compute_measurements(batch_size=2) & objectives
        )

    def test_closing_a_month_freezes_it(self):
        objective = self._objective("sale_amount", 800)
        objective.action_compute()
        january = self._close(1)
        month = self._months(objective)["01"]
        self.assertTrue(month.is_frozen)
        self.assertEqual(month.value, 1000)
        self.assertEqual(month.status, "met")
        self.assertFalse(objective.activity_ids)
        # a late order in January does not change the closed month...
        self._south_order(400, "2026-01-12 02:00", "2026-01-13 02:00")
        self._south_order(100, "2026-02-12 02:00", "2026-02-13 02:00")
        objective.action_compute()
        self.assertEqual(self._months(objective)["01"].value, 1000)
        # ...while open months follow the records
        self.assertEqual(self._months(objective)["02"].value, 1600)
        with self.assertRaises(UserError):
            month.write({"value": 5})
        # reopening lets the computation catch up
        january.action_reopen()
        objective.action_compute()
        self.assertEqual(self._months(objective)["01"].value, 1400)

    def test_new_objective_in_a_year_with_closed_months(self):
        self._close(1)
        objective = self._objective("sale_amount", 800)
        objective.action_compute()
        month = self._months(objective)["01"]
        self.assertEqual(len(objective.month_measurement_ids), 12)
        self.assertEqual((month.value, month.is_frozen), (1000, True))
        self._south_order(400, "2026-01-12 02:00", "2026-01-13 02:00")
        objective.action_compute()
        self.assertEqual(self._months(objective)["01"].value, 1000)

    def test_closing_a_missed_month_asks_the_owner_to_act(self):
        objective = self._objective("sale_amount", 1200)
        objective.action_compute()
        january = self._close(1)
        activity = objective.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.qms_manager)
        self.assertIn("2026-01", activity.summary)
        january.action_reopen()
        january.action_close()
        self.assertEqual(len(objective.activity_ids), 1)

    def test_correction_needs_a_reason_and_is_logged(self):
        objective = self._objective("quotation_conversion", 60)
        objective.action_compute()
        self._close(1)
        month = self._months(objective)["01"]
        Wizard = self.env["sales.qms.measurement.correct"].with_user(self.qms_manager)
        wizard = Wizard.create(
            {"measurement_id": month.id, "reason": "   ", "numerator": 3}
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        self.assertEqual(month.numerator, 2)

        form = Form(Wizard.with_context(default_measurement_id=month.id))
        self.assertEqual((form.numerator, form.denominator), (2, 3))
        form.numerator = 3
        form.reason = "Order S00042 was confirmed on paper on January 30th."
        form.save().action_apply()
        self.assertEqual((month.numerator, month.value, month.status), (3, 100, "met"))
        self.assertTrue(month.is_corrected)
        self.assertEqual(month.corrected_by_id, self.qms_manager)
        q1 = self._rollup(objective, "quarter", "2026-01-01")
        self.assertEqual((q1.numerator, q1.denominator), (5, 7))
        message = objective.message_ids[0]
        self.assertIn("confirmed on paper", message.body)
        self.assertIn("66.67", message.body)
        self.assertEqual(message.author_id, self.qms_manager.partner_id)

    def test_correction_is_for_managers(self):
        objective = self._objective("sale_count", 1)
        objective.action_compute()
        month = self._months(objective)["01"]
        with self.assertRaises(AccessError):
            self.env["sales.qms.measurement.correct"].with_user(self.qms_user).create(
                {"measurement_id": month.id, "reason": "x"}
            )

    def test_bad_input(self):
        with (
            self.assertRaisesRegex(ValidationError, "between 0 and"),
            self.env.cr.savepoint(),
        ):
            self._objective("quotation_conversion", -5)
        with (
            self.assertRaisesRegex(ValidationError, "between 0 and 100"),
            self.env.cr.savepoint(),
        ):
            self._objective("quotation_conversion", 120)
        with (
            self.assertRaisesRegex(ValidationError, "(?i)sales team"),
            self.env.cr.savepoint(),
        ):
            self._objective("sale_amount", 1, scope_type="team")
        with self.assertRaises(ValidationError):
            self.env["sales.qms.fiscal.year"].create(
                {
                    "name": "reversed",
                    "company_id": self.company.id,
                    "date_from": "2028-12-31",
                    "date_to": "2028-01-01",
                }
            )
        with (
            self.assertRaisesRegex(ValidationError, "overlaps"),
            self.env.cr.savepoint(),
        ):
            self.env["sales.qms.fiscal.year"].create(
                {
                    "name": "2026 bis",
                    "company_id": self.company.id,
                    "date_from": "2026-06-01",
                    "date_to": "2027-05-31",
                }
            )
        empty_year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2027",
                "company_id": self.company.id,
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
            }
        )
        empty_year.period_ids.unlink()
        with (
            self.assertRaisesRegex(ValidationError, "has no months"),
            self.env.cr.savepoint(),
        ):
            self._objective("sale_amount", 1, fiscal_year_id=empty_year.id)
        # nothing half-written
        self.assertFalse(
            self.env["sales.qms.objective"].search(
                [("company_id", "=", self.company.id)]
            )
        )

    def test_measured_fields_locked_once_a_month_is_closed(self):
        objective = self._objective("sale_amount", 800)
        objective.action_compute()
        self._close(1)
        with self.assertRaises(UserError):
            objective.indicator_id = self.indicators["sale_count"]
        # a target change is allowed, tracked, and applies from this month on
        objective.target = 900
        self.assertEqual(self._months(objective)["01"].target, 800)
        self.assertEqual(self._months(objective)["02"].target, 800)
        self.assertEqual(self._months(objective)["04"].target, 900)
        with self.assertRaises(UserError):
            objective.unlink()

    def test_changing_the_definition_remeasures(self):
        objective = self._objective("sale_count", 1)
        objective.action_compute()
        self.assertEqual(self._months(objective)["02"].status, "met")
        objective.comparison = "eq"
        self.assertEqual(self._months(objective)["02"].status, "not_met")
        objective.indicator_id = self.indicators["sale_amount"]
        self.assertEqual(self._months(objective)["02"].value, 1500)
        next_year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2027",
                "company_id": self.company.id,
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
            }
        )
        objective.fiscal_year_id = next_year
        self.assertEqual(len(objective.month_measurement_ids), 12)
        self.assertEqual({m.date_from.year for m in objective.measurement_ids}, {2027})
        self.assertEqual(objective.status, "no_data")

    def test_form_clears_the_scope_left_behind(self):
        form = Form(self.env["sales.qms.objective"].with_user(self.qms_manager))
        form.name = "Team amount"
        form.indicator_id = self.indicators["sale_amount"]
        form.fiscal_year_id = self.fiscal_year
        form.target = 100
        form.scope_type = "team"
        form.team_id = self.team_1
        form.scope_type = "company"
        objective = form.save()
        self.assertFalse(objective.team_id)
        self.assertEqual(objective.scope_display, objective.company_id.display_name)

    def test_drilldown_from_a_measurement(self):
        objective = self._objective("sale_amount", 800)
        objective.action_compute()
        action = self._months(objective)["02"].action_drilldown()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), self.o2 | self.o3
        )
        year = self._rollup(objective, "year", "2026-01-01")
        orders = self.env["sale.order"].search(year.action_drilldown()["domain"])
        self.assertEqual(orders, self.o1 | self.o2 | self.o3 | self.o5)

    def test_query_count_of_objective_computation(self):
        """Objectives of one indicator cost the same whatever the orders."""
        objectives = self._objective(
            "sale_count", 1, scope_type="user", user_id=self.salesman_1.id
        )
        objectives |= self._objective(
            "sale_count", 1, scope_type="user", user_id=self.salesman_2.id
        )
        objectives.action_compute()
        counts = []
        for volume in (10, 300):
            orders = self.env["sale.order"].create(
                [
                    {
                        "partner_id": self.cust_2.id,
                        "company_id": self.company.id,
                        "user_id": self.salesman_1.id,
                    }
                    for _index in range(volume)
                ]
            )
            self._set_dates(orders, "2026-03-03 02:00", "2026-03-04 02:00")
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.env.cr.sql_log_count
            objectives.action_compute()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(self._months(objectives[0])["03"].value, 310)
        # a year of two objectives: the source query, the reads of objectives,
        # periods and measurements, the bulk writes, the savepoint that keeps
        # one broken objective from stopping the others
        self.assertLessEqual(counts[1], 16)

    def test_list_view_queries_do_not_grow_with_rows(self):
        """The objectives list reads every row in the same few queries."""
        specification = {
            name: {}
            for name in (
                "name",
                "indicator_id",
                "fiscal_year_id",
                "scope_display",
                "owner_id",
                "target_display",
                "year_value",
                "met_month_count",
                "measured_month_count",
                "status",
            )
        }
        Objective = self.env["sales.qms.objective"]
        domain = [("company_id", "=", self.company.id)]
        scopes = (
            ("user", {"user_id": self.salesman_1.id}),
            ("team", {"team_id": self.team_2.id}),
            ("company", {}),
        )
        counts = []
        for per_scope in (1, 5):
            for scope_type, extra in scopes:
                for target in range(per_scope):
                    self._objective(
                        "sale_amount", target, scope_type=scope_type, **extra
                    )
            Objective.search(domain).action_compute()
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.env.cr.sql_log_count
            result = Objective.web_search_read(domain, specification)
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(result["length"], 3 * (1 + 5))
        self.assertEqual(counts[0], counts[1])

    def test_closed_month_drills_down_to_its_snapshot(self):
        objective = self._objective("sale_amount", 800)
        objective.action_compute()
        self._close(2)
        february = self._months(objective)["02"]
        self.assertEqual(february.snapshot_record_ids, (self.o2 | self.o3).ids)
        self.assertEqual(february.snapshot_count, 2)
        # an order added to February after the close
        late = self._south_order(400, "2026-02-12 02:00", "2026-02-13 02:00")
        live = self.indicators["sale_amount"]._action_drilldown(
            february.date_from, february.date_to, "company", self.company.id
        )
        self.assertIn(late, self.env["sale.order"].search(live["domain"]))
        action = february.action_drilldown()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), self.o2 | self.o3
        )
        self.assertIn("snapshot of the closed month", action["name"])
        self.assertEqual(february.value, 1500)
        # a correction keeps the snapshot and shows the corrected value beside
        self.env["sales.qms.measurement.correct"].with_user(self.qms_manager).create(
            {"measurement_id": february.id, "numerator": 1900, "reason": "Late order"}
        ).action_apply()
        action = february.action_drilldown()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), self.o2 | self.o3
        )
        self.assertIn("corrected value", action["name"])
        self.assertIn("1,900", action["name"])
        # the quarter: February as it was closed, January and March as they are
        late_january = self._south_order(50, "2026-01-12 02:00", "2026-01-13 02:00")
        quarter = self._rollup(objective, "quarter", "2026-01-01")
        found = self.env["sale.order"].search(quarter.action_drilldown()["domain"])
        self.assertEqual(found, self.o1 | late_january | self.o2 | self.o3)
        # reopened, the month follows the records again
        self._period(2).with_user(self.qms_manager).action_reopen()
        self.assertFalse(february.snapshot_record_ids)
        found = self.env["sale.order"].search(february.action_drilldown()["domain"])
        self.assertEqual(found, self.o2 | self.o3 | late)

    def test_month_closed_before_the_objective_keeps_a_snapshot(self):
        self._close(1)
        objective = self._objective("sale_count", 1)
        objective.action_compute()
        january = self._months(objective)["01"]
        self.assertEqual(january.snapshot_record_ids, self.o1.ids)
        self.assertFalse(self._months(objective)["02"].snapshot_record_ids)

    def test_closing_and_reopening_is_in_the_months_chatter(self):
        objective = self._objective("sale_count", 1)
        objective.action_compute()
        january = self._period(1).with_user(self.qms_manager)
        january = january.with_context(tracking_disable=False)
        january.action_close()
        self.env.cr.precommit.run()  # tracking is written at commit
        january.action_reopen()
        self.env.cr.precommit.run()
        messages = january.message_ids.mapped("body")
        self.assertTrue(any("Month closed" in body for body in messages))
        self.assertTrue(any("Month reopened" in body for body in messages))
        tracked = january.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertIn("closed_by_id", tracked)

    def test_missed_month_activity_has_its_own_type(self):
        objective = self._objective("sale_amount", 1200)
        objective.action_compute()
        january = self._close(1)
        activity = objective.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("sales_qms.mail_activity_type_objective_not_met"),
        )
        self.assertTrue(self._months(objective)["01"].owner_asked_on)
        # the owner renames the to-do: closing again still asks only once
        activity.summary = "Cause analysis of January"
        january.action_reopen()
        january.action_close()
        self.assertEqual(len(objective.activity_ids), 1)

    def test_measurement_pivot_totals(self):
        """The pivot adds up as the roll-ups do: no average of percentages,
        no "no data" month counted as zero."""
        conversion = self._objective("quotation_conversion", 55)
        orders = self._objective("sale_count", 1)
        (conversion | orders).action_compute()
        Measurement = self.env["sales.qms.measurement"].with_user(self.qms_manager)
        groups = Measurement.read_group(
            [
                ("objective_id", "in", (conversion | orders).ids),
                ("period_type", "=", "month"),
            ],
            ["value:avg", "target:avg", "numerator:sum", "denominator:sum"],
            ["objective_id"],
        )
        totals = {group["objective_id"][0]: group for group in groups}
        # (2 + 1 + 1) / (3 + 2 + 2): April has no quotation, left out
        self.assertAlmostEqual(totals[conversion.id]["value"], 400 / 7, places=4)
        self.assertEqual(totals[conversion.id]["target"], 55)
        self.assertEqual(totals[orders.id]["value"], 4)
        self.assertEqual(totals[orders.id]["target"], 4)  # 4 measured months
        self.assertEqual(totals[orders.id]["numerator"], 4)
        # two indicators in one group: no meaningless total
        mixed = Measurement.read_group(
            [("objective_id", "in", (conversion | orders).ids)],
            ["value:avg", "numerator:sum"],
            [],
        )
        self.assertFalse(mixed[0]["value"])
        self.assertFalse(mixed[0]["numerator"])
        # the year roll-up and the pivot agree
        year = self._rollup(conversion, "year", "2026-01-01")
        self.assertAlmostEqual(year.value, totals[conversion.id]["value"], places=4)

    def test_values_shown_with_their_unit(self):
        orders = self._objective("sale_count", 2)
        days = self._objective("quotation_days", 7)
        (orders | days).action_compute()
        self.assertEqual(orders.target_display, "≥ 2")
        self.assertEqual(orders.year_value_display, "4")
        self.assertEqual(self._months(orders)["02"].value_display, "2")
        self.assertEqual(days.target_display, "≤ 7.00 days")
        amount = self._objective("sale_amount", 300000)
        self.assertIn(self.company.currency_id.symbol, amount.target_display)
        self.assertIn("300,000.00", amount.target_display)
