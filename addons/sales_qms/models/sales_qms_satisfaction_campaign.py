from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_round
from odoo.tools.safe_eval import safe_eval

# Written only by launching and closing.
STATE_FIELDS = {"state"}
# A response rate or a score shown with two decimals; the table compares them.
PRECISION = 2


class SalesQmsSatisfactionCampaign(models.Model):
    """Customer-satisfaction campaign (顾客满意度调查) on an Odoo survey.

    Launching invites each customer's contact once with a personal survey
    link; answers are scored per dimension from the survey's own answer
    scores, and the campaign compares itself with the previous campaign, the
    quality objectives and the benchmarks the quality team records
    (顾客满意度汇总及基准比较表).
    """

    _name = "sales.qms.satisfaction.campaign"
    _description = "Customer Satisfaction Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    date_from = fields.Date(string="Period Start", required=True, tracking=True)
    date_to = fields.Date(string="Period End", required=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        tracking=True,
        help="The Odoo survey sent to the customers. Its choice questions carry "
        "the answer scores the satisfaction is computed from.",
    )
    survey_title = fields.Char(related="survey_id.title", string="Questionnaire Title")
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    partner_selection = fields.Selection(
        [
            ("ordered", "Customers with a confirmed order in the period"),
            ("domain", "Customers matching a filter"),
            ("manual", "Customers chosen by hand"),
        ],
        string="Customers",
        required=True,
        default="ordered",
    )
    partner_domain = fields.Char(
        string="Customer Filter",
        default="[('is_company', '=', True)]",
        help="Which customers are surveyed, when they are chosen by a filter.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "sales_qms_satisfaction_campaign_partner_rel",
        "campaign_id",
        "partner_id",
        string="Chosen Customers",
    )
    question_line_ids = fields.One2many(
        "sales.qms.satisfaction.question",
        "campaign_id",
        string="Questions and Weights",
        copy=True,
    )
    weight_total = fields.Float(compute="_compute_weight_total")
    reminder_days = fields.Integer(
        string="Remind After (Days)",
        default=7,
        help="Customers who have not answered get one reminder this many days "
        "after their invitation.",
    )
    low_score_threshold = fields.Float(
        default=80.0,
        help="An answer scoring below this asks the customer's salesperson to "
        "follow it up.",
    )
    response_ids = fields.One2many(
        "sales.qms.satisfaction.response", "campaign_id", string="Invitations"
    )
    invitation_count = fields.Integer(compute="_compute_results")
    response_count = fields.Integer(string="Responses", compute="_compute_results")
    response_rate = fields.Float(compute="_compute_results")
    score = fields.Float(string="Overall Score", compute="_compute_results")
    previous_campaign_id = fields.Many2one(
        "sales.qms.satisfaction.campaign", compute="_compute_previous_campaign"
    )
    benchmark_table_html = fields.Html(
        string="Summary and Benchmark Table",
        compute="_compute_benchmark_table_html",
        sanitize=False,
    )
    lowest_response_ids = fields.Many2many(
        "sales.qms.satisfaction.response",
        string="Lowest Scores",
        compute="_compute_lowest_response_ids",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("question_line_ids.weight")
    def _compute_weight_total(self):
        for campaign in self:
            campaign.weight_total = sum(campaign.question_line_ids.mapped("weight"))

    def _compute_results(self):
        stats = {}
        for campaign, state, count, score in self.env[
            "sales.qms.satisfaction.response"
        ]._read_group(
            [("campaign_id", "in", self.ids)],
            ["campaign_id", "state"],
            ["__count", "score:avg"],
        ):
            stats.setdefault(campaign, {})[state] = (count, score)
        for campaign in self:
            by_state = stats.get(campaign, {})
            answered, score = by_state.get("answered", (0, 0.0))
            campaign.invitation_count = sum(count for count, _s in by_state.values())
            campaign.response_count = answered
            campaign.response_rate = (
                answered / campaign.invitation_count * 100
                if campaign.invitation_count
                else 0.0
            )
            campaign.score = score or 0.0

    @api.depends("company_id", "date_from")
    def _compute_previous_campaign(self):
        for campaign in self:
            campaign.previous_campaign_id = (
                self.search(
                    [
                        ("company_id", "=", campaign.company_id.id),
                        ("state", "!=", "draft"),
                        ("date_to", "<", campaign.date_from),
                        ("id", "!=", campaign.id),
                    ],
                    order="date_to desc, id desc",
                    limit=1,
                )
                if campaign.date_from
                else self.browse()
            )

    @api.depends_context("lang")
    def _compute_benchmark_table_html(self):
        for campaign in self:
            campaign.benchmark_table_html = self.env["ir.qweb"]._render(
                "sales_qms.satisfaction_benchmark_table",
                {
                    "table": campaign._benchmark_table(),
                    "campaign": campaign,
                    "fmt": _format_score,
                    "diff_class": _difference_class,
                },
            )

    def _compute_lowest_response_ids(self):
        for campaign in self:
            campaign.lowest_response_ids = self.env[
                "sales.qms.satisfaction.response"
            ].search(
                [("campaign_id", "=", campaign.id), ("state", "=", "answered")],
                order="score asc, id",
                limit=10,
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("name", "date_from", "date_to", "reminder_days")
    def _check_dates(self):
        for campaign in self:
            if not (campaign.name or "").strip():
                raise ValidationError(self.env._("Give the campaign a name."))
            if campaign.date_from > campaign.date_to:
                raise ValidationError(
                    self.env._(
                        "The period of the campaign %(campaign)s ends before it "
                        "starts.",
                        campaign=campaign.name,
                    )
                )
            if campaign.reminder_days < 1:
                raise ValidationError(
                    self.env._("Customers are reminded one day or more after.")
                )

    @api.constrains("low_score_threshold")
    def _check_threshold(self):
        for campaign in self:
            if not 0 <= campaign.low_score_threshold <= 100:
                raise ValidationError(
                    self.env._("The low score threshold is a score between 0 and 100.")
                )

    @api.constrains("question_line_ids", "survey_id")
    def _check_questions(self):
        for campaign in self:
            lines = campaign.question_line_ids
            if lines and float_compare(
                sum(lines.mapped("weight")), 100, precision_digits=PRECISION
            ):
                raise ValidationError(
                    self.env._(
                        "The weights of the questions of %(campaign)s add up to "
                        "%(total)s: they must add up to 100.",
                        campaign=campaign.name,
                        total=float_round(
                            sum(lines.mapped("weight")), precision_digits=PRECISION
                        ),
                    )
                )
            foreign = lines.filtered(
                lambda line, c=campaign: line.question_id.survey_id != c.survey_id
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The question %(question)s is not a question of the "
                        "questionnaire of %(campaign)s.",
                        question=foreign[0].question_id.title,
                        campaign=campaign.name,
                    )
                )

    @api.constrains("partner_domain", "partner_selection")
    def _check_partner_domain(self):
        for campaign in self.filtered(lambda c: c.partner_selection == "domain"):
            try:
                self.env["res.partner"].search_count(
                    campaign._get_partner_domain(), limit=1
                )
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The customer filter of %(campaign)s is invalid: %(error)s",
                        campaign=campaign.name,
                        error=error,
                    )
                ) from error

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if STATE_FIELDS & vals.keys():
            raise UserError(
                self.env._("A campaign is launched and closed with its buttons only.")
            )
        if {
            "survey_id",
            "question_line_ids",
            "company_id",
        } & vals.keys() and self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                self.env._(
                    "The questionnaire and the weights of a launched campaign are "
                    "what its answers were scored with: they no longer change."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_launched(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(
                self.env._(
                    "A launched campaign holds customers' answers: it cannot be "
                    "deleted."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_launch(self):
        """Invite the customers: once per customer, however often it runs."""
        self._check_manager()
        for campaign in self:
            if campaign.state == "closed":
                raise UserError(
                    self.env._(
                        "The campaign %(campaign)s is closed.", campaign=campaign.name
                    )
                )
            campaign._check_ready()
            invited = campaign._invite()
            if campaign.state == "draft":
                campaign._write_state({"state": "running"})
            campaign.message_post(
                body=self.env._(
                    "%(count)s customers invited to answer the questionnaire.",
                    count=len(invited),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_close(self):
        self._check_manager()
        self.filtered(lambda c: c.state == "running")._write_state({"state": "closed"})
        return True

    def action_view_responses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_satisfaction_response_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    def action_view_score_distribution(self):
        action = self.action_view_responses()
        action["views"] = [(False, "graph"), (False, "list"), (False, "form")]
        action["view_mode"] = "graph,list,form"
        action["domain"] = action["domain"] + [("state", "=", "answered")]
        action["context"] = {"graph_groupbys": ["score_band"]}
        return action

    def action_export_benchmark_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download(
            "satisfaction_benchmark", self
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_manager(self):
        if not (
            self.env.su or self.env.user.has_group("sales_qms.group_sales_qms_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the quality representative launches and closes "
                    "satisfaction campaigns."
                )
            )
        # and only campaigns they may read (companies)
        self.check_access("write")

    def _write_state(self, vals):
        """Launch or close: private, the buttons' own path."""
        return super().write(vals)

    def _check_ready(self):
        """What a campaign needs before customers are invited."""
        self.ensure_one()
        survey = self.survey_id
        if not survey:
            raise UserError(
                self.env._(
                    "Choose the questionnaire of the campaign %(campaign)s.",
                    campaign=self.name,
                )
            )
        if survey.sudo().access_mode not in ("public", "token"):
            raise UserError(
                self.env._(
                    "The questionnaire %(survey)s is not open to customers: set its "
                    "access to invited people.",
                    survey=survey.title,
                )
            )
        if not self.question_line_ids:
            raise UserError(
                self.env._(
                    "Map the questions of %(campaign)s to dimensions, with weights "
                    "adding up to 100.",
                    campaign=self.name,
                )
            )
        if not self._get_customers():
            raise UserError(
                self.env._(
                    "The campaign %(campaign)s has no customer to survey.",
                    campaign=self.name,
                )
            )

    def _get_partner_domain(self):
        self.ensure_one()
        return safe_eval(self.partner_domain or "[]", {"context": {}})

    def _get_customers(self):
        """The commercial partners the campaign surveys."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        if self.partner_selection == "manual":
            return self.partner_ids.commercial_partner_id
        if self.partner_selection == "domain":
            return Partner.search(self._get_partner_domain()).commercial_partner_id
        Indicator = self.env["sales.qms.indicator"]
        stop_day = self.date_to + relativedelta(days=1)
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "sale"),
                    (
                        "date_order",
                        ">=",
                        Indicator._day_start_utc(self.date_from, self.company_id),
                    ),
                    (
                        "date_order",
                        "<",
                        Indicator._day_start_utc(stop_day, self.company_id),
                    ),
                ],
                ["partner_id"],
            )
        )
        return Partner.browse(partner.id for (partner,) in groups).commercial_partner_id

    def _invite(self):
        """One personal invitation per customer not invited yet, sent by mail
        when its contact has an address.

        :return: the invitations created
        """
        self.ensure_one()
        Response = self.env["sales.qms.satisfaction.response"].sudo()
        done = set(self.response_ids.partner_id.ids)
        customers = self._get_customers().filtered(lambda p: p.id not in done)
        survey = self.survey_id.sudo()
        vals_list = []
        today = fields.Date.context_today(self)
        for customer in customers:
            contact = customer._qms_survey_contact()
            answer = survey._create_answer(partner=contact, check_attempts=False)
            vals_list.append(
                {
                    "campaign_id": self.id,
                    "partner_id": customer.id,
                    "contact_id": contact.id,
                    "user_input_id": answer.id,
                    "salesperson_id": customer.user_id.id,
                    "team_id": customer.user_id.sale_team_id.id,
                    "invitation_date": today,
                }
            )
        responses = Response.create(vals_list)
        responses._send_invitations()
        return responses

    # ------------------------------------------------------------
    # THE SUMMARY AND BENCHMARK TABLE
    # ------------------------------------------------------------

    def _benchmark_table(self):
        """顾客满意度汇总及基准比较表: one row per dimension and one for the
        overall score, each with this campaign, the previous one, the target
        of the quality objective and every benchmark, and the differences.

        A constant number of queries, whatever the number of responses: the
        screen and the XLSX both read it.
        """
        self.ensure_one()
        previous = self.previous_campaign_id
        campaigns = self | previous
        Score = self.env["sales.qms.satisfaction.score"].sudo()
        dimension_scores = {
            (campaign.id, dimension.id): score
            for campaign, dimension, score in Score._read_group(
                [("campaign_id", "in", campaigns.ids)],
                ["campaign_id", "dimension_id"],
                ["score:avg"],
            )
        }
        overall_scores = {
            campaign.id: score
            for campaign, score in self.env["sales.qms.satisfaction.response"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", campaigns.ids), ("state", "=", "answered")],
                ["campaign_id"],
                ["score:avg"],
            )
        }
        dimensions = self.question_line_ids.dimension_id.sorted(
            lambda d: (d.sequence, d.id)
        )
        targets = self._benchmark_targets(dimensions)
        benchmarks = {}
        for benchmark in (
            self.env["sales.qms.satisfaction.benchmark"]
            .sudo()
            .search(
                [("company_id", "=", self.company_id.id), ("date", "<=", self.date_to)],
                order="date desc, id desc",
            )
        ):
            # the latest figure of each source for each dimension
            benchmarks.setdefault(benchmark.source, {}).setdefault(
                benchmark.dimension_id.id, benchmark.value
            )
        sources = sorted(benchmarks)

        def row(label, dimension_id, current, previous_value, target):
            values = {
                source: benchmarks[source].get(dimension_id) for source in sources
            }
            return {
                "label": label,
                "current": current,
                "previous": previous_value,
                "vs_previous": _difference(current, previous_value),
                "target": target,
                "vs_target": _difference(current, target),
                "benchmarks": values,
                "vs_benchmarks": {
                    source: _difference(current, value)
                    for source, value in values.items()
                },
            }

        rows = [
            row(
                dimension.name,
                dimension.id,
                dimension_scores.get((self.id, dimension.id)),
                dimension_scores.get((previous.id, dimension.id)),
                targets.get(dimension.id),
            )
            for dimension in dimensions
        ]
        rows.append(
            row(
                self.env._("Overall Satisfaction (weighted)"),
                False,
                overall_scores.get(self.id),
                overall_scores.get(previous.id),
                targets.get(False),
            )
        )
        return {"rows": rows, "sources": sources, "previous": previous}

    def _benchmark_targets(self, dimensions):
        """``{dimension id or False (overall): target}`` from the quality
        objectives of the company's year on the satisfaction indicators."""
        self.ensure_one()
        indicators = {
            dimension.indicator_id.id: dimension.id for dimension in dimensions
        }
        overall = (
            self.env["sales.qms.indicator"]
            .sudo()
            .search([("source", "=", "satisfaction_score")])
        )
        objectives = (
            self.env["sales.qms.objective"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("scope_type", "=", "company"),
                    ("indicator_id", "in", [*indicators, *overall.ids]),
                    ("fiscal_year_id.date_from", "<=", self.date_to),
                    ("fiscal_year_id.date_to", ">=", self.date_to),
                ],
                order="sequence, id",
            )
        )
        targets = {}
        for objective in objectives:
            key = indicators.get(objective.indicator_id.id, False)
            targets.setdefault(key, objective.target)
        return targets

    def _xlsx_satisfaction_benchmark(self):
        """顾客满意度汇总及基准比较表, one sheet per campaign."""
        sheets = []
        for campaign in self:
            table = campaign._benchmark_table()
            columns = [
                {"label": self.env._("Dimension"), "width": 24},
                {"label": campaign.name, "width": 14, "type": "number"},
                {
                    "label": table["previous"].name or self.env._("Previous Campaign"),
                    "width": 14,
                    "type": "number",
                },
                {"label": self.env._("vs Previous"), "width": 12, "type": "number"},
                {"label": self.env._("Target"), "width": 12, "type": "number"},
                {"label": self.env._("vs Target"), "width": 12, "type": "number"},
            ]
            for source in table["sources"]:
                columns += [
                    {"label": source, "width": 14, "type": "number"},
                    {
                        "label": self.env._("vs %(benchmark)s", benchmark=source),
                        "width": 12,
                        "type": "number",
                    },
                ]
            rows = [
                [
                    row["label"],
                    row["current"],
                    row["previous"],
                    row["vs_previous"],
                    row["target"],
                    row["vs_target"],
                    *(
                        value
                        for source in table["sources"]
                        for value in (
                            row["benchmarks"][source],
                            row["vs_benchmarks"][source],
                        )
                    ),
                ]
                for row in table["rows"]
            ]
            sheets.append(
                {
                    "name": campaign.name,
                    "title": self.env._(
                        "Customer Satisfaction Summary and Benchmark: %(campaign)s",
                        campaign=campaign.name,
                    ),
                    "subtitle": self.env._(
                        "%(company)s · %(date_from)s – %(date_to)s · %(responses)s "
                        "responses of %(invitations)s invitations",
                        company=campaign.company_id.name,
                        date_from=campaign.date_from,
                        date_to=campaign.date_to,
                        responses=campaign.response_count,
                        invitations=campaign.invitation_count,
                    ),
                    "columns": columns,
                    "rows": rows,
                }
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Customer Satisfaction Summary and Benchmark")
        )
        return self.env._("Customer Satisfaction Benchmark.xlsx"), content


def _format_score(value):
    return "" if value is None else f"{value:.2f}"


def _difference_class(value):
    if value is None:
        return ""
    return "text-success" if value >= 0 else "text-danger"


def _difference(value, reference):
    if value is None or reference is None or value is False or reference is False:
        return None
    return float_round(value - reference, precision_digits=PRECISION)
