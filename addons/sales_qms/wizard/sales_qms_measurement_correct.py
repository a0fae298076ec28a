import math

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.sales_qms_indicator import MAX_MEASURED_VALUE, MAX_MEASURED_VALUE_TEXT


class SalesQmsMeasurementCorrect(models.TransientModel):
    """Correct the value of a closed month, with a reason kept for auditors."""

    _name = "sales.qms.measurement.correct"
    _description = "Correct a Closed Month"

    measurement_id = fields.Many2one(
        "sales.qms.measurement", required=True, ondelete="cascade"
    )
    aggregation = fields.Selection(related="measurement_id.indicator_id.aggregation")
    current_value = fields.Float(related="measurement_id.value", string="Current Value")
    numerator = fields.Float(
        compute="_compute_from_measurement", store=True, readonly=False
    )
    denominator = fields.Float(
        compute="_compute_from_measurement", store=True, readonly=False
    )
    reason = fields.Text(required=True)

    @api.depends("measurement_id")
    def _compute_from_measurement(self):
        for wizard in self:
            wizard.numerator = wizard.measurement_id.numerator
            wizard.denominator = wizard.measurement_id.denominator

    def action_apply(self):
        # only quality managers reach this point: the wizard's access rights
        self.ensure_one()
        measurement = self.measurement_id
        if measurement.period_type != "month" or not measurement.is_frozen:
            raise UserError(
                self.env._(
                    "Only a measurement of a closed month is corrected by hand; open "
                    "months are recomputed from the records."
                )
            )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason of the correction."))
        for number in (self.numerator, self.denominator):
            if not math.isfinite(number) or not 0 <= number <= MAX_MEASURED_VALUE:
                raise UserError(
                    self.env._(
                        "The numerator and the denominator must be numbers between 0 "
                        "and %(max)s.",
                        max=MAX_MEASURED_VALUE_TEXT,
                    )
                )
        objective = measurement.objective_id
        value = objective.indicator_id._value_from(self.numerator, self.denominator)
        old = {
            "value": measurement.value,
            "numerator": measurement.numerator,
            "denominator": measurement.denominator,
        }
        # the wizard's access rights let only quality managers here
        measurement.sudo()._write_correction(
            {
                "numerator": self.numerator,
                "denominator": self.denominator,
                "value": value or 0.0,
                "status": objective._status_for(value, measurement.target),
                "is_corrected": True,
                "correction_reason": self.reason,
                "corrected_by_id": self.env.uid,
                "corrected_on": fields.Datetime.now(),
            }
        )
        objective._compute_rollups()
        objective.message_post(
            body=Markup("<p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li></ul><p>%s</p>")
            % (
                self.env._(
                    "Correction of the closed month %(month)s", month=measurement.name
                ),
                self.env._(
                    "Value: %(old).2f → %(new).2f", old=old["value"], new=value or 0.0
                ),
                self.env._(
                    "Numerator: %(old).2f → %(new).2f",
                    old=old["numerator"],
                    new=self.numerator,
                ),
                self.env._(
                    "Denominator: %(old).2f → %(new).2f",
                    old=old["denominator"],
                    new=self.denominator,
                ),
                self.env._("Reason: %(reason)s", reason=self.reason),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
