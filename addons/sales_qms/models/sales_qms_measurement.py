from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .sales_qms_objective import MEASUREMENT_VALUE_FIELDS, STATUSES


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
    comparison = fields.Selection(related="objective_id.comparison")
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
        index=True,
    )
    period_id = fields.Many2one("sales.qms.period", string="Month", index=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    numerator = fields.Float(aggregator="sum")
    denominator = fields.Float(aggregator="sum")
    value = fields.Float(string="Actual", aggregator="avg")
    target = fields.Float(aggregator="avg", digits=(16, 2))
    status = fields.Selection(STATUSES, required=True, default="no_data", index=True)
    is_frozen = fields.Boolean(
        string="Frozen",
        compute="_compute_is_frozen",
        store=True,
        help="The month is closed: its value only changes by a correction.",
    )
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

    @api.depends("period_id.state")
    def _compute_is_frozen(self):
        for measurement in self:
            measurement.is_frozen = measurement.period_id.state == "closed"

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if (
            not self.env.context.get("sales_qms_correction")
            and set(MEASUREMENT_VALUE_FIELDS) & vals.keys()
            and any(self.mapped("is_frozen"))
        ):
            raise UserError(
                self.env._(
                    "This month is closed: its measurement can only be changed by a "
                    "correction with a reason."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_drilldown(self):
        """The records behind this number, with the user's own access rights."""
        self.ensure_one()
        objective = self.objective_id
        return objective.indicator_id._action_drilldown(
            self.date_from,
            self.date_to,
            objective.scope_type,
            objective._get_scope_record().id,
            company_ids=objective.company_id.ids,
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

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

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
