from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, formatLang

from .sales_qms_indicator import UNIT_SUFFIXES

# Written only by the review's flow (gathering, holding, closing).
FLOW_FIELDS = {"state", "inputs_gathered_on", "inputs_gathered_by_id", "name"}
# States in which the review is the record of a meeting that took place.
FROZEN_STATES = ("held", "done")
# States in which the inputs may still be gathered (again).
GATHERING_STATES = ("draft", "inputs")


class SalesQmsManagementReview(models.Model):
    """Management review (管理评审, ISO 9001 §9.3).

    The inputs (管理评审输入) are never typed: ``action_gather_inputs`` reads
    them from the records of the period reviewed and stores them as
    ``sales.qms.management.review.input`` lines, the figures as they were on
    the day. Gathering again replaces them, until the review is held: from
    then on the review, its inputs and its decisions (管理评审输出) are the
    record of the meeting and never change.

    Extension point: ``_get_input_sections()`` returns the ordered list of
    ``(section_key, method_name)``; each method ``_input_<section>(self)``
    returns, for one review, a list of dicts with the keys of an input line
    (``label``, ``value``, ``value_display``, ``target_display``, ``status``
    among ``met``/``not_met``/``info``, ``note``, ``res_model``, ``res_ids``;
    ``section`` and ``sequence`` are filled in). A section is set-based: a
    constant number of queries (``_read_group`` over the whole period),
    never a query per record. An addon adds its section with::

        class SalesQmsManagementReviewInput(models.Model):
            _inherit = "sales.qms.management.review.input"
            section = fields.Selection(
                selection_add=[("complaint", "Customer Complaints")],
                ondelete={"complaint": "cascade"},
            )

        class SalesQmsManagementReview(models.Model):
            _inherit = "sales.qms.management.review"

            def _get_input_sections(self):
                return super()._get_input_sections() + [
                    ("complaint", "_input_complaint"),
                ]

            def _input_complaint(self):
                ...  # one _read_group over the period

    Section methods run as superuser after the caller's rights on the review
    were checked: an input measures the whole company, whoever gathers it.
    """

    _name = "sales.qms.management.review"
    _description = "Management Review"
    # its report is a controlled record (编制/审核/批准), signed after the meeting
    _inherit = ["sales.qms.signoff.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    title = fields.Char(
        required=True,
        tracking=True,
        default=lambda self: self.env._("Management Review"),
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(
        string="Meeting Date",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    chair_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    participant_ids = fields.Many2many(
        "res.users",
        "sales_qms_management_review_participant_rel",
        "review_id",
        "user_id",
        string="Participants",
        check_company=True,
        domain="[('share', '=', False)]",
    )
    date_from = fields.Date(
        string="Period From",
        required=True,
        tracking=True,
        default=lambda self: self._default_period()[0],
    )
    date_to = fields.Date(
        string="Period To",
        required=True,
        tracking=True,
        default=lambda self: self._default_period()[1],
    )
    business_plan_ids = fields.Many2many(
        "sales.qms.business.plan",
        "sales_qms_management_review_business_plan_rel",
        "review_id",
        "plan_id",
        string="Business Plans Reviewed",
        check_company=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("inputs", "Inputs Gathered"),
            ("held", "Held"),
            ("done", "Closed"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    input_ids = fields.One2many(
        "sales.qms.management.review.input", "review_id", string="Inputs"
    )
    input_count = fields.Integer(compute="_compute_input_count")
    not_met_count = fields.Integer(
        string="Inputs Not Met", compute="_compute_input_count"
    )
    inputs_gathered_on = fields.Datetime(readonly=True, copy=False)
    inputs_gathered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    minutes = fields.Html(help="What was presented and discussed at the meeting.")
    conclusions = fields.Html(
        help="The conclusions on the suitability, adequacy and effectiveness of "
        "the quality management system (ISO 9001 §9.3.3)."
    )
    decision_ids = fields.One2many(
        "sales.qms.management.review.decision",
        "review_id",
        string="Decisions",
        copy=False,
    )

    # ------------------------------------------------------------
    # DEFAULT METHODS
    # ------------------------------------------------------------

    @api.model
    def _default_period(self):
        """The company's fiscal year of today, else the 12 months before the
        current one."""
        today = fields.Date.context_today(self)
        year = self.env["sales.qms.fiscal.year"]._find_for_date(today, self.env.company)
        if year:
            return year.date_from, year.date_to
        first = today.replace(day=1)
        return first - relativedelta(months=12), first - relativedelta(days=1)

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_input_count(self):
        counts = {}
        for review, status, count in self.env[
            "sales.qms.management.review.input"
        ]._read_group(
            [("review_id", "in", self.ids)], ["review_id", "status"], ["__count"]
        ):
            counts.setdefault(review, {})[status] = count
        for review in self:
            by_status = counts.get(review, {})
            review.input_count = sum(by_status.values())
            review.not_met_count = by_status.get("not_met", 0)

    @api.depends("name", "title")
    def _compute_display_name(self):
        for review in self:
            review.display_name = (
                f"{review.name} {review.title}" if review.title else review.name
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for review in self:
            if review.date_from > review.date_to:
                raise ValidationError(
                    self.env._(
                        "The period reviewed by %(review)s ends (%(date_to)s) before "
                        "it starts (%(date_from)s).",
                        review=review.display_name,
                        date_from=review.date_from,
                        date_to=review.date_to,
                    )
                )

    @api.constrains("date")
    def _check_decision_deadlines(self):
        self.decision_ids._check_deadline()

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or any(
                vals.get(name) for name in FLOW_FIELDS - {"state", "name"}
            ):
                raise AccessError(
                    self.env._(
                        "A management review is created as a draft; its inputs are "
                        "gathered from the records."
                    )
                )
            if "input_ids" in vals:
                raise AccessError(self._inputs_frozen_message())
        reviews = super().create(vals_list)
        for review in reviews:
            review._write_flow(
                {
                    "name": self.env["ir.sequence"].next_by_code(
                        "sales.qms.management.review", sequence_date=review.date
                    )
                    or self.env._("New")
                }
            )
        return reviews

    def write(self, vals):
        if FLOW_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "The reference, state and gathering of a management review are "
                    "set by its buttons, never written by hand."
                )
            )
        if "input_ids" in vals:
            raise AccessError(self._inputs_frozen_message())
        if self._own_fields() & vals.keys():
            self._check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(review.state in FROZEN_STATES for review in self):
            raise UserError(
                self.env._(
                    "A management review that was held is a quality record and "
                    "cannot be deleted."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_gather_inputs(self):
        """Read the inputs from the records of the period, replacing those
        gathered before: only until the review is held."""
        self._check_manager()
        for review in self:
            if review.state not in GATHERING_STATES:
                raise UserError(
                    self.env._(
                        "The inputs of %(review)s were frozen when it was held: "
                        "they cannot be gathered again.",
                        review=review.display_name,
                    )
                )
        self.check_access("write")
        Input = self.env["sales.qms.management.review.input"].sudo()
        Input.search([("review_id", "in", self.ids)])._unlink_gathered()
        vals_list = []
        for review in self.sudo():
            vals_list += review._gather_inputs()
        Input._create_gathered(vals_list)
        self._write_flow(
            {
                "state": "inputs",
                "inputs_gathered_on": fields.Datetime.now(),
                "inputs_gathered_by_id": self.env.uid,
            }
        )
        return True

    def action_hold(self):
        """The meeting took place: the review, its inputs and its decisions
        are the record of it from now on."""
        self._check_manager()
        for review in self:
            if review.state != "inputs":
                raise UserError(
                    self.env._(
                        "Gather the inputs of %(review)s before recording it as held.",
                        review=review.display_name,
                    )
                )
        self._write_flow({"state": "held"})
        return True

    def action_done(self):
        """Close the review once its report is approved (批准)."""
        self._check_manager()
        if any(review.state != "held" for review in self):
            raise UserError(self.env._("Only a held management review can be closed."))
        unsigned = self.filtered(lambda review: review.signoff_state != "approved")
        if unsigned:
            raise UserError(
                self.env._(
                    "The report of %(review)s must be approved (编制 → 审核 → 批准) "
                    "before the review is closed.",
                    review=unsigned[0].display_name,
                )
            )
        self._write_flow({"state": "done"})
        return True

    def action_cancel(self):
        self._check_manager()
        if any(review.state not in GATHERING_STATES for review in self):
            raise UserError(
                self.env._("A management review that was held cannot be cancelled.")
            )
        self._write_flow({"state": "cancel"})
        return True

    def action_draft(self):
        self._check_manager()
        if any(review.state != "cancel" for review in self):
            raise UserError(
                self.env._("Only a cancelled management review can be reset to draft.")
            )
        self._write_flow({"state": "draft"})
        return True

    def action_view_inputs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_management_review_input_action"
        )
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {"group_by": ["section"]}
        return action

    def action_print(self):
        return self.env.ref("sales_qms.action_report_management_review").report_action(
            self
        )

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("management_review", self)

    # ------------------------------------------------------------
    # INPUT SECTIONS (see the class docstring)
    # ------------------------------------------------------------

    def _get_input_sections(self):
        """Ordered ``[(section_key, method_name)]`` of the inputs."""
        return [
            ("objective", "_input_objective"),
            ("satisfaction", "_input_satisfaction"),
            ("contract_review", "_input_contract_review"),
            ("business_plan", "_input_business_plan"),
        ]

    def _gather_inputs(self):
        """The values of the input lines of one review, section by section."""
        self.ensure_one()
        vals_list = []
        sequence = 0
        for section, method_name in self._get_input_sections():
            for vals in getattr(self, method_name)():
                sequence += 1
                vals_list.append(
                    {
                        "status": "info",
                        "res_ids": [],
                        **vals,
                        "review_id": self.id,
                        "section": section,
                        "sequence": sequence,
                    }
                )
        return vals_list

    def _input_objective(self):
        """Quality objectives (质量目标): each objective of the company measured
        in the period, its result over the months of the period as the
        roll-ups compute it (sums over sums, never an average of rates)."""
        self.ensure_one()
        objectives = self.env["sales.qms.objective"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("fiscal_year_id.date_from", "<=", self.date_to),
                ("fiscal_year_id.date_to", ">=", self.date_from),
            ]
        )
        months = {
            objective: (numerator, denominator, target, count, ids)
            # the aggregates of sales.qms.measurement leave out the months
            # without data (its _read_group_select)
            for objective, numerator, denominator, target, count, ids in self.env[
                "sales.qms.measurement"
            ]._read_group(
                [
                    ("objective_id", "in", objectives.ids),
                    ("period_type", "=", "month"),
                    ("date_from", ">=", self.date_from),
                    ("date_to", "<=", self.date_to),
                    ("status", "!=", "no_data"),
                ],
                ["objective_id"],
                [
                    "numerator:sum",
                    "denominator:sum",
                    "target:sum",
                    "__count",
                    "id:array_agg",
                ],
            )
        }
        lines = []
        for objective in objectives:
            indicator = objective.indicator_id
            currency = objective.company_id.currency_id
            if objective not in months or not objective.indicator_source_installed:
                lines.append(
                    {
                        "label": objective.name,
                        "target_display": objective.target_display,
                        "note": self.env._("No month of the period was measured."),
                        "res_model": "sales.qms.objective",
                        "res_ids": objective.ids,
                    }
                )
                continue
            numerator, denominator, target_sum, count, ids = months[objective]
            value = indicator._value_from(numerator, denominator)
            # each month against its own target for a sum, the target of the
            # objective for a ratio: as the year roll-up compares
            target = target_sum if indicator.aggregation == "sum" else objective.target
            status = objective._status_for(value, target)
            comparison = dict(objective._fields["comparison"].selection)[
                objective.comparison
            ]
            lines.append(
                {
                    "label": objective.name,
                    "value": value or 0.0,
                    "value_display": indicator._format_value(value, currency)
                    or self.env._("No data"),
                    "target_display": (
                        f"{comparison} {indicator._format_value(target, currency)}"
                    ),
                    "status": status if status != "no_data" else "info",
                    "note": self.env._(
                        "%(count)s months measured; %(scope)s",
                        count=count,
                        scope=objective.scope_display,
                    ),
                    "res_model": "sales.qms.measurement",
                    "res_ids": sorted(ids),
                }
            )
        return lines

    def _input_satisfaction(self):
        """Customer satisfaction (顾客满意度): the campaigns closed in the
        period, their overall score and the score of each dimension against
        the best benchmark recorded up to the end of the period."""
        self.ensure_one()
        campaigns = self.env["sales.qms.satisfaction.campaign"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "closed"),
                ("date_to", ">=", self.date_from),
                ("date_to", "<=", self.date_to),
            ],
            order="date_to, id",
        )
        if not campaigns:
            return []
        overall = {
            campaign: (score, count, ids)
            for campaign, score, count, ids in self.env[
                "sales.qms.satisfaction.response"
            ]._read_group(
                [("campaign_id", "in", campaigns.ids), ("state", "=", "answered")],
                ["campaign_id"],
                ["score:avg", "__count", "id:array_agg"],
            )
        }
        by_dimension = {}
        for campaign, dimension, score, ids in self.env[
            "sales.qms.satisfaction.score"
        ]._read_group(
            [("campaign_id", "in", campaigns.ids)],
            ["campaign_id", "dimension_id"],
            ["score:avg", "id:array_agg"],
        ):
            by_dimension.setdefault(campaign, []).append((dimension, score, ids))
        # the latest figure of each source per dimension (False: overall)
        latest = {}
        for benchmark in self.env["sales.qms.satisfaction.benchmark"].search(
            [("company_id", "=", self.company_id.id), ("date", "<=", self.date_to)],
            order="date desc, id desc",
        ):
            latest.setdefault(benchmark.dimension_id.id, {}).setdefault(
                benchmark.source, benchmark.value
            )
        points = str(UNIT_SUFFIXES["score"])

        def line(label, score, dimension_id, res_model, ids, note):
            benchmarks = latest.get(dimension_id, {})
            best_source = max(benchmarks, key=benchmarks.get, default=None)
            vals = {
                "label": label,
                "value": score or 0.0,
                "value_display": (
                    f"{formatLang(self.env, score, digits=2)} {points}"
                    if score is not None
                    else self.env._("No data")
                ),
                "note": note,
                "res_model": res_model,
                "res_ids": sorted(ids),
            }
            if best_source is not None:
                best = benchmarks[best_source]
                vals["target_display"] = self.env._(
                    "≥ %(value)s %(points)s (best benchmark: %(benchmark)s)",
                    value=formatLang(self.env, best, digits=2),
                    points=points,
                    benchmark=best_source,
                )
                if score is not None:
                    vals["status"] = (
                        "met"
                        if float_compare(score, best, precision_digits=2) >= 0
                        else "not_met"
                    )
            return vals

        lines = []
        for campaign in campaigns:
            score, count, ids = overall.get(campaign, (None, 0, []))
            lines.append(
                line(
                    self.env._(
                        "%(campaign)s · Weighted Overall Score", campaign=campaign.name
                    ),
                    score,
                    False,
                    "sales.qms.satisfaction.response",
                    ids,
                    self.env._(
                        "%(count)s responses, %(date_from)s – %(date_to)s",
                        count=count,
                        date_from=campaign.date_from,
                        date_to=campaign.date_to,
                    ),
                )
            )
            for dimension, dim_score, dim_ids in sorted(
                by_dimension.get(campaign, []),
                key=lambda row: (row[0].sequence, row[0].id),
            ):
                lines.append(
                    line(
                        f"{campaign.name} · {dimension.name}",
                        dim_score,
                        dimension.id,
                        "sales.qms.satisfaction.score",
                        dim_ids,
                        False,
                    )
                )
        return lines

    def _input_contract_review(self):
        """Contract review (合同评审): the orders confirmed in the period
        (their order date, in the company's calendar), those that needed a
        review, approved or confirmed by an override."""
        self.ensure_one()
        Indicator = self.env["sales.qms.indicator"]
        start = Indicator._day_start_utc(self.date_from, self.company_id)
        stop = Indicator._day_start_utc(
            self.date_to + relativedelta(days=1), self.company_id
        )
        counts = {
            state: (count, ids)
            for state, count, ids in self.env["sale.order"]._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "sale"),
                    ("date_order", ">=", start),
                    ("date_order", "<", stop),
                ],
                ["qms_review_state"],
                ["__count", "id:array_agg"],
            )
        }

        def count_ids(*states):
            rows = [counts[state] for state in states if state in counts]
            return (
                sum(count for count, _ids in rows),
                sorted(i for _count, ids in rows for i in ids),
            )

        confirmed, confirmed_ids = count_ids(*counts)
        approved, approved_ids = count_ids("approved")
        overridden, overridden_ids = count_ids("overridden")
        reviewed, reviewed_ids = count_ids("approved", "overridden")

        def orders(count):
            return self.env._("%(count)s orders", count=count)

        lines = [
            {
                "label": self.env._("Orders confirmed"),
                "value": confirmed,
                "value_display": orders(confirmed),
                "res_model": "sale.order",
                "res_ids": confirmed_ids,
            },
            {
                "label": self.env._("Orders that needed a contract review"),
                "value": reviewed,
                "value_display": orders(reviewed),
                "res_model": "sale.order",
                "res_ids": reviewed_ids,
            },
            {
                "label": self.env._("Confirmed after an approved review"),
                "value": approved,
                "value_display": orders(approved),
                "res_model": "sale.order",
                "res_ids": approved_ids,
            },
            {
                "label": self.env._("Confirmed by an override"),
                "value": overridden,
                "value_display": orders(overridden),
                "target_display": orders(0),
                "status": "met" if not overridden else "not_met",
                "res_model": "sale.order",
                "res_ids": overridden_ids,
            },
        ]
        if reviewed:
            rate = approved / reviewed * 100
            lines.append(
                {
                    "label": self.env._("Contract review rate"),
                    "value": rate,
                    "value_display": f"{formatLang(self.env, rate, digits=2)} %",
                    "target_display": "100.00 %",
                    "status": "met"
                    if float_compare(rate, 100.0, precision_digits=2) >= 0
                    else "not_met",
                    "res_model": "sale.order",
                    "res_ids": reviewed_ids,
                }
            )
        return lines

    def _input_business_plan(self):
        """Business plans (经营计划评审): for each plan reviewed, each metric and
        year, the planned against the actual value, and the gap with the
        competitors."""
        self.ensure_one()
        lines = []
        for plan_line in self.env["sales.qms.business.plan.line"].search(
            [("plan_id", "in", self.business_plan_ids.ids)],
            order="plan_id, metric_sequence, metric_id, year",
        ):
            metric = plan_line.metric_id
            vals = {
                "label": f"{plan_line.plan_id.name} · {metric.name} · {plan_line.year}",
                "value": plan_line.actual_value,
                "value_display": metric._format_value(plan_line.actual_value)
                if plan_line.has_actual
                else self.env._("No data"),
                "target_display": metric._format_value(plan_line.planned_value),
                "note": "; ".join(
                    part
                    for part in (
                        plan_line.competitor_value
                        and self.env._(
                            "Competitor: %(value)s",
                            value=metric._format_value(plan_line.competitor_value),
                        ),
                        plan_line.gap_comment,
                    )
                    if part
                )
                or False,
                "res_model": "sales.qms.business.plan.line",
                "res_ids": plan_line.ids,
            }
            if plan_line.has_actual:
                vals["status"] = "met" if plan_line.is_met else "not_met"
            lines.append(vals)
        return lines

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _signoff_exempt_fields(self):
        # the review's flow goes on after its report is signed (closing)
        return super()._signoff_exempt_fields() | FLOW_FIELDS

    def _signoff_check_ready(self):
        """The report records a meeting: it is prepared once the review is
        held, its inputs and decisions frozen."""
        if self.state != "held":
            raise UserError(
                self.env._(
                    "The report of %(review)s is prepared once the review is held.",
                    review=self.display_name,
                )
            )
        return super()._signoff_check_ready()

    def _signoff_report_xmlid(self):
        return "sales_qms.action_report_management_review"

    def action_signoff_new_version(self):
        if any(review.state == "done" for review in self):
            raise UserError(
                self.env._(
                    "A closed management review is a quality record: its approved "
                    "report stays the last version."
                )
            )
        return super().action_signoff_new_version()

    def _write_flow(self, vals):
        """Write the fields of the review's flow: private, the buttons' own
        path (``write`` refuses them to everybody)."""
        return super().write(vals)

    @api.model
    def _own_fields(self):
        """The review's fields, those of the chatter and activities left out:
        a held review still takes messages."""
        mixin_fields = set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )
        return set(self._fields) - mixin_fields - {"display_name"}

    def _check_not_frozen(self):
        for review in self:
            if review.state in FROZEN_STATES:
                raise UserError(
                    self.env._(
                        "The management review %(review)s was held: it is the record "
                        "of the meeting and cannot be changed.",
                        review=review.display_name,
                    )
                )

    def _check_manager(self):
        if not (
            self.env.su or self.env.user.has_group("sales_qms.group_sales_qms_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the quality representative conducts the management review."
                )
            )

    def _inputs_frozen_message(self):
        return self.env._(
            "The inputs of a management review are gathered from the records, "
            "never typed or edited."
        )

    def _xlsx_management_review(self):
        """管理评审报告: the inputs and the decisions of each review."""
        Input = self.env["sales.qms.management.review.input"]
        sections = dict(Input._fields["section"]._description_selection(self.env))
        statuses = dict(Input._fields["status"]._description_selection(self.env))
        sheets = []
        for review in self:
            subtitle = self.env._(
                "%(company)s · Period %(date_from)s – %(date_to)s · Meeting "
                "%(date)s · Chair %(chair)s",
                company=review.company_id.name,
                date_from=review.date_from,
                date_to=review.date_to,
                date=review.date,
                chair=review.chair_id.name,
            )
            sheets.append(
                {
                    "name": self.env._("Inputs %(review)s", review=review.name)
                    if len(self) > 1
                    else self.env._("Inputs"),
                    "title": self.env._(
                        "Management Review Inputs: %(review)s",
                        review=review.display_name,
                    ),
                    "subtitle": subtitle,
                    "columns": [
                        {"label": self.env._("Section"), "width": 18},
                        {"label": self.env._("Item"), "width": 40},
                        {"label": self.env._("Actual"), "width": 16},
                        {"label": self.env._("Target"), "width": 30},
                        {"label": self.env._("Status"), "width": 10},
                        {"label": self.env._("Note"), "width": 40},
                    ],
                    "rows": [
                        [
                            sections.get(line.section, line.section),
                            line.label,
                            line.value_display or "",
                            line.target_display or "",
                            statuses.get(line.status, ""),
                            line.note or "",
                        ]
                        for line in review.input_ids
                    ],
                    "footer": review._signoff_xlsx_footer(),
                }
            )
            sheets.append(
                {
                    "name": self.env._("Decisions %(review)s", review=review.name)
                    if len(self) > 1
                    else self.env._("Decisions"),
                    "title": self.env._(
                        "Management Review Decisions: %(review)s",
                        review=review.display_name,
                    ),
                    "subtitle": subtitle,
                    "columns": [
                        {"label": self.env._("No."), "width": 6, "type": "integer"},
                        {"label": self.env._("Decision"), "width": 50},
                        {"label": self.env._("Responsible"), "width": 18},
                        {"label": self.env._("Deadline"), "width": 12, "type": "date"},
                        {"label": self.env._("Note"), "width": 40},
                    ],
                    "rows": [
                        [
                            index,
                            decision.description,
                            decision.responsible_id.name or "",
                            decision.deadline,
                            decision.note or "",
                        ]
                        for index, decision in enumerate(review.decision_ids, 1)
                    ],
                    "footer": review._signoff_xlsx_footer(),
                }
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Management Review")
        )
        return self.env._("Management Review.xlsx"), content
