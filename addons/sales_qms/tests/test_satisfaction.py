"""Customer-satisfaction campaigns on a real Odoo survey, their scores, the
summary and benchmark table, the satisfaction indicators."""

import io
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SalesQmsCommon

JUN, JUL = date(2026, 6, 1), date(2026, 7, 1)


class SatisfactionCommon(SalesQmsCommon):
    """Three questions scored 10 / 8 / 5 / 0: product quality (weight 50),
    delivery (30) and the overall rating (20)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Satisfaction",
                "access_mode": "token",
                "scoring_type": "scoring_without_answers",
            }
        )
        cls.questions = {}
        for code in ("quality", "delivery", "overall"):
            cls.questions[code] = cls.env["survey.question"].create(
                {
                    "survey_id": cls.survey.id,
                    "title": f"How satisfied are you with {code}?",
                    "question_type": "simple_choice",
                    "suggested_answer_ids": [
                        Command.create({"value": label, "answer_score": score})
                        for label, score in (
                            ("Very", 10),
                            ("Yes", 8),
                            ("So so", 5),
                            ("No", 0),
                        )
                    ],
                }
            )
        cls.dimensions = {
            code: cls.env.ref(f"sales_qms.satisfaction_dimension_{code}")
            for code in ("quality", "delivery", "overall")
        }
        cls.cust_1.user_id = cls.salesman_1
        cls.cust_2.user_id = cls.salesman_2
        cls.cust_3.user_id = cls.salesman_1
        cls.cust_1_contact.email = "buyer@cust1.example.com"
        cls.cust_2.email = "cust2@example.com"
        cls.campaign = cls._campaign("2026 H1")

    @classmethod
    def _campaign(cls, name, **vals):
        weights = {"quality": 50, "delivery": 30, "overall": 20}
        return cls.env["sales.qms.satisfaction.campaign"].create(
            {
                "name": name,
                "company_id": cls.company.id,
                "user_id": cls.qms_manager.id,
                "date_from": "2026-01-01",
                "date_to": "2026-06-30",
                "survey_id": cls.survey.id,
                "partner_selection": "manual",
                "partner_ids": [
                    Command.set((cls.cust_1 | cls.cust_2 | cls.cust_3).ids)
                ],
                "question_line_ids": [
                    Command.create(
                        {
                            "question_id": cls.questions[code].id,
                            "dimension_id": cls.dimensions[code].id,
                            "weight": weight,
                        }
                    )
                    for code, weight in weights.items()
                ],
                **vals,
            }
        )

    def _answer(self, response, quality, delivery, overall):
        """Answer as the customer would on the survey's page."""
        user_input = response.user_input_id.sudo()  # the survey page runs sudo
        for code, label in (
            ("quality", quality),
            ("delivery", delivery),
            ("overall", overall),
        ):
            question = self.questions[code]
            answer = question.suggested_answer_ids.filtered(
                lambda a, v=label: a.value == v
            )
            user_input._save_lines(question, answer.id)
        user_input._mark_done()

    def _launch(self, campaign=None):
        campaign = (campaign or self.campaign).with_user(self.qms_manager)
        campaign.action_launch()
        return campaign.response_ids.sorted(lambda r: r.partner_id.name)


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestSatisfaction(SatisfactionCommon):
    def test_launch_invites_each_customer_once(self):
        mails_before = self.env["mail.mail"].search_count([])
        responses = self._launch()
        self.assertEqual(self.campaign.state, "running")
        self.assertEqual(responses.partner_id, self.cust_1 | self.cust_2 | self.cust_3)
        # customer 1 answers through its contact person, who has an address
        self.assertEqual(responses[0].contact_id, self.cust_1_contact)
        self.assertEqual(responses[0].user_input_id.partner_id, self.cust_1_contact)
        self.assertTrue(responses[0].user_input_id.access_token)
        self.assertEqual(responses[0].salesperson_id, self.salesman_1)
        self.assertIn(responses[0].user_input_id.access_token, responses[0].survey_url)
        # two contacts have an address: two invitations by mail
        self.assertEqual(self.env["mail.mail"].search_count([]) - mails_before, 2)
        # each mail carries its customer's personal link
        mails = self.env["mail.mail"].search([], order="id desc", limit=2)
        for response in responses[:2]:
            token = response.user_input_id.access_token
            self.assertEqual(
                len(mails.filtered(lambda m, t=token: t in m.body_html)), 1
            )
        self.assertFalse(responses[2].invitation_sent_on)
        # launching again invites nobody twice
        self.campaign.with_user(self.qms_manager).action_launch()
        self.assertEqual(len(self.campaign.response_ids), 3)
        self.assertEqual(self.env["mail.mail"].search_count([]) - mails_before, 2)
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.qms_user).action_launch()

    def test_answers_scored_per_dimension(self):
        responses = self._launch()
        self._answer(responses[0], "Very", "Yes", "So so")
        first = responses[0]
        self.assertEqual(first.state, "answered")
        self.assertEqual(first.answer_date, date(2026, 7, 20))
        scores = {s.dimension_id: s.score for s in first.score_ids}
        self.assertEqual(scores[self.dimensions["quality"]], 100)
        self.assertEqual(scores[self.dimensions["delivery"]], 80)
        self.assertEqual(scores[self.dimensions["overall"]], 50)
        # 100 x 50 % + 80 x 30 % + 50 x 20 %
        self.assertAlmostEqual(first.score, 84)
        self.assertEqual(first.score_band, "80_90")
        self.assertFalse(first.activity_ids)
        # below the threshold (80): the customer's salesperson follows it up, once
        self._answer(responses[1], "So so", "No", "Yes")
        second = responses[1]
        self.assertAlmostEqual(second.score, 25 + 0 + 16)
        self.assertEqual(second.activity_ids.user_id, self.salesman_2)
        self.assertEqual(
            second.activity_ids.activity_type_id,
            self.env.ref("sales_qms.mail_activity_type_low_satisfaction"),
        )
        second._record_answers()
        self.assertEqual(len(second.activity_ids), 1)
        self.assertEqual(self.campaign.response_count, 2)
        self.assertAlmostEqual(self.campaign.response_rate, 200 / 3)
        self.assertAlmostEqual(self.campaign.score, (84 + 41) / 2)
        # a score comes from the answers only
        with self.assertRaises(UserError):
            first.with_user(self.qms_manager).write({"score": 100})

    def test_answer_taken_by_phone(self):
        responses = self._launch()
        third = responses[2].with_user(self.salesman_1)
        action = third.action_enter_by_phone()
        self.assertEqual(action["url"], responses[2].survey_url)
        self.assertEqual(responses[2].entry_mode, "phone")
        self.assertEqual(responses[2].entered_by_id, self.salesman_1)
        self._answer(responses[2], "Yes", "Yes", "Yes")
        self.assertEqual(responses[2].score, 80)
        with self.assertRaises(UserError):
            third.action_enter_by_phone()

    def test_reminders_sent_once(self):
        responses = self._launch()
        self._answer(responses[0], "Very", "Very", "Very")
        Response = self.env["sales.qms.satisfaction.response"]
        self.assertFalse(Response._cron_send_reminders() & responses)
        with freeze_time("2026-07-28 04:00:00"):
            reminded = Response._cron_send_reminders()
            # customer 2 only: customer 1 answered, customer 3 has no address
            self.assertEqual(reminded & responses, responses[1])
            self.assertTrue(responses[1].reminder_sent_on)
            self.assertFalse(Response._cron_send_reminders() & responses)

    def test_benchmark_table_and_its_xlsx(self):
        previous = self._campaign(
            "2025 H2", date_from="2025-07-01", date_to="2025-12-31"
        )
        old = self._launch(previous)
        self._answer(old[0], "Yes", "So so", "Yes")  # 80 / 50 / 80: 71
        self._answer(old[1], "Yes", "Yes", "Yes")  # 80 / 80 / 80: 80
        responses = self._launch()
        self._answer(responses[0], "Very", "Yes", "So so")  # 100 / 80 / 50: 84
        self._answer(responses[1], "Very", "Very", "Yes")  # 100 / 100 / 80: 96
        Benchmark = self.env["sales.qms.satisfaction.benchmark"]
        Benchmark.create(
            [
                {
                    "company_id": self.company.id,
                    "source": "Rival Co",
                    "dimension_id": self.dimensions["quality"].id,
                    "value": value,
                    "date": day,
                }
                for value, day in ((70, "2025-01-01"), (95, "2026-03-01"))
            ]
            + [
                {
                    "company_id": self.company.id,
                    "source": "Rival Co",
                    "value": 88,
                    "date": "2026-03-01",
                },
                # after the campaign's period: not yet known then
                {
                    "company_id": self.company.id,
                    "source": "Later Survey",
                    "value": 99,
                    "date": "2026-07-10",
                },
            ]
        )
        objective = self._objective(
            "sale_count",
            90,
            indicator_id=self.env.ref("sales_qms.indicator_satisfaction_score").id,
        )
        table = self.campaign._benchmark_table()
        self.assertEqual(table["previous"], previous)
        self.assertEqual(table["sources"], ["Rival Co"])
        rows = {row["label"]: row for row in table["rows"]}
        quality = rows["Product Quality"]
        self.assertEqual((quality["current"], quality["previous"]), (100, 80))
        self.assertEqual(quality["vs_previous"], 20)
        self.assertEqual(quality["benchmarks"], {"Rival Co": 95})  # the latest
        self.assertEqual(quality["vs_benchmarks"], {"Rival Co": 5})
        self.assertIsNone(quality["target"])
        delivery = rows["Delivery"]
        self.assertEqual((delivery["current"], delivery["previous"]), (90, 65))
        overall = rows["Overall Satisfaction (weighted)"]
        self.assertEqual((overall["current"], overall["previous"]), (90, 75.5))
        self.assertEqual(overall["vs_previous"], 14.5)
        self.assertEqual(
            (overall["target"], overall["vs_target"]), (objective.target, 0)
        )
        self.assertEqual(overall["vs_benchmarks"], {"Rival Co": 2})
        # the screen shows the same numbers
        html = str(self.campaign.benchmark_table_html)
        for text in ("Product Quality", "Rival Co", "100.00", "75.50", "14.50"):
            self.assertIn(text, html)
        # and the XLSX too
        _name, content = self.env["sales.qms.xlsx"]._render_report(
            "satisfaction_benchmark", self.campaign
        )
        sheet = load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[3]]
        self.assertEqual(
            header[:6],
            ["Dimension", "2026 H1", "2025 H2", "vs Previous", "Target", "vs Target"],
        )
        self.assertEqual(header[6:], ["Rival Co", "vs Rival Co"])
        cells = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
        self.assertEqual(cells["Product Quality"][1:4], (100, 80, 20))
        self.assertEqual(cells["Product Quality"][6:], (95, 5))
        self.assertEqual(
            cells["Overall Satisfaction (weighted)"][1:8],
            (90, 75.5, 14.5, 90, 0, 88, 2),
        )

    def test_benchmark_table_queries_do_not_grow_with_responses(self):
        counts = []
        Response = self.env["sales.qms.satisfaction.response"].sudo()
        for volume in (3, 60):
            partners = self.env["res.partner"].create(
                [{"name": f"Customer {volume}-{n}"} for n in range(volume)]
            )
            responses = Response.create(
                [
                    {
                        "campaign_id": self.campaign.id,
                        "partner_id": partner.id,
                        "invitation_date": "2026-07-01",
                    }
                    for partner in partners
                ]
            )
            responses._write_answers({"state": "answered", "score": 90})
            self.env.flush_all()
            self.env.invalidate_all()
            self.campaign._benchmark_table()  # warm the caches
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            self.campaign._benchmark_table()
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])

    def test_bad_input_writes_nothing(self):
        Campaign = self.env["sales.qms.satisfaction.campaign"]
        before = Campaign.search_count([])
        with (
            self.assertRaisesRegex(ValidationError, "add up to 100"),
            self.env.cr.savepoint(),
        ):
            self._campaign(
                "Bad weights",
                question_line_ids=[
                    Command.create(
                        {
                            "question_id": self.questions["quality"].id,
                            "dimension_id": self.dimensions["quality"].id,
                            "weight": 60,
                        }
                    )
                ],
            )
        self.assertEqual(Campaign.search_count([]), before)
        no_survey = self._campaign("No survey", question_line_ids=[], survey_id=False)
        with self.assertRaisesRegex(UserError, "questionnaire"):
            no_survey.with_user(self.qms_manager).action_launch()
        nobody = self._campaign("Nobody", partner_ids=[Command.clear()])
        with self.assertRaisesRegex(UserError, "no customer"):
            nobody.with_user(self.qms_manager).action_launch()
        self.assertFalse(nobody.response_ids)
        with self.assertRaisesRegex(ValidationError, "where the benchmark"):
            self.env["sales.qms.satisfaction.benchmark"].create(
                {"company_id": self.company.id, "source": " ", "value": 80}
            )
        # a launched campaign keeps the questionnaire its answers were scored with
        self._launch()
        with self.assertRaises(UserError):
            self.campaign.survey_id = False
        with self.assertRaises(UserError):
            self.campaign.unlink()

    def test_a_salesperson_sees_only_their_customers_answers(self):
        responses = self._launch()
        self._answer(responses[0], "Very", "Yes", "So so")
        self._answer(responses[1], "Yes", "Yes", "Yes")
        Response = self.env["sales.qms.satisfaction.response"]
        mine = Response.with_user(self.salesman_1).search([])
        self.assertEqual(mine, responses[0] | responses[2])
        Score = self.env["sales.qms.satisfaction.score"]
        self.assertEqual(
            Score.with_user(self.salesman_1).search([]).response_id, responses[0]
        )
        with self.assertRaises(AccessError):
            responses[1].with_user(self.salesman_1).read(["score"])
        # the quality team reads every answer of the company
        self.assertEqual(Response.with_user(self.qms_user).search([]), responses)
        other = new_test_user(
            self.env,
            "qms_satisfaction_other_co",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_salesman",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        self.assertFalse(Response.with_user(other).search([]))
        with self.assertRaises(AccessError):
            self.campaign.with_user(other).read(["name"])


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestSatisfactionIndicators(SatisfactionCommon):
    """The satisfaction sources, against hand-computed values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign.with_user(cls.qms_manager).action_launch()
        cls.responses = cls.campaign.response_ids.sorted(lambda r: r.partner_id.name)

    def _answer_on(self, response, day, *labels):
        self._answer(response, *labels)
        response._write_answers({"answer_date": day})

    def _values(self, code, scope_type, scope_ids):
        indicator = self.env.ref(f"sales_qms.indicator_satisfaction_{code}")
        values = indicator._compute_values(
            JUN, date(2026, 7, 31), scope_type, scope_ids, self.company.ids
        )
        return {
            (month, scope): value[0] for (_i, month, scope), value in values.items()
        }

    def test_satisfaction_per_month_and_salesperson(self):
        cust_1, cust_2, cust_3 = self.responses
        self._answer_on(cust_1, date(2026, 6, 30), "Very", "Yes", "So so")  # 84
        self._answer_on(cust_2, date(2026, 7, 1), "Yes", "Yes", "Yes")  # 80
        self._answer_on(cust_3, date(2026, 7, 31), "Very", "Very", "Very")  # 100
        sp1, sp2 = self.salesman_1.id, self.salesman_2.id
        scores = self._values("score", "user", [sp1, sp2])
        self.assertEqual(scores[(JUN, sp1)], 84)
        self.assertIsNone(scores[(JUN, sp2)])
        self.assertEqual(scores[(JUL, sp1)], 100)
        self.assertEqual(scores[(JUL, sp2)], 80)
        company = self._values("score", "company", self.company.ids)
        self.assertEqual(company[(JUL, self.company.id)], 90)
        quality = self._values("quality", "user", [sp1, sp2])
        self.assertEqual((quality[(JUN, sp1)], quality[(JUL, sp2)]), (100, 80))
        delivery = self._values("delivery", "company", self.company.ids)
        self.assertEqual(delivery[(JUL, self.company.id)], 90)
        # response rate by the month of the invitation (all in July)
        rate = self._values("response_rate", "user", [sp1, sp2])
        self.assertEqual((rate[(JUL, sp1)], rate[(JUL, sp2)]), (100, 100))
        self.assertIsNone(rate[(JUN, sp1)])
        # one query per indicator whatever the volume
        indicator = self.env.ref("sales_qms.indicator_satisfaction_score")
        self.env.flush_all()
        with self.assertQueryCount(1):
            indicator._compute_values(
                JUN, date(2026, 12, 31), "user", [sp1, sp2], self.company.ids
            )
        # the drill-down lists the answers counted
        action = indicator._action_drilldown(
            JUL, date(2026, 7, 31), "user", sp1, self.company.ids
        )
        self.assertEqual(
            self.env["sales.qms.satisfaction.response"].search(action["domain"]),
            cust_3,
        )

    def test_objective_on_a_customer_category(self):
        """Satisfaction of the key accounts, through the scope registry."""
        key = self.env["res.partner.category"].create({"name": "Key accounts"})
        (self.cust_1 | self.cust_3).category_id = key
        cust_1, cust_2, cust_3 = self.responses
        self._answer_on(cust_1, date(2026, 7, 2), "Very", "Yes", "So so")  # 84
        self._answer_on(cust_2, date(2026, 7, 3), "No", "No", "No")  # 0
        self._answer_on(cust_3, date(2026, 7, 4), "Yes", "Yes", "Yes")  # 80
        objective = self._objective(
            "sale_count",
            85,
            indicator_id=self.env.ref("sales_qms.indicator_satisfaction_score").id,
            scope_type="partner_category",
            partner_category_id=key.id,
        )
        objective.action_compute()
        july = self._months(objective)["07"]
        self.assertEqual((july.value, july.status), (82, "not_met"))
        self.assertEqual(july.value_display, "82.00 points")
