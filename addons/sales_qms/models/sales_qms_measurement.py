import json

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_compare

from .sales_qms_objective import STATUSES

# What may still be written on a frozen measurement: the record that its owner
# was asked to analyse the month.
FREELY_WRITTEN_FIELDS = {"owner_asked_on"}
# The owner's analysis of a month not met: written by its wizard only.
ANALYSIS_FIELDS = {"cause_analysis", "action_taken", "analysed_by_id", "analysed_on"}


class SalesQmsMeasurement(models.Model):
    """The value of an objective over a month, a quarter or the year.

    Months are computed by the indicator engine; quarters and the year are
    rolled up from the months. A month of a closed period is frozen: only a
    correction with a reason (logged on the objective) changes it.
    """

    _name = "sales.qms.measurement"
    _description = "Quality Objective Measurement"
    _order = "objective_id, date_from, period_type desc"
    _rec_name = "name"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(string="Period", compute="_compute_name", store=True)
    objective_id = fields.Many2one(
        "sales.qms.objective", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="objective_id.company_id", store=True, index=True, precompute=True
    )
    indicator_id = fields.Many2one(
        related="objective_id.indicator_id", store=True, index=True, precompute=True
    )
    owner_id = fields.Many2one(
        related="objective_id.owner_id", store=True, index=True, precompute=True
    )
    fiscal_year_id = fields.Many2one(
        related="objective_id.fiscal_year_id", store=True, precompute=True
    )
    scope_type = fields.Selection(related="objective_id.scope_type")
    unit = fields.Selection(related="objective_id.indicator_id.unit")
    currency_id = fields.Many2one(related="objective_id.company_id.currency_id")
    comparison = fields.Selection(related="objective_id.comparison")
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
        index=True,
    )
    period_id = fields.Many2one(
        "sales.qms.period", string="Month", index=True, ondelete="restrict"
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    numerator = fields.Float(aggregator="sum")
    denominator = fields.Float(aggregator="sum")
    # aggregated as roll-ups are: see _read_group_select
    value = fields.Float(string="Actual", aggregator="avg")
    value_display = fields.Char(string="Actual ", compute="_compute_value_display")
    target = fields.Float(aggregator="avg", digits=(16, 2))
    target_display = fields.Char(string="Target ", compute="_compute_value_display")
    status = fields.Selection(STATUSES, required=True, default="no_data", index=True)
    snapshot_record_ids = fields.Json(
        string="Snapshot",
        readonly=True,
        copy=False,
        help="Ids of the records behind the value when the month was closed.",
    )
    snapshot_count = fields.Integer(
        string="Records Counted", compute="_compute_snapshot_count"
    )
    is_frozen = fields.Boolean(
        string="Frozen",
        compute="_compute_is_frozen",
        store=True,
        help="The month is closed: its value only changes by a correction.",
    )
    owner_asked_on = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the owner of the objective was asked to analyse the month "
        "not met; asked once, however often the month is closed.",
    )
    cause_analysis = fields.Text(readonly=True, copy=False)
    action_taken = fields.Text(readonly=True, copy=False)
    analysed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    analysed_on = fields.Datetime(readonly=True, copy=False)
    is_corrected = fields.Boolean(string="Corrected", readonly=True, copy=False)
    correction_reason = fields.Text(readonly=True, copy=False)
    corrected_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    corrected_on = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "objective_period_uniq",
            "UNIQUE(objective_id, period_type, date_from)",
            "An objective has one measurement per period.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("period_type", "date_from", "objective_id.fiscal_year_id")
    def _compute_name(self):
        for measurement in self:
            if not measurement.date_from:
                measurement.name = False
            elif measurement.period_type == "month":
                measurement.name = measurement.date_from.strftime("%Y-%m")
            elif measurement.period_type == "quarter":
                year = measurement.objective_id.fiscal_year_id
                months = (measurement.date_from.year - year.date_from.year) * 12 + (
                    measurement.date_from.month - year.date_from.month
                )
                measurement.name = f"{year.name} Q{months // 3 + 1}"
            else:
                measurement.name = measurement.objective_id.fiscal_year_id.name

    @api.depends("value", "target", "status", "unit", "currency_id")
    @api.depends_context("lang")
    def _compute_value_display(self):
        for measurement in self:
            indicator = measurement.indicator_id
            measurement.value_display = (
                indicator._format_value(measurement.value, measurement.currency_id)
                if indicator and measurement.status != "no_data"
                else False
            )
            measurement.target_display = (
                indicator._format_value(measurement.target, measurement.currency_id)
                if indicator
                else False
            )

    @api.depends("snapshot_record_ids")
    def _compute_snapshot_count(self):
        for measurement in self:
            measurement.snapshot_count = len(measurement.snapshot_record_ids or [])

    @api.depends("period_id.state")
    def _compute_is_frozen(self):
        for measurement in self:
            measurement.is_frozen = measurement.period_id.state == "closed"

    # ------------------------------------------------------------
    # READ GROUP
    # ------------------------------------------------------------

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """Aggregate values and targets as the roll-ups do (pivot, graph).

        The value of a group is the sum of its numerators for a summed
        indicator, the sum of its numerators over the sum of its denominators
        for a ratio: never an average of percentages. Months without data are
        left out. A group mixing indicators has no value, numerator nor
        denominator (their units differ). Targets add up for summed
        indicators and are averaged for ratios.
        """
        fname = aggregate_spec.split(":")[0]
        if (
            fname not in ("value", "target", "numerator", "denominator")
            or aggregate_spec.count(":") != 1
        ):
            return super()._read_group_select(aggregate_spec, query)
        specs = self.env["sales.qms.indicator"]._source_registry()
        sum_ids, factors = [], {}
        for indicator in (
            self.env["sales.qms.indicator"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([], ["source"])
        ):
            spec = specs.get(indicator.source)
            if spec and spec["aggregation"] == "sum":
                sum_ids.append(indicator.id)
            elif spec:
                factors[str(indicator.id)] = spec.get("factor", 1.0)

        status = self._field_to_sql(self._table, "status", query)

        def measured(aggregate, column):
            # the aggregate over the months that have data
            return SQL(
                "%s(%s) FILTER (WHERE %s != 'no_data')", SQL(aggregate), column, status
            )

        indicator = self._field_to_sql(self._table, "indicator_id", query)
        one_indicator = measured("MIN", indicator)
        if fname in ("numerator", "denominator"):
            by_kind = measured("SUM", self._field_to_sql(self._table, fname, query))
        elif fname == "target":
            target = self._field_to_sql(self._table, "target", query)
            by_kind = SQL(
                "CASE WHEN %s = ANY(%s) THEN %s ELSE %s END",
                one_indicator,
                sum_ids,
                measured("SUM", target),
                measured("AVG", target),
            )
        else:
            numerator = measured(
                "SUM", self._field_to_sql(self._table, "numerator", query)
            )
            denominator = measured(
                "SUM", self._field_to_sql(self._table, "denominator", query)
            )
            by_kind = SQL(
                "CASE WHEN %s = ANY(%s) THEN %s "
                "ELSE %s / NULLIF(%s, 0) * (%s::jsonb ->> %s::text)::float END",
                one_indicator,
                sum_ids,
                numerator,
                numerator,
                denominator,
                json.dumps(factors),
                one_indicator,
            )
        return SQL(
            "CASE WHEN %s = 1 THEN %s END",
            measured("COUNT", SQL("DISTINCT %s", indicator)),
            by_kind,
        )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if ANALYSIS_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "The cause of a month not met is recorded with the button "
                    "“Analyse Cause”, never written by hand."
                )
            )
        # nothing of a closed month changes but through a correction, whoever
        # writes (the superuser included) and whatever the context says
        if vals.keys() - FREELY_WRITTEN_FIELDS and any(self.mapped("is_frozen")):
            raise UserError(
                self.env._(
                    "This month is closed: its measurement can only be changed by a "
                    "correction with a reason."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        if any(self.mapped("is_frozen")):
            raise UserError(
                self.env._(
                    "The measurement of a closed month is a quality record: it cannot "
                    "be deleted."
                )
            )

    def _write_analysis(self, vals):
        """Write the owner's analysis of a month not met, closed month or not:
        it explains the value, it does not change it. Private: only the
        analysis wizard, once it has checked who analyses, calls it."""
        return super().write(vals)

    def _write_correction(self, vals):
        """Write the values of a correction, frozen month or not. Private: only
        the correction wizard, once it has checked the corrector's rights and
        the reason, calls it."""
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_drilldown(self):
        """The records behind this number, with the user's own access rights.

        A closed month lists its snapshot, what was counted when it closed; a
        quarter or a year lists the snapshots of its closed months and the
        current records of its open ones.
        """
        self.ensure_one()
        objective = self.objective_id
        indicator = objective.indicator_id
        scope_id = objective._get_scope_record().id
        months = self._months_behind()
        frozen = months.filtered(lambda m: m.is_frozen and m.snapshot_record_ids)
        if not frozen and months.objective_id == objective:
            return indicator._action_drilldown(
                self.date_from,
                self.date_to,
                objective.scope_type,
                scope_id,
                company_ids=objective.company_id.ids,
            )
        record_ids = {i for month in frozen for i in month.snapshot_record_ids}
        live = months - frozen
        # one engine call per scope type and company of the months' objectives
        for (scope_type, company), group in live.grouped(
            lambda m: (m.objective_id.scope_type, m.company_id)
        ).items():
            keys = {(m.date_from, m.objective_id._get_scope_record().id) for m in group}
            rows = indicator._compute_record_ids(
                min(group.mapped("date_from")),
                max(group.mapped("date_to")),
                scope_type,
                list({scope for _month, scope in keys}),
                company_ids=company.ids,
            )
            for key, ids in rows.items():
                if key in keys:
                    record_ids.update(ids)
        title = indicator._drilldown_title(
            self.date_from, self.date_to, objective.scope_type, scope_id
        )
        return indicator._drilldown_action(
            title, record_ids=sorted(record_ids), note=self._snapshot_note()
        )

    def action_open_correction(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct a Closed Month"),
            "res_model": "sales.qms.measurement.correct",
            "view_mode": "form",
            "target": "new",
            "context": {"default_measurement_id": self.id},
        }

    def action_open_analysis(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Analyse a Month Not Met"),
            "res_model": "sales.qms.measurement.analyse",
            "view_mode": "form",
            "target": "new",
            "context": {"default_measurement_id": self.id},
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _months_behind(self):
        """The month measurements whose records make this number: the
        months within it (a department objective: its members' months)."""
        return self._months_within()

    def _months_within(self):
        """The month measurements a measurement covers (itself for a month)."""
        self.ensure_one()
        if self.period_type == "month":
            return self
        return self.objective_id.month_measurement_ids.filtered(
            lambda m: self.date_from <= m.date_from <= self.date_to
        )

    def _snapshot_note(self):
        """What the drill-down of a closed month lists, for its title."""
        self.ensure_one()
        if self.period_type != "month":
            return self.env._(
                "closed months as they were counted when closed, open months "
                "as they are now"
            )
        note = self.env._(
            "snapshot of the closed month: %(count)s records counted",
            count=self.snapshot_count,
        )
        if self.is_corrected:
            note += self.env._(
                "; corrected value %(value)s", value=self.value_display or "0"
            )
        return note

    def _write_if_changed(self, vals):
        """Write ``vals`` only when a value differs: recomputing an unchanged
        month must not touch the row (nor its write date)."""
        self.ensure_one()
        for name, new in vals.items():
            old = self[name]
            changed = (
                float_compare(old, new, precision_digits=6) != 0
                if isinstance(new, float)
                else old != new
            )
            if changed:
                self.write(vals)
                return True
        return False
