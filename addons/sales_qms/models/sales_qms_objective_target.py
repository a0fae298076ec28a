from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sales_qms_indicator import MAX_MEASURED_VALUE, MAX_MEASURED_VALUE_TEXT

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


class SalesQmsObjectiveTarget(models.Model):
    """A target of one period of an objective, other than its one target:
    a month of its own (months uneven), a quarter, or the year (年度目标
    4,000 万 while the months add up differently). The roll-up of that
    period compares with it.

    A target is locked once the last month of its period is closed: the
    result it was measured against is final. Changes are logged on the
    objective; the months already measured keep the target they were
    measured with when closed.
    """

    _name = "sales.qms.objective.target"
    _description = "Quality Objective Target of a Period"
    _order = "objective_id, date_from, period_type desc, id"

    objective_id = fields.Many2one(
        "sales.qms.objective", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="objective_id.company_id", store=True, index=True, precompute=True
    )
    fiscal_year_id = fields.Many2one(related="objective_id.fiscal_year_id")
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
    )
    period_id = fields.Many2one(
        "sales.qms.period",
        string="Month",
        domain="[('fiscal_year_id', '=', fiscal_year_id)]",
    )
    quarter = fields.Selection(QUARTERS)
    date_from = fields.Date(
        compute="_compute_dates", store=True, precompute=True, index=True
    )
    date_to = fields.Date(compute="_compute_dates", store=True, precompute=True)
    target = fields.Float(digits=(16, 2), required=True)

    _sql_constraints = [
        (
            "objective_period_uniq",
            "UNIQUE(objective_id, period_type, date_from)",
            "A period has one target per objective.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("period_type", "period_id", "quarter", "objective_id.fiscal_year_id")
    def _compute_dates(self):
        for line in self:
            months = line.objective_id.fiscal_year_id.period_ids.sorted("date_from")
            if line.period_type == "month":
                chosen = line.period_id
            elif line.period_type == "quarter" and line.quarter:
                index = (int(line.quarter) - 1) * 3
                chosen = months[index : index + 3]
            elif line.period_type == "year":
                chosen = months
            else:
                chosen = months.browse()
            line.date_from = chosen[:1].date_from or False
            line.date_to = chosen[-1:].date_to or False

    @api.depends("period_type", "date_from", "quarter", "period_id")
    def _compute_display_name(self):
        labels = dict(self._fields["period_type"]._description_selection(self.env))
        for line in self:
            if line.period_type == "month":
                name = line.period_id.name or ""
            elif line.period_type == "quarter":
                name = f"{line.objective_id.fiscal_year_id.name} Q{line.quarter or ''}"
            else:
                name = line.objective_id.fiscal_year_id.name or ""
            line.display_name = f"{labels.get(line.period_type, '')} {name}".strip()

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("period_type", "period_id", "quarter", "target")
    def _check_period_and_target(self):
        for line in self:
            if not line.date_from:
                raise ValidationError(
                    self.env._(
                        "Choose the month or the quarter of the target of "
                        "%(objective)s.",
                        objective=line.objective_id.name,
                    )
                )
            if line.period_type == "month" and (
                line.period_id.fiscal_year_id != line.objective_id.fiscal_year_id
            ):
                raise ValidationError(
                    self.env._(
                        "The month of a target must be in the objective's fiscal year."
                    )
                )
            if not 0 <= line.target <= MAX_MEASURED_VALUE:
                raise ValidationError(
                    self.env._(
                        "A target must be between 0 and %(max)s.",
                        max=MAX_MEASURED_VALUE_TEXT,
                    )
                )
            if line.objective_id.unit == "percent" and line.target > 100:
                raise ValidationError(
                    self.env._("A rate's target must be between 0 and 100 %%.")
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_changeable()
        lines._log_and_remeasure(dict.fromkeys(lines), self.env._("Target added"))
        return lines

    def write(self, vals):
        self._check_changeable()
        before = {line: line.target for line in self}
        result = super().write(vals)
        self._check_changeable()
        self._log_and_remeasure(before, self.env._("Target changed"))
        return result

    def unlink(self):
        self._check_changeable()
        objectives = self.objective_id
        for line in self:
            line.objective_id.message_post(
                body=self.env._(
                    "Target removed: %(period)s (was %(target)s).",
                    period=line.display_name,
                    target=line._format(line.target),
                )
            )
        result = super().unlink()
        objectives.filtered("last_computed_on")._compute_measurements()
        return result

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_changeable(self):
        """Targets are set by those who set targets; a period whose last month
        is closed keeps the target it was judged against."""
        self.objective_id._check_target_rights()
        closed = (
            self.env["sales.qms.period"]
            .sudo()
            .search(
                [
                    ("fiscal_year_id", "in", self.objective_id.fiscal_year_id.ids),
                    ("state", "=", "closed"),
                ]
            )
        )
        closed_ends = {(p.fiscal_year_id.id, p.date_to) for p in closed}
        for line in self:
            if (line.objective_id.fiscal_year_id.id, line.date_to) in closed_ends:
                raise UserError(
                    self.env._(
                        "The target of %(period)s of %(objective)s is locked: its "
                        "last month is closed. A revision applies from an open "
                        "month on.",
                        period=line.display_name,
                        objective=line.objective_id.name,
                    )
                )

    def _format(self, value):
        self.ensure_one()
        if value is None:
            return "—"
        return self.objective_id.indicator_id._format_value(
            value, self.objective_id.currency_id
        )

    def _log_and_remeasure(self, before, title):
        """The objective's chatter keeps each change of a period target (the
        history auditors read); its open months are measured again."""
        for line in self:
            line.objective_id.message_post(
                body=Markup("%s: %s, %s → %s")
                % (
                    title,
                    line.display_name,
                    line._format(before.get(line)),
                    line._format(line.target),
                )
            )
        self.objective_id.filtered("last_computed_on")._compute_measurements()
