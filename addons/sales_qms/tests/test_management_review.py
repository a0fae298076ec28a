"""Management review (管理评审): inputs gathered from the records and frozen
once the review is held, decisions, report, security."""

import io
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.sales_qms_management_review_input import INPUT_SECTIONS
from .test_satisfaction import SatisfactionCommon

INPUT_FIELDS = [
    "section",
    "sequence",
    "label",
    "value",
    "value_display",
    "target_display",
    "status",
    "note",
    "res_model",
    "res_ids",
]


class ManagementReviewCommon(SatisfactionCommon):
    """The first half of 2026 of the common company, reviewed on July 20th.

    Hand-computed inputs (the orders of ``SalesQmsCommon``, Shanghai time):

    - orders confirmed Jan–Jun: o1 (Jan), o2, o3 (Feb), o5 (Apr 1st local)
      and o8 (Dec 31st 20:00 UTC = Jan 1st local): 5; o0 (Dec 2025) is out;
    - confirmed amounts: 1000 + 500 + 1000 (2000 at rate 2) + 700 + 400
      = 3600 over six months; order count 5;
    - quotation conversion: Jan 2/3 (o1, o2 of o1, o2, o7), Feb 1/2, Mar 1/2
      → 4/7 = 57.14 %;
    - satisfaction: customer 1 answers Very/Yes/Very (100/80/100, weighted
      94), customer 2 Yes/So so/Yes (80/50/80, weighted 71), customer 3 does
      not answer: overall 82.50, quality 90, delivery 65, overall rating 90.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.o8 = cls._order(
            cls.cust_3,
            cls.salesman_1,
            cls.team_1,
            400,
            "2025-12-20 02:00",
            "2025-12-31 20:00",
        )
        (cls.o1 | cls.o3).write({"qms_review_state": "approved"})
        cls.o2.write({"qms_review_state": "overridden"})
        cls.employee = new_test_user(
            cls.env,
            "qms_mr_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.auditor = new_test_user(
            cls.env,
            "qms_mr_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        Metric = cls.env["sales.qms.business.metric"]
        cls.metric_sales = Metric.create({"name": "Sales", "unit": "CNY"})
        cls.metric_share = Metric.create({"name": "Market Share", "unit": "%"})
        cls.plan = cls.env["sales.qms.business.plan"].create(
            {
                "name": "Plan 2026",
                "company_id": cls.company.id,
                "plan_type": "annual",
                "year_start": 2026,
                "line_ids": [
                    Command.create(
                        {
                            "metric_id": cls.metric_sales.id,
                            "year": 2026,
                            "planned_value": 3000,
                            "actual_value": 3600,
                        }
                    ),
                    Command.create(
                        {
                            "metric_id": cls.metric_share.id,
                            "year": 2026,
                            "planned_value": 10,
                            "actual_value": 8,
                            "competitor_value": 12,
                            "gap_comment": "Behind the leader",
                        }
                    ),
                ],
            }
        )

    def _review(self, **vals):
        return (
            self.env["sales.qms.management.review"]
            .with_user(self.qms_manager)
            .create(
                {
                    "title": "H1 2026",
                    "company_id": self.company.id,
                    "date": "2026-07-20",
                    "date_from": "2026-01-01",
                    "date_to": "2026-06-30",
                    "chair_id": self.qms_manager.id,
                    "participant_ids": [Command.set(self.employee.ids)],
                    "business_plan_ids": [Command.set(self.plan.ids)],
                    **vals,
                }
            )
        )

    def _objectives(self):
        objectives = (
            self._objective("sale_count", 1)
            | self._objective("sale_amount", 500)
            | self._objective("quotation_conversion", 50)
        )
        objectives._compute_measurements()
        return objectives

    def _closed_campaign(self):
        responses = self._launch()
        self._answer(responses[0], "Very", "Yes", "Very")
        self._answer(responses[1], "Yes", "So so", "Yes")
        self.campaign.with_user(self.qms_manager).action_close()
        return responses

    def _benchmark(self, value, dimension=None, day="2026-05-01", name="Rival"):
        return self.env["sales.qms.satisfaction.benchmark"].create(
            {
                "company_id": self.company.id,
                "source": name,
                "source_type": "competitor",
                "dimension_id": dimension and dimension.id,
                "value": value,
                "date": day,
            }
        )

    def _inputs(self, review):
        return {
            (line.section, line.label): line
            for line in review.input_ids.sorted("sequence")
        }

    def _snapshot(self, review):
        review.invalidate_recordset()
        return review.input_ids.read(INPUT_FIELDS)


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestManagementReview(ManagementReviewCommon):
    def test_inputs_are_the_hand_computed_figures(self):
        self._objectives()
        self._closed_campaign()
        self._benchmark(80)  # overall
        self._benchmark(95, self.dimensions["quality"])
        # recorded after the period: not a benchmark of this review
        self._benchmark(50, self.dimensions["quality"], day="2026-07-10", name="Late")
        review = self._review()
        review.action_gather_inputs()
        self.assertEqual(review.state, "inputs")
        self.assertEqual(review.inputs_gathered_by_id, self.qms_manager)
        self.assertTrue(review.inputs_gathered_on)
        inputs = self._inputs(review)
        # in the order of the sections of sales_qms (other addons add theirs)
        own = {key for key, _label in INPUT_SECTIONS}
        sections = review.input_ids.sorted("sequence").mapped("section")
        self.assertEqual(
            [section for section in dict.fromkeys(sections) if section in own],
            [
                "objective",
                "satisfaction",
                "contract_review",
                "audit",
                "nonconformity",
                "capa",
                "business_plan",
            ],
        )

        # (a) quality objectives over the six months
        count = inputs["objective", "sale_count objective"]
        self.assertEqual((count.value, count.status), (5, "not_met"))  # 5 < 6 x 1
        amount = inputs["objective", "sale_amount objective"]
        self.assertAlmostEqual(amount.value, 3600)
        self.assertEqual(amount.status, "met")  # ≥ 6 x 500
        self.assertIn("3,000.00", amount.target_display)
        conversion = inputs["objective", "quotation_conversion objective"]
        self.assertAlmostEqual(conversion.value, 400 / 7, places=2)
        self.assertEqual(conversion.status, "met")
        self.assertEqual(conversion.value_display, "57.14 %")
        self.assertEqual(conversion.target_display, "≥ 50.00 %")
        self.assertEqual(conversion.res_model, "sales.qms.measurement")
        self.assertEqual(
            sorted(
                self.env["sales.qms.measurement"]
                .browse(conversion.res_ids)
                .mapped(lambda m: m.date_from.month)
            ),
            [1, 2, 3],
        )

        # (b) satisfaction: the closed campaign against the best benchmark
        overall = inputs["satisfaction", "2026 H1 · Weighted Overall Score"]
        self.assertAlmostEqual(overall.value, 82.5)
        self.assertEqual(overall.status, "met")  # ≥ 80
        self.assertIn("Rival", overall.target_display)
        self.assertEqual(len(overall.res_ids), 2)
        quality = inputs["satisfaction", "2026 H1 · Product Quality"]
        self.assertAlmostEqual(quality.value, 90)
        self.assertEqual(quality.status, "not_met")  # < 95; "Late" came after
        delivery = inputs["satisfaction", "2026 H1 · Delivery"]
        self.assertAlmostEqual(delivery.value, 65)
        self.assertEqual(delivery.status, "info")  # no benchmark

        # (c) contract review: orders confirmed in the period, local time
        confirmed = inputs["contract_review", "Orders confirmed"]
        self.assertEqual(confirmed.value, 5)
        self.assertEqual(
            sorted(confirmed.res_ids),
            sorted((self.o1 | self.o2 | self.o3 | self.o5 | self.o8).ids),
        )
        self.assertEqual(
            inputs["contract_review", "Orders that needed a contract review"].value, 3
        )
        approved = inputs["contract_review", "Confirmed after an approved review"]
        self.assertEqual(sorted(approved.res_ids), sorted((self.o1 | self.o3).ids))
        overridden = inputs["contract_review", "Confirmed by an override"]
        self.assertEqual((overridden.value, overridden.status), (1, "not_met"))
        rate = inputs["contract_review", "Contract review rate"]
        self.assertAlmostEqual(rate.value, 200 / 3, places=2)
        self.assertEqual(rate.status, "not_met")

        # (d) business plans: planned vs actual and the gap
        sales = inputs["business_plan", "Plan 2026 · Sales · 2026"]
        self.assertEqual((sales.value, sales.status), (3600, "met"))
        self.assertEqual(sales.target_display, "3,000 CNY")
        share = inputs["business_plan", "Plan 2026 · Market Share · 2026"]
        self.assertEqual(share.status, "not_met")
        self.assertIn("Behind the leader", share.note)
        self.assertIn("12 %", share.note)

        # "open the records": exactly the records behind the input, read-only
        action = approved.action_open_records()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), self.o1 | self.o3
        )
        self.assertFalse(action["context"]["create"])

    def test_inputs_are_frozen_once_held(self):
        self._objectives()
        review = self._review()
        review.action_gather_inputs()
        first_ids = review.input_ids.ids
        confirmed = self._inputs(review)["contract_review", "Orders confirmed"]
        self.assertEqual(confirmed.value, 5)

        # before the meeting, gathering again replaces the inputs
        extra = self._order(
            self.cust_2, self.salesman_2, self.team_2, 300, "2026-06-01 02:00"
        )
        review.action_gather_inputs()
        self.assertFalse(set(first_ids) & set(review.input_ids.ids))
        confirmed = self._inputs(review)["contract_review", "Orders confirmed"]
        self.assertEqual(confirmed.value, 6)
        review.action_hold()
        frozen = self._snapshot(review)

        # the data change after the meeting: the inputs stay as they were
        extra.write({"qms_review_state": "overridden"})
        self._order(self.cust_2, self.salesman_2, self.team_2, 900, "2026-03-01 02:00")
        self.plan.line_ids.write({"actual_value": 1})
        self.env["sales.qms.objective"].search([]).write({"target": 99})
        self.env["sales.qms.objective"].search([])._compute_measurements()
        with self.assertRaises(UserError):
            review.action_gather_inputs()
        self.assertEqual(self._snapshot(review), frozen)
        with self.assertRaisesRegex(UserError, "must be approved"):
            review.action_done()
        self._prepare_and_review(review).action_signoff_approve()
        review.action_done()
        self.assertEqual(self._snapshot(review), frozen)

    def test_input_lines_cannot_be_typed(self):
        review = self._review()
        review.action_gather_inputs()
        line = review.input_ids[:1]
        before = self._snapshot(review)
        as_manager = line.with_user(self.qms_manager)
        for who in (as_manager, line.sudo()):
            with self.assertRaises(AccessError):
                who.write({"value": 1, "status": "met"})
            with self.assertRaises(AccessError):
                who.unlink()
            with self.assertRaises(AccessError):
                who.create(
                    {
                        "review_id": review.id,
                        "section": "objective",
                        "label": "Typed",
                    }
                )
        # nor through the review (one2many commands)
        with self.assertRaises(AccessError):
            review.write({"input_ids": [Command.delete(line.id)]})
        with self.assertRaises(AccessError):
            review.write({"inputs_gathered_on": "2026-01-01 00:00:00"})
        self.assertEqual(self._snapshot(review), before)

    def test_a_held_review_is_frozen(self):
        review = self._review()
        review.write(
            {
                "decision_ids": [
                    Command.create(
                        {
                            "description": "Improve quotation speed",
                            "responsible_id": self.salesman_1.id,
                            "deadline": "2026-09-30",
                        }
                    )
                ]
            }
        )
        review.action_gather_inputs()
        review.minutes = "<p>Discussed</p>"
        review.action_hold()
        decision = review.decision_ids
        with self.assertRaises(UserError):
            review.write({"title": "Changed"})
        with self.assertRaises(UserError):
            review.write({"date_to": "2026-12-31"})
        with self.assertRaises(UserError):
            decision.write({"description": "Changed"})
        with self.assertRaises(UserError):
            decision.unlink()
        with self.assertRaises(UserError):
            self.env["sales.qms.management.review.decision"].with_user(
                self.qms_manager
            ).create(
                {
                    "review_id": review.id,
                    "description": "Late",
                    "responsible_id": self.salesman_1.id,
                    "deadline": "2026-09-30",
                }
            )
        with self.assertRaises(UserError):
            review.unlink()
        with self.assertRaises(AccessError):
            review.write({"state": "draft"})
        with self.assertRaises(UserError):
            review.action_cancel()
        review.invalidate_recordset()
        self.assertEqual(review.title, "H1 2026")
        self.assertEqual(review.date_to, date(2026, 6, 30))
        self.assertEqual(review.decision_ids.description, "Improve quotation speed")
        self.assertEqual(review.state, "held")
        # the chatter stays open
        review.message_post(body="Minutes sent to the participants")

    def test_bad_input_writes_nothing(self):
        Review = self.env["sales.qms.management.review"].with_user(self.qms_manager)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._review(date_from="2026-07-01", date_to="2026-06-30")
        review = self._review()
        Decision = self.env["sales.qms.management.review.decision"].with_user(
            self.qms_manager
        )
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            Decision.create(
                {
                    "review_id": review.id,
                    "description": "Too late already",
                    "responsible_id": self.salesman_1.id,
                    "deadline": "2026-07-19",
                }
            )
        self.assertIn("before the management review meeting", str(error.exception))
        self.assertFalse(review.decision_ids)
        self.assertEqual(Review.search_count([("title", "=", "H1 2026")]), 1)
        # a QMS user cannot gather, hold nor write
        with self.assertRaises(AccessError):
            review.with_user(self.qms_user).action_gather_inputs()
        self.assertFalse(review.input_ids)

    def test_report_and_xlsx(self):
        self._objectives()
        review = self._review()
        review.write(
            {
                "decision_ids": [
                    Command.create(
                        {
                            "description": "Open two distributors in the south",
                            "responsible_id": self.salesman_2.id,
                            "deadline": "2026-12-31",
                        }
                    )
                ]
            }
        )
        review.action_gather_inputs()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sales_qms.action_report_management_review", review.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("sale_amount objective", html)
        self.assertIn("Open two distributors in the south", html)
        self.assertIn(self.employee.name, html)
        filename, content = self.env["sales.qms.xlsx"]._render_report(
            "management_review", review.with_user(self.qms_user)
        )
        self.assertTrue(filename.endswith(".xlsx"))
        workbook = load_workbook(io.BytesIO(content))
        inputs, decisions = workbook.worksheets
        self.assertEqual((inputs.title, decisions.title), ("Inputs", "Decisions"))
        rows = list(inputs.iter_rows(min_row=4, values_only=True))
        count = len(review.input_ids)
        labels = [row[1] for row in rows[:count]]
        self.assertEqual(labels, review.input_ids.sorted("sequence").mapped("label"))
        # under the table, after a blank line: the sign-off (编制/审核/批准)
        self.assertEqual(rows[count + 1][0], "Prepared by (编制)")
        self.assertEqual(
            decisions.cell(row=4, column=2).value, "Open two distributors in the south"
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestManagementReviewPerformance(ManagementReviewCommon):
    def _gather_queries(self, review):
        review.action_gather_inputs()  # warm the caches
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        review.action_gather_inputs()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def _improvement_records(self, count):
        """Audits planned, nonconformities raised and actions in the period."""
        company = {"company_id": self.company.id}
        self.env["sales.qms.audit"].create(
            [
                {
                    **company,
                    "title": f"Audit {index}",
                    "planned_date_start": "2026-03-02",
                    "planned_date_end": "2026-03-03",
                    "lead_auditor_id": self.qms_manager.id,
                }
                for index in range(count)
            ]
        )
        for severity in ("minor", "major")[:count]:
            self.env["sales.qms.nonconformity"].create(
                {
                    **company,
                    "description": f"Nonconformity {severity}",
                    "severity": severity,
                    "date": "2026-03-05",
                    "responsible_id": self.qms_manager.id,
                    "deadline": "2099-01-01",
                }
            )
        self.env["sales.qms.action"].create(
            [
                {
                    **company,
                    "description": f"Action {index}",
                    "responsible_id": self.qms_manager.id,
                    "deadline": "2099-01-01",
                }
                for index in range(count)
            ]
        )

    def test_gathering_queries_do_not_grow_with_the_records(self):
        self._objective("sale_count", 1)._compute_measurements()
        self._closed_campaign()
        self._improvement_records(1)
        review = self._review()
        queries = self._gather_queries(review)
        count_before = len(review.input_ids)

        # three times the objectives, another campaign, more plan figures
        self._objectives()
        self._objective("sale_amount", 800)._compute_measurements()
        second = self._campaign("2026 Q2", date_from="2026-04-01", date_to="2026-06-30")
        responses = self._launch(second)
        self._answer(responses[0], "So so", "Yes", "Yes")
        second.with_user(self.qms_manager).action_close()
        self.plan.line_ids = [
            Command.create(
                {
                    "metric_id": self.env["sales.qms.business.metric"]
                    .create({"name": f"Metric {index}"})
                    .id,
                    "year": 2026,
                    "planned_value": index,
                }
            )
            for index in range(3)
        ]
        self._improvement_records(3)
        review.action_gather_inputs()
        self.assertGreater(len(review.input_ids), count_before + 9)
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            review.action_gather_inputs()
            self.env.flush_all()


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestManagementReviewSecurity(ManagementReviewCommon):
    def test_qms_user_reads_but_does_not_write(self):
        review = self._review()
        review.action_gather_inputs()
        as_user = review.with_user(self.qms_user)
        self.assertEqual(as_user.input_ids, review.input_ids)
        self.assertTrue(as_user.read(["title", "minutes"]))
        with self.assertRaises(AccessError):
            as_user.write({"title": "Mine"})
        with self.assertRaises(AccessError):
            self.env["sales.qms.management.review"].with_user(self.qms_user).create(
                {"title": "Mine", "company_id": self.company.id}
            )
        with self.assertRaises(AccessError):
            as_user.action_hold()
        self.assertEqual(review.title, "H1 2026")

    def test_auditor_reads_everything_and_changes_nothing(self):
        review = self._review()
        review.action_gather_inputs()
        Review = self.env["sales.qms.management.review"].with_user(self.auditor)
        self.assertEqual(Review.search([]), review)
        as_auditor = review.with_user(self.auditor)
        self.assertTrue(as_auditor.input_ids.read(["label", "status"]))
        self.assertTrue(
            self.env["sales.qms.business.plan"].with_user(self.auditor).search([])
        )
        with self.assertRaises(AccessError):
            as_auditor.write({"title": "Audited"})
        with self.assertRaises(AccessError):
            Review.create({"title": "Audited", "company_id": self.company.id})
        with self.assertRaises(AccessError):
            as_auditor.unlink()
        with self.assertRaises(AccessError):
            as_auditor.action_gather_inputs()
        self.assertTrue(review.exists())

    def test_participants_read_their_review_only(self):
        review = self._review()
        review.action_gather_inputs()
        other = self._review(title="Other", participant_ids=[Command.clear()])
        Review = self.env["sales.qms.management.review"].with_user(self.employee)
        self.assertEqual(Review.search([]), review)
        self.assertTrue(review.with_user(self.employee).input_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.employee).read(["title"])
        with self.assertRaises(AccessError):
            review.with_user(self.employee).write({"title": "Mine"})

    def test_readers_open_the_forms(self):
        review = self._review()
        review.action_gather_inputs()
        review.write(
            {
                "decision_ids": [
                    Command.create(
                        {
                            "description": "Act",
                            "responsible_id": self.salesman_1.id,
                            "deadline": "2026-08-31",
                        }
                    )
                ]
            }
        )
        for user in (self.employee, self.auditor, self.qms_user):
            form = Form(review.with_user(user))
            self.assertEqual(form.title, "H1 2026", user.login)
            self.assertEqual(len(form.input_ids), len(review.input_ids), user.login)
            self.assertEqual(len(form.decision_ids), 1, user.login)
        for user in (self.auditor, self.qms_user, self.sale_manager):
            form = Form(self.plan.with_user(user))
            self.assertEqual(len(form.line_ids), 2, user.login)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_other_company_is_invisible(self):
        review = self._review()
        review.action_gather_inputs()
        stranger = new_test_user(
            self.env,
            "qms_mr_other_manager",
            groups="sales_qms.group_sales_qms_manager",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        for model in (
            "sales.qms.management.review",
            "sales.qms.management.review.input",
            "sales.qms.business.plan",
            "sales.qms.business.plan.line",
        ):
            self.assertFalse(self.env[model].with_user(stranger).search([]), model)
        with self.assertRaises(AccessError):
            review.with_user(stranger).read(["title"])


@tagged("post_install", "-at_install")
class TestManagementReviewRpc(HttpCase):
    """The inputs refuse to be typed through JSON-RPC, even by the quality
    representative, whatever the context says."""

    @mute_logger("odoo.http")
    def test_inputs_refuse_rpc_writes(self):
        review = self.env["sales.qms.management.review"].create(
            {"title": "RPC", "date_from": "2026-01-01", "date_to": "2026-06-30"}
        )
        review.action_gather_inputs()
        line = review.input_ids[:1]
        before = line.read(INPUT_FIELDS)
        count = len(review.input_ids)
        self.authenticate("admin", "admin")
        calls = [
            ("write", [line.ids, {"value": 12345, "status": "met"}]),
            ("unlink", [line.ids]),
            (
                "create",
                [{"review_id": review.id, "section": "objective", "label": "X"}],
            ),
        ]
        for method, args in calls:
            with self.subTest(method=method), self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {
                        "model": "sales.qms.management.review.input",
                        "method": method,
                        "args": args,
                        "kwargs": {"context": {"sales_qms_gathering": True}},
                    },
                )
        line.invalidate_recordset()
        self.assertEqual(line.read(INPUT_FIELDS), before)
        review.invalidate_recordset()
        self.assertEqual(len(review.input_ids), count)


@tagged("post_install", "-at_install")
class TestManagementReviewUi(HttpCase):
    def test_tour_quality_representative_holds_a_review(self):
        representative = new_test_user(
            self.env,
            "qms_tour_mr",
            name="Tour Representative",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_salesman",
        )
        self.start_tour(
            "/odoo", "sales_qms_management_review_tour", login="qms_tour_mr"
        )
        review = self.env["sales.qms.management.review"].search(
            [("title", "=", "Tour: annual management review")]
        )
        self.assertEqual(review.state, "held")
        self.assertEqual(review.inputs_gathered_by_id, representative)
        self.assertTrue(review.input_ids)
        self.assertEqual(
            review.decision_ids.description,
            "Tour: open two distributors in the south",
        )
        self.assertEqual(review.decision_ids.responsible_id, representative)
        self.assertEqual(review.signoff_prepared_by_id, representative)
        # the decision is followed up as an improvement action
        self.assertEqual(review.action_ids.decision_id, review.decision_ids)
        self.assertEqual(review.action_ids.responsible_id, representative)

        # 审核 by the sales manager, 批准 by the general manager, in their browser
        company = {"company_ids": [Command.set(self.env.company.ids)]}
        rule = self.env["sales.qms.signoff.rule"].search(
            [
                ("res_model", "=", "sales.qms.management.review"),
                ("company_id", "=", self.env.company.id),
            ]
        )
        rule.unlink()
        reviewer = new_test_user(
            self.env,
            "qms_tour_mr_reviewer",
            name="Tour Sales Manager",
            groups="sales_team.group_sale_manager,sales_qms.group_sales_qms_auditor",
            **company,
        )
        approver = new_test_user(
            self.env,
            "qms_tour_mr_approver",
            name="Tour General Manager",
            groups="base.group_user,sales_qms.group_sales_qms_auditor",
            **company,
        )
        self.env["sales.qms.signoff.rule"].create(
            {
                "res_model": "sales.qms.management.review",
                "company_id": self.env.company.id,
                "reviewer_user_ids": [Command.set(reviewer.ids)],
                "approver_user_ids": [Command.set(approver.ids)],
            }
        )
        url = f"/odoo/management-reviews/{review.id}"
        self.start_tour(
            url, "sales_qms_management_review_review_tour", login=reviewer.login
        )
        self.start_tour(
            url, "sales_qms_management_review_approve_tour", login=approver.login
        )
        self.assertEqual(
            (review.signoff_reviewed_by_id, review.signoff_approved_by_id),
            (reviewer, approver),
        )
        # the representative prints it with its sign-off block
        self.authenticate(representative.login, representative.login)
        response = self.url_open(
            f"/report/html/sales_qms.report_management_review/{review.id}"
        )
        self.assertEqual(response.status_code, 200)
        signoff = response.text[response.text.index("o_sales_qms_signoff") :]
        for name in (
            "Tour Representative",
            "Tour Sales Manager",
            "Tour General Manager",
        ):
            self.assertIn(name, signoff)
