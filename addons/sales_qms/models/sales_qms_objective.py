from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .sales_qms_indicator import SCOPE_TYPES

COMPARISONS = [("ge", "≥"), ("le", "≤"), ("eq", "=")]
STATUSES = [("met", "Met"), ("not_met", "Not met"), ("no_data", "No data")]
UNIT_SYMBOLS = {"percent": "%", "hours": "h", "days": "d"}
# Fields whose change invalidates what closed months recorded.
MEASURED_ON_FIELDS = {
    "indicator_id",
    "scope_type",
    "team_id",
    "user_id",
    "fiscal_year_id",
}
MEASUREMENT_VALUE_FIELDS = ("numerator", "denominator", "value", "target", "status")


class SalesQmsObjective(models.Model):
    """Quality objective (质量目标): an indicator, a target, a year, a scope."""

    _name = "sales.qms.objective"
    _description = "Quality Objective"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "fiscal_year_id desc, sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    indicator_id = fields.Many2one(
        "sales.qms.indicator",
        required=True,
        tracking=True,
        index=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    unit = fields.Selection(related="indicator_id.unit")
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
    fiscal_year_id = fields.Many2one(
        "sales.qms.fiscal.year",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self._default_fiscal_year(),
        domain="[('company_id', '=', company_id)]",
    )
    scope_type = fields.Selection(
        SCOPE_TYPES, string="Scope", required=True, default="company", tracking=True
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        tracking=True,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        tracking=True,
        domain="[('share', '=', False)]",
    )
    scope_display = fields.Char(string="Measured On", compute="_compute_scope_display")
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    action_plan = fields.Html(
        help="How the objective will be achieved: actions, resources, "
        "responsibilities, deadlines (ISO 9001 §6.2.2)."
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

    @api.depends("comparison", "target", "unit")
    def _compute_target_display(self):
        symbols = dict(COMPARISONS)
        for objective in self:
            comparison = symbols.get(objective.comparison, "")
            unit = UNIT_SYMBOLS.get(objective.unit, "")
            objective.target_display = (
                f"{comparison} {objective.target:,.2f} {unit}"
            ).strip()

    @api.depends("scope_type", "company_id", "team_id", "user_id")
    def _compute_scope_display(self):
        for objective in self:
            objective.scope_display = objective._get_scope_record().display_name

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
        if self.scope_type != "team":
            self.team_id = False
        if self.scope_type != "user":
            self.user_id = False

    @api.constrains("target", "indicator_id")
    def _check_target(self):
        for objective in self:
            if objective.target < 0:
                raise ValidationError(
                    self.env._(
                        "The target of %(objective)s cannot be below zero.",
                        objective=objective.name,
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

    @api.constrains("fiscal_year_id", "company_id")
    def _check_fiscal_year(self):
        for objective in self:
            year = objective.fiscal_year_id
            if year.company_id != objective.company_id:
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s belongs to another company.",
                        year=year.name,
                    )
                )
            if not year.period_ids:
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s has no months. Generate its months "
                        "before setting objectives for it.",
                        year=year.name,
                    )
                )

    @api.constrains("scope_type", "team_id", "user_id", "indicator_id")
    def _check_scope(self):
        for objective in self:
            if objective.scope_type == "team" and not objective.team_id:
                raise ValidationError(
                    self.env._(
                        "Choose the sales team of the objective %(objective)s.",
                        objective=objective.name,
                    )
                )
            if objective.scope_type == "user" and not objective.user_id:
                raise ValidationError(
                    self.env._(
                        "Choose the salesperson of the objective %(objective)s.",
                        objective=objective.name,
                    )
                )
            # raises a clear error when the source has no such scope
            objective.indicator_id._get_scope_field(objective.scope_type)

    @api.constrains("indicator_id", "company_id")
    def _check_indicator_company(self):
        for objective in self:
            company = objective.indicator_id.company_id
            if company and company != objective.company_id:
                raise ValidationError(
                    self.env._(
                        "The indicator %(indicator)s belongs to another company.",
                        indicator=objective.indicator_id.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if MEASURED_ON_FIELDS & vals.keys() and self._has_frozen_months():
            raise UserError(
                self.env._(
                    "This objective has closed months: its indicator, scope and "
                    "fiscal year can no longer change. Archive it and create a "
                    "new objective instead."
                )
            )
        result = super().write(vals)
        if "fiscal_year_id" in vals:
            # months of the former year are not this objective's any more
            self.measurement_ids.sudo().unlink()
        if (MEASURED_ON_FIELDS | {"target", "comparison"}) & vals.keys():
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
        self._compute_measurements()
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

    def _get_scope_record(self):
        self.ensure_one()
        return {
            "company": self.company_id,
            "team": self.team_id,
            "user": self.user_id,
        }.get(self.scope_type) or self.env["res.company"]

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

    def _compute_measurements(self, periods=None):
        """Measure the open months of the objectives and refresh the roll-ups.

        Objectives sharing an indicator, a scope type and a company are
        computed together by one call to the indicator engine for the whole
        span of their fiscal years, so the number of queries depends on the
        configuration, never on the number of orders or months. Measurements
        of closed months are left untouched (a closed month the objective has
        not been measured on yet is measured once); months not started yet are
        "no data".

        :param periods: only measure these months (all open months if None)
        """
        objectives = self.sudo().filtered("active")
        if not objectives:
            return
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
            years = group.fiscal_year_id
            date_from = min(years.mapped("date_from"))
            date_to = min(max(years.mapped("date_to")), today)
            values = {}
            if date_from <= date_to:
                scope_ids = list({o._get_scope_record().id for o in group})
                values = indicator._compute_values(
                    date_from, date_to, scope_type, scope_ids, company_ids=company.ids
                )
            for objective in group:
                scope_id = objective._get_scope_record().id
                for period in objective.fiscal_year_id.period_ids:
                    key = (objective.id, "month", period.date_from)
                    if periods and period not in periods:
                        continue
                    if period.state == "closed" and key in existing:
                        # frozen; a month closed before the objective existed is
                        # still measured once, then frozen like the others
                        continue
                    value, num, den = values.get(
                        (indicator.id, period.date_from, scope_id), (None, 0.0, 0.0)
                    )
                    if period.date_from > today:
                        value, num, den = None, 0.0, 0.0
                    vals = {
                        "numerator": num,
                        "denominator": den,
                        "value": value or 0.0,
                        "target": objective.target,
                        "status": objective._status_for(value, objective.target),
                    }
                    if key in existing:
                        existing[key]._write_if_changed(vals)
                    else:
                        vals_to_create.append(
                            vals
                            | {
                                "objective_id": objective.id,
                                "period_type": "month",
                                "period_id": period.id,
                                "date_from": period.date_from,
                                "date_to": period.date_to,
                            }
                        )
        Measurement.create(vals_to_create)
        objectives._compute_rollups()
        objectives.write({"last_computed_on": fields.Datetime.now()})

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
                vals = objective._rollup_values(chunk)
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

    def _rollup_values(self, months):
        self.ensure_one()
        measured = months.filtered(lambda m: m.status != "no_data")
        numerator = sum(measured.mapped("numerator"))
        denominator = sum(measured.mapped("denominator"))
        value = (
            self.indicator_id._value_from(numerator, denominator) if measured else None
        )
        target = self.target
        if self.indicator_id.aggregation == "sum":
            target = self.target * len(measured)
        return {
            "numerator": numerator,
            "denominator": denominator,
            "value": value or 0.0,
            "target": target,
            "status": self._status_for(value, target),
        }

    def _xlsx_objective_achievement(self):
        """质量目标完成情况表: one row per objective, its months and its year."""
        statuses = dict(self._fields["status"]._description_selection(self.env))
        sheets = []
        for year in self.fiscal_year_id.sorted("date_from"):
            objectives = self.filtered(lambda o, y=year: o.fiscal_year_id == y)
            periods = year.period_ids.sorted("date_from")
            columns = [
                {"label": self.env._("No."), "width": 6, "type": "integer"},
                {"label": self.env._("Quality Objective"), "width": 32},
                {"label": self.env._("Indicator"), "width": 24},
                {"label": self.env._("Measured On"), "width": 16},
                {"label": self.env._("Owner"), "width": 12},
                {"label": self.env._("Target"), "width": 14},
            ]
            columns += [
                {
                    "label": self.env._(
                        "Month %(number)s", number=period.date_from.month
                    ),
                    "width": 11,
                    "type": "number",
                }
                for period in periods
            ]
            columns += [
                {"label": self.env._("Year Actual"), "width": 13, "type": "number"},
                {"label": self.env._("Result"), "width": 10},
            ]
            sheets.append(
                {
                    "name": year.name,
                    "title": self.env._(
                        "Quality Objectives Achievement %(year)s", year=year.name
                    ),
                    "subtitle": year.company_id.name,
                    "columns": columns,
                    "rows": self._xlsx_achievement_rows(objectives, periods, statuses),
                }
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Quality Objectives Achievement")
        )
        filename = self.env._("Quality Objectives Achievement.xlsx")
        return filename, content

    @api.model
    def _xlsx_achievement_rows(self, objectives, periods, statuses):
        for number, objective in enumerate(objectives, start=1):
            months = {
                m.date_from: m
                for m in objective.measurement_ids
                if m.period_type == "month"
            }
            year = objective.measurement_ids.filtered(lambda m: m.period_type == "year")
            cells = [
                number,
                objective.name,
                objective.indicator_id.name,
                objective.scope_display,
                objective.owner_id.name,
                objective.target_display,
            ]
            for period in periods:
                month = months.get(period.date_from)
                has_value = month and month.status != "no_data"
                cells.append(month.value if has_value else None)
            has_year = year and year.status != "no_data"
            cells.append(year.value if has_year else None)
            cells.append(statuses[objective.status or "no_data"])
            yield cells

    @api.model
    def _cron_compute_measurements(self, batch_size=100):
        """Daily: measure every objective once, in batches that resume.

        An objective is done for the day once ``last_computed_on`` is today,
        so a run interrupted after some batches picks up where it stopped,
        and running it twice creates nothing twice.
        """
        start_of_day = datetime.combine(fields.Date.today(), time.min)
        domain = [
            ("fiscal_year_id.period_ids", "any", [("state", "=", "open")]),
            "|",
            ("last_computed_on", "=", False),
            ("last_computed_on", "<", start_of_day),
        ]
        objectives = self.search(domain, limit=batch_size)
        objectives._compute_measurements()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(objectives), remaining=remaining)
        return objectives
