import logging
from datetime import datetime, time

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import float_compare

from .sales_qms_indicator import (
    MAX_MEASURED_VALUE,
    MAX_MEASURED_VALUE_TEXT,
    UNIT_SUFFIXES,
)

_logger = logging.getLogger(__name__)

COMPARISONS = [("ge", "≥"), ("le", "≤"), ("eq", "=")]
STATUSES = [("met", "Met"), ("not_met", "Not met"), ("no_data", "No data")]
# Scope types; an addon adds one with selection_add, a many2one holding it
# and an entry in sales.qms.indicator._get_scope_specs().
SCOPE_TYPES = [
    ("company", "Company"),
    ("team", "Sales Team"),
    ("user", "Salesperson"),
    ("partner_category", "Customer Category"),
]


class SalesQmsObjective(models.Model):
    """Quality objective (质量目标): an indicator, a target, a year, a scope."""

    _name = "sales.qms.objective"
    _description = "Quality Objective"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "fiscal_year_id desc, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    indicator_id = fields.Many2one(
        "sales.qms.indicator",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
    )
    unit = fields.Selection(related="indicator_id.unit")
    unit_label = fields.Char(compute="_compute_unit_label")
    indicator_source_installed = fields.Boolean(related="indicator_id.source_installed")
    comparison = fields.Selection(
        COMPARISONS,
        required=True,
        tracking=True,
        compute="_compute_comparison",
        store=True,
        readonly=False,
        precompute=True,
    )
    target = fields.Float(
        string="Target Value",
        required=True,
        tracking=True,
        digits=(16, 2),
        help="Target of one month. For a rate or an average it is also the "
        "target of the quarter and the year; for a count or an amount the "
        "quarter and year targets add up the months measured.",
    )
    target_display = fields.Char(string="Target", compute="_compute_target_display")
    can_edit_target = fields.Boolean(compute="_compute_can_edit_target")
    target_effective_from = fields.Date(
        readonly=True,
        copy=False,
        help="The month the current target applies from: months before it keep "
        "the target they were measured against.",
    )
    fiscal_year_id = fields.Many2one(
        "sales.qms.fiscal.year",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self._default_fiscal_year(),
        check_company=True,
    )
    scope_type = fields.Selection(
        SCOPE_TYPES, string="Scope", required=True, default="company", tracking=True
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", tracking=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    partner_category_id = fields.Many2one(
        "res.partner.category",
        string="Customer Category",
        tracking=True,
        help="Measured on the orders of the customers carrying this tag.",
    )
    scope_display = fields.Char(string="Measured On", compute="_compute_scope_display")
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    # ISO 9001 §6.2.2: planning how the objective will be achieved
    action_plan = fields.Html(
        string="What Will Be Done",
        help="The actions that will achieve the objective (ISO 9001 §6.2.2 a).",
    )
    resources = fields.Text(
        string="Resources Required",
        tracking=True,
        help="People, budget, tools the actions need (§6.2.2 b).",
    )
    responsible_department = fields.Char(
        tracking=True,
        help="The department responsible (§6.2.2 c); the owner is the person.",
    )
    due_date = fields.Date(
        string="To Be Completed By",
        tracking=True,
        compute="_compute_due_date",
        store=True,
        readonly=False,
        precompute=True,
        help="When it will be completed (§6.2.2 d): by default the end of the "
        "fiscal year.",
    )
    measurement_frequency = fields.Selection(
        [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")],
        string="Evaluated",
        required=True,
        default="month",
        tracking=True,
        help="How often the results are evaluated (§6.2.2 e); the engine "
        "measures every month whatever the choice.",
    )
    evaluation_method = fields.Text(
        string="How Results Are Evaluated",
        compute="_compute_evaluation_method",
        store=True,
        readonly=False,
        precompute=True,
        help="Measurement method: formula, data source and frequency (§6.2.2 "
        "e), from the indicator's definition unless written here.",
    )
    measurement_ids = fields.One2many("sales.qms.measurement", "objective_id")
    month_measurement_ids = fields.One2many(
        "sales.qms.measurement",
        "objective_id",
        string="Monthly Measurements",
        domain=[("period_type", "=", "month")],
    )
    rollup_measurement_ids = fields.One2many(
        "sales.qms.measurement",
        "objective_id",
        string="Quarters and Year",
        domain=[("period_type", "in", ("quarter", "year"))],
    )
    year_value = fields.Float(
        string="Year to Date", compute="_compute_year_result", store=True
    )
    year_value_display = fields.Char(
        string="Year to Date ", compute="_compute_year_value_display"
    )
    status = fields.Selection(
        STATUSES,
        compute="_compute_year_result",
        store=True,
        help="Status of the year to date, from the months measured so far.",
    )
    measured_month_count = fields.Integer(
        string="Months Measured", compute="_compute_year_result", store=True
    )
    met_month_count = fields.Integer(
        string="Months Met", compute="_compute_year_result", store=True
    )
    last_computed_on = fields.Datetime(readonly=True, copy=False)
    compute_error = fields.Text(
        readonly=True,
        copy=False,
        help="Why the last computation failed; the other objectives were measured.",
    )

    # ------------------------------------------------------------
    # DEFAULT METHODS
    # ------------------------------------------------------------

    def _default_fiscal_year(self):
        return self.env["sales.qms.fiscal.year"]._find_for_date(
            self._today(), self.env.company
        )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("indicator_id")
    def _compute_comparison(self):
        for objective in self:
            if objective.indicator_id.direction == "lower":
                objective.comparison = "le"
            elif not objective.comparison:
                objective.comparison = "ge"

    @api.depends("comparison", "target", "unit", "currency_id")
    @api.depends_context("lang")
    def _compute_target_display(self):
        symbols = dict(COMPARISONS)
        for objective in self:
            if not objective.indicator_id:
                objective.target_display = False
                continue
            objective.target_display = "{} {}".format(
                symbols.get(objective.comparison, ""),
                objective.indicator_id._format_value(
                    objective.target, objective.currency_id
                ),
            ).strip()

    @api.depends("fiscal_year_id")
    def _compute_due_date(self):
        for objective in self:
            objective.due_date = objective.fiscal_year_id.date_to

    @api.depends("indicator_id", "measurement_frequency")
    def _compute_evaluation_method(self):
        frequencies = dict(
            self._fields["measurement_frequency"]._description_selection(self.env)
        )
        for objective in self:
            if not objective.indicator_id:
                objective.evaluation_method = False
                continue
            formula, data_source = objective.indicator_id._definition()
            objective.evaluation_method = "\n".join(
                [
                    self.env._("Formula: %(formula)s", formula=formula),
                    self.env._("Data source: %(data_source)s", data_source=data_source),
                    self.env._(
                        "Frequency: %(frequency)s",
                        frequency=frequencies[objective.measurement_frequency],
                    ),
                ]
            )

    @api.depends_context("uid")
    def _compute_can_edit_target(self):
        self.can_edit_target = self._user_sets_targets()

    @api.depends("unit")
    @api.depends_context("lang")
    def _compute_unit_label(self):
        for objective in self:
            objective.unit_label = str(UNIT_SUFFIXES.get(objective.unit, ""))

    @api.depends("year_value", "status", "unit", "currency_id")
    @api.depends_context("lang")
    def _compute_year_value_display(self):
        for objective in self:
            measured = objective.indicator_id and objective.status != "no_data"
            objective.year_value_display = (
                objective.indicator_id._format_value(
                    objective.year_value, objective.currency_id
                )
                if measured
                else False
            )

    @api.depends(lambda self: ["scope_type", *self._scope_fields()])
    def _compute_scope_display(self):
        for objective in self:
            # a name, even of a team the reader may not open: one record must
            # never break the list
            objective.scope_display = objective._get_scope_record().sudo().display_name

    @api.depends("measurement_ids.status", "measurement_ids.value")
    def _compute_year_result(self):
        for objective in self:
            months = objective.measurement_ids.filtered(
                lambda m: m.period_type == "month"
            )
            year = objective.measurement_ids.filtered(
                lambda m: m.period_type == "year"
            )[:1]
            objective.year_value = year.value
            objective.status = year.status or "no_data"
            objective.measured_month_count = len(
                months.filtered(lambda m: m.status != "no_data")
            )
            objective.met_month_count = len(
                months.filtered(lambda m: m.status == "met")
            )

    # ------------------------------------------------------------
    # CONSTRAINT AND ONCHANGE METHODS
    # ------------------------------------------------------------

    @api.onchange("scope_type")
    def _onchange_scope_type(self):
        # a team or salesperson left over from another scope would mislead
        specs = self.env["sales.qms.indicator"]._get_scope_specs()
        kept = specs.get(self.scope_type, {}).get("field")
        for fname in self._scope_fields() - {kept, "company_id"}:
            self[fname] = False

    @api.constrains("name")
    def _check_name(self):
        for objective in self:
            if not (objective.name or "").strip():
                raise ValidationError(self.env._("Give the quality objective a name."))

    @api.constrains("owner_id", "user_id", "company_id")
    def _check_people(self):
        # an owner or a salesperson outside the company, or a portal user,
        # could not open the objective nor act on it
        for objective in self:
            for user in objective.owner_id | objective.user_id:
                if user.share or objective.company_id not in user.company_ids:
                    raise ValidationError(
                        self.env._(
                            "%(user)s is not an internal user of %(company)s: they "
                            "cannot own or be measured by the objective %(objective)s.",
                            user=user.name,
                            company=objective.company_id.name,
                            objective=objective.name,
                        )
                    )

    @api.constrains("target", "indicator_id")
    def _check_target(self):
        for objective in self:
            if not 0 <= objective.target <= MAX_MEASURED_VALUE:
                raise ValidationError(
                    self.env._(
                        "The target of %(objective)s must be between 0 and %(max)s.",
                        objective=objective.name,
                        max=MAX_MEASURED_VALUE_TEXT,
                    )
                )
            if objective.unit == "percent" and objective.target > 100:
                raise ValidationError(
                    self.env._(
                        "The target of %(objective)s is a rate: it must be between "
                        "0 and 100 %%.",
                        objective=objective.name,
                    )
                )

    @api.constrains("fiscal_year_id")
    def _check_fiscal_year(self):
        for objective in self:
            year = objective.fiscal_year_id
            if not year.period_ids:
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s has no months. Generate its months "
                        "before setting objectives for it.",
                        year=year.name,
                    )
                )

    @api.constrains(lambda self: ["scope_type", "indicator_id", *self._scope_fields()])
    def _check_scope(self):
        labels = dict(self._fields["scope_type"]._description_selection(self.env))
        for objective in self:
            if not objective._get_scope_record():
                raise ValidationError(
                    self.env._(
                        "Choose the %(scope)s of the objective %(objective)s.",
                        scope=labels.get(objective.scope_type, objective.scope_type),
                        objective=objective.name,
                    )
                )
            if objective.indicator_id.source_installed:
                # raises a clear error when the source has no such scope
                objective.indicator_id._get_scope_path(objective.scope_type)

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        objectives = super().create(vals_list)
        objectives._check_scope_rights()
        return objectives

    def write(self, vals):
        measured_on = self._measured_on_fields()
        if measured_on & vals.keys() and self._has_frozen_months():
            raise UserError(
                self.env._(
                    "This objective has closed months: its indicator, scope and "
                    "fiscal year can no longer change. Archive it and create a "
                    "new objective instead."
                )
            )
        target_fields = {"target", "comparison"} & vals.keys()
        if target_fields:
            self._check_target_rights()
            if "target_effective_from" not in vals:
                # from this month on; months already measured keep theirs
                today = self._today(self[:1].company_id)
                vals = dict(vals, target_effective_from=today.replace(day=1))
        result = super().write(vals)
        if measured_on & vals.keys():
            self._check_scope_rights()
        if "fiscal_year_id" in vals:
            # months of the former year are not this objective's any more
            self.measurement_ids.sudo().unlink()
        if (measured_on | target_fields) & vals.keys():
            # keep what is displayed true to the new definition at once
            self.filtered("last_computed_on")._compute_measurements()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        if self._has_frozen_months():
            raise UserError(
                self.env._(
                    "An objective with closed months is a quality record: archive "
                    "it instead of deleting it."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_compute(self):
        """Measure now. Only those who may change an objective may have it
        recomputed (the computation itself runs as superuser)."""
        self.check_access("write")
        self._compute_measurements_safely()._raise_compute_errors()
        return True

    def action_view_measurements(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_measurement_action"
        )
        action["domain"] = [("objective_id", "in", self.ids)]
        action["context"] = {
            "search_default_filter_month": 1,
            "search_default_filter_measured": 1,
        }
        return action

    def action_export_achievement_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download(
            "objective_achievement", self
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _today(self, company=None):
        """Today in the company's calendar, the one months are measured in."""
        tz = self.env["sales.qms.indicator"]._get_timezone(company)
        return datetime.now(tz).date()

    @api.model
    def _scope_fields(self):
        """The objective's fields holding a scope, one per scope type."""
        specs = self.env["sales.qms.indicator"]._get_scope_specs()
        return {spec["field"] for spec in specs.values()}

    @api.model
    def _measured_on_fields(self):
        """Fields whose change invalidates what closed months recorded."""
        return {"indicator_id", "scope_type", "fiscal_year_id", *self._scope_fields()}

    def _get_scope_record(self):
        """The company, team, salesperson… the objective is measured on."""
        self.ensure_one()
        spec = self.env["sales.qms.indicator"]._get_scope_specs().get(self.scope_type)
        return self[spec["field"]] if spec else self.env["res.company"]

    @api.model
    def _user_sets_targets(self):
        """Whether the current user sets targets: the quality representative
        and sales managers (for the objectives the record rules let them edit)."""
        user = self.env.user
        return user.has_group("sales_qms.group_sales_qms_manager") or user.has_group(
            "sales_team.group_sale_manager"
        )

    def _check_scope_rights(self):
        """Who may measure whom: the quality representative and sales managers
        anyone; others the company, a customer category, the team they lead
        and themselves. Measuring a colleague would show their sales, which
        the sales rules hide."""
        user = self.env.user
        if self.env.su or self._user_sets_targets():
            return
        for objective in self:
            if (objective.scope_type == "user" and objective.user_id != user) or (
                objective.scope_type == "team" and objective.team_id.user_id != user
            ):
                raise AccessError(
                    self.env._(
                        "Only the quality representative or a sales manager can set "
                        "an objective on %(scope)s.",
                        scope=objective.scope_display,
                    )
                )

    def _check_target_rights(self):
        """Targets are set by the quality representative, or by the sales
        manager of the team (the record rules say which objectives)."""
        if not (self.env.su or self._user_sets_targets()):
            raise AccessError(
                self.env._(
                    "Only the quality representative or the sales manager of the "
                    "team can change the target of a quality objective."
                )
            )

    def _quality_representative(self):
        """Who acts on the objective when its owner cannot: a quality
        representative of its company."""
        self.ensure_one()
        group = self.env.ref("sales_qms.group_sales_qms_manager")
        candidates = group.sudo().users.filtered(
            lambda u: (
                u.active
                and not u.share
                and u.id != SUPERUSER_ID
                and self.company_id in u.company_ids
            )
        )
        return candidates.sorted("id")[:1] or self.env.user

    def _activity_user(self):
        """The owner when they can open the objective, else the quality
        representative: a to-do nobody can act on helps nobody."""
        self.ensure_one()
        owner = self.owner_id
        if (
            owner.active
            and not owner.share
            and self.company_id in owner.company_ids
            and owner.has_group("sales_qms.group_sales_qms_user")
        ):
            return owner
        return self._quality_representative()

    def _has_frozen_months(self):
        return bool(
            self.env["sales.qms.measurement"].search_count(
                [("objective_id", "in", self.ids), ("is_frozen", "=", True)], limit=1
            )
        )

    def _status_for(self, value, target):
        """met / not_met / no_data for a value against a target."""
        self.ensure_one()
        if value is None:
            return "no_data"
        # compare as displayed: two decimals
        comparison = float_compare(value, target, precision_digits=2)
        met = {
            "ge": comparison >= 0,
            "le": comparison <= 0,
            "eq": comparison == 0,
        }[self.comparison]
        return "met" if met else "not_met"

    def _compute_measurements(self, periods=None, closing=None):
        """Measure the open months of the objectives and refresh the roll-ups.

        Objectives sharing an indicator, a scope type and a company are
        computed together by one call to the indicator engine for the whole
        span of their fiscal years, so the number of queries depends on the
        configuration, never on the number of orders or months. Measurements
        of closed months are left untouched (a closed month the objective has
        not been measured on yet is measured once); months not started yet are
        "no data". A month measured for the last time (being closed, or closed
        already) keeps the ids of the records behind its value: its snapshot.

        Objectives whose indicator lost its source (its module uninstalled)
        keep their measurements and are no longer computed.

        :param periods: only measure these months (all open months if None)
        :param closing: months being closed: their snapshot is taken
        """
        objectives = self.sudo().filtered(
            lambda o: o.active and o.indicator_id.source_installed
        )
        if not objectives:
            return
        closing = closing or self.env["sales.qms.period"]
        Measurement = self.env["sales.qms.measurement"].sudo()
        existing = {
            (m.objective_id.id, m.period_type, m.date_from): m
            for m in Measurement.search([("objective_id", "in", objectives.ids)])
        }
        groups = objectives.grouped(
            lambda o: (o.indicator_id, o.scope_type, o.company_id)
        )

        vals_to_create = []
        for (indicator, scope_type, company), group in groups.items():
            today = self._today(company)
            # (objective, period) measured now, and those of them made final
            measured = [
                (objective, period)
                for objective in group
                for period in objective.fiscal_year_id.period_ids
                if (not periods or period in periods)
                and not (
                    period.state == "closed"
                    and (objective.id, "month", period.date_from) in existing
                )
            ]
            final = [
                (objective, period)
                for objective, period in measured
                if (period.state == "closed" or period in closing)
                and period.date_from <= today
            ]
            final_keys = {(objective.id, period.id) for objective, period in final}
            scope_ids = list({o._get_scope_record().id for o in group})
            values = group._read_engine(indicator, scope_type, scope_ids, measured)
            snapshots = group._read_engine(
                indicator, scope_type, scope_ids, final, record_ids=True
            )
            for objective, period in measured:
                key = (objective.id, "month", period.date_from)
                engine_key = (period.date_from, objective._get_scope_record().id)
                value, num, den = values.get(engine_key, (None, 0.0, 0.0))
                if period.date_from > today:
                    value, num, den = None, 0.0, 0.0
                snapshot = None
                if (objective.id, period.id) in final_keys:
                    snapshot = snapshots.get(engine_key, [])
                objective._store_month(
                    period,
                    existing.get(key),
                    (value, num, den),
                    snapshot,
                    vals_to_create,
                )
        Measurement.create(vals_to_create)
        objectives._compute_rollups()
        objectives.write(
            {"last_computed_on": fields.Datetime.now(), "compute_error": False}
        )

    def _store_month(self, period, measurement, measured, snapshot, vals_to_create):
        """Write the month ``period`` of this objective as ``measured``
        ``(value, numerator, denominator)``, or queue its creation in
        ``vals_to_create``. Months measured before ``target_effective_from``
        keep their target; a corrected month keeps its values; ``snapshot``
        (the record ids behind the value) is kept when given."""
        self.ensure_one()
        value, numerator, denominator = measured
        target = self._get_month_target(period)
        if measurement and period.date_from < (
            self.target_effective_from or period.date_from
        ):
            target = measurement.target  # measured before the change
        vals = {
            "numerator": numerator,
            "denominator": denominator,
            "value": value or 0.0,
            "target": target,
            "status": self._status_for(value, target),
        }
        if measurement and measurement.is_corrected:
            # a correction stands until the quality representative corrects
            # the month again, reopened or not
            vals = {}
        if snapshot is not None:
            vals["snapshot_record_ids"] = snapshot
        if measurement:
            if vals:
                measurement._write_if_changed(vals)
        else:
            vals_to_create.append(
                vals
                | {
                    "objective_id": self.id,
                    "period_type": "month",
                    "period_id": period.id,
                    "date_from": period.date_from,
                    "date_to": period.date_to,
                }
            )

    def _get_month_target(self, period):
        """The target a month is measured against: the objective's one target
        by default. Hook: an addon whose objectives carry a target per month
        (e.g. a sales target tree broken down to months) overrides it. Months
        measured before ``target_effective_from`` keep the target they were
        measured with, whatever this returns.

        :param period: the ``sales.qms.period`` (month) being measured
        :return: the month's target (float)
        """
        self.ensure_one()
        return self.target

    def _compute_measurements_safely(self, periods=None, closing=None):
        """``_compute_measurements``, where one broken objective or indicator
        does not stop the others: on a failure, each objective is measured in
        a savepoint of its own; those that still fail are logged, keep their
        measurements, say why on their form and get an activity for the
        quality representative.

        :return: the objectives that could not be measured
        """
        try:
            with self.env.cr.savepoint():
                self._compute_measurements(periods=periods, closing=closing)
            return self.browse()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise
        except Exception as error:
            if len(self) > 1:
                failed = self.browse()
                for objective in self:
                    failed |= objective._compute_measurements_safely(periods, closing)
                return failed
            _logger.warning(
                "Quality objective %s (id %s) could not be measured: %s",
                self.name,
                self.id,
                error,
            )
            self.sudo()._report_compute_error(error)
            return self

    def _read_engine(
        self, indicator, scope_type, scope_ids, measured, record_ids=False
    ):
        """Engine values (or record ids) for the months of ``measured``:
        ``{(month_start, scope_id): …}``, one query for the whole span."""
        if not measured:
            return {}
        company = self[:1].company_id
        date_from = min(period.date_from for _objective, period in measured)
        date_to = min(
            max(period.date_to for _objective, period in measured),
            self._today(company),
        )
        if date_from > date_to:
            return {}
        if record_ids:
            return indicator._compute_record_ids(
                date_from, date_to, scope_type, scope_ids, company_ids=company.ids
            )
        values = indicator._compute_values(
            date_from, date_to, scope_type, scope_ids, company_ids=company.ids
        )
        return {(month, scope): value for (_i, month, scope), value in values.items()}

    def _compute_rollups(self):
        """Quarter and year measurements from the sums of the months.

        Ratios divide the summed numerators by the summed denominators; sums
        add up. The target of a summed indicator grows with the months that
        have data, so the year to date compares like with like.
        """
        Measurement = self.env["sales.qms.measurement"].sudo()
        by_objective = Measurement.search([("objective_id", "in", self.ids)]).grouped(
            "objective_id"
        )
        vals_to_create = []
        for objective in self.sudo():
            records = by_objective.get(objective, Measurement)
            months = records.filtered(lambda m: m.period_type == "month").sorted(
                "date_from"
            )
            if not months:
                continue
            rollups = {(m.period_type, m.date_from): m for m in records - months}
            chunks = [
                ("quarter", months[index : index + 3])
                for index in range(0, len(months), 3)
            ]
            chunks.append(("year", months))
            for period_type, chunk in chunks:
                vals = objective._rollup_values(chunk, period_type)
                existing = rollups.get((period_type, chunk[0].date_from))
                if existing:
                    existing._write_if_changed(vals)
                else:
                    vals_to_create.append(
                        vals
                        | {
                            "objective_id": objective.id,
                            "period_type": period_type,
                            "date_from": chunk[0].date_from,
                            "date_to": chunk[-1].date_to,
                        }
                    )
        Measurement.create(vals_to_create)

    def _raise_compute_errors(self):
        """Say, in words, which objectives could not be measured and why."""
        if self:
            raise UserError(
                self.env._(
                    "These objectives could not be measured:\n%(errors)s",
                    errors="\n".join(
                        f"- {objective.name}: {objective.compute_error}"
                        for objective in self
                    ),
                )
            )

    def _report_compute_error(self, error):
        self.ensure_one()
        message = str(error) or type(error).__name__
        self.write(
            {"compute_error": message, "last_computed_on": fields.Datetime.now()}
        )
        activity_type = self.env.ref("sales_qms.mail_activity_type_objective_error")
        if not self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ):
            self.activity_schedule(
                "sales_qms.mail_activity_type_objective_error",
                user_id=self._quality_representative().id,
                note=self.env._(
                    "The nightly computation could not measure this objective: "
                    "%(error)s",
                    error=message,
                ),
            )

    def _rollup_values(self, months, period_type="year"):
        """The values of a quarter or the year (``period_type``) from its
        months."""
        self.ensure_one()
        measured = months.filtered(lambda m: m.status != "no_data")
        numerator = sum(measured.mapped("numerator"))
        denominator = sum(measured.mapped("denominator"))
        value = (
            self.indicator_id._value_from(numerator, denominator) if measured else None
        )
        target = self.target
        if self.indicator_id.aggregation == "sum":
            # each month against the target it was measured with
            target = sum(measured.mapped("target"))
        return {
            "numerator": numerator,
            "denominator": denominator,
            "value": value or 0.0,
            "target": target,
            "status": self._status_for(value, target),
        }

    def _xlsx_objective_achievement(self):
        """质量目标完成情况表 of the objectives selected in the list: the
        form of ``sales.qms.achievement.report``, every month of their years,
        blank signature lines."""
        sheets = self.env["sales.qms.achievement.report"]._achievement_sheets(
            self, self.fiscal_year_id.period_ids
        )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Quality Objectives Achievement")
        )
        filename = self.env._("Quality Objectives Achievement.xlsx")
        return filename, content

    def _xlsx_number_format(self):
        """The spreadsheet number format of the objective's values, with the
        unit as users read it: integers, the company currency, 天, %."""
        self.ensure_one()
        if self.unit == "count":
            return "#,##0"
        if self.unit == "amount":
            symbol = (self.currency_id.symbol or "").replace('"', "")
            if self.currency_id.position == "after":
                return f'#,##0.00" {symbol}"'
            return f'"{symbol}"#,##0.00'
        suffix = str(UNIT_SUFFIXES.get(self.unit, "")).replace('"', "")
        return f'0.00" {suffix}"' if suffix else "0.00"

    @api.model
    def _cron_compute_measurements(self, batch_size=100):
        """Daily: measure every objective once, in batches that resume.

        An objective is done for the day once ``last_computed_on`` is today,
        so a run interrupted after some batches picks up where it stopped,
        and running it twice creates nothing twice.
        """
        start_of_day = datetime.combine(fields.Date.today(), time.min)
        sources = list(self.env["sales.qms.indicator"]._source_registry())
        domain = [
            ("fiscal_year_id.period_ids", "any", [("state", "=", "open")]),
            # indicators whose module was uninstalled are no longer computed
            ("indicator_id.source", "in", sources),
            "|",
            ("last_computed_on", "=", False),
            ("last_computed_on", "<", start_of_day),
        ]
        objectives = self.search(domain, limit=batch_size)
        objectives._compute_measurements_safely()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(objectives), remaining=remaining)
        return objectives
