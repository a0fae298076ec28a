from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SalesQmsMeasurementAnalyse(models.TransientModel):
    """Record why a month was not met and what was done about it, on the
    month itself: the cause analysis the owner was asked for."""

    _name = "sales.qms.measurement.analyse"
    _description = "Analyse a Month Not Met"

    measurement_id = fields.Many2one(
        "sales.qms.measurement", required=True, ondelete="cascade"
    )
    value_display = fields.Char(related="measurement_id.value_display")
    target_display = fields.Char(related="measurement_id.target_display")
    cause_analysis = fields.Text(
        compute="_compute_from_measurement", store=True, readonly=False
    )
    action_taken = fields.Text(
        compute="_compute_from_measurement", store=True, readonly=False
    )

    @api.depends("measurement_id")
    def _compute_from_measurement(self):
        for wizard in self:
            wizard.cause_analysis = wizard.measurement_id.cause_analysis
            wizard.action_taken = wizard.measurement_id.action_taken

    def action_apply(self):
        """Record the analysis on the month; the owner's to-do is done once
        every month not met of the objective is analysed."""
        self.ensure_one()
        measurement = self.measurement_id
        objective = measurement.objective_id
        # the owner, or whoever may change the objective (its quality or
        # sales manager): not any reader of it
        measurement.check_access("read")
        if self.env.user != objective.owner_id and not objective.has_access("write"):
            raise AccessError(
                self.env._(
                    "Only the owner of %(objective)s or a manager who may change it "
                    "analyses its months.",
                    objective=objective.display_name,
                )
            )
        if measurement.period_type != "month" or measurement.status != "not_met":
            raise UserError(
                self.env._("Only a month whose objective was not met is analysed.")
            )
        if (
            not (self.cause_analysis or "").strip()
            or not (self.action_taken or "").strip()
        ):
            raise UserError(self.env._("Write both the cause and the action taken."))
        measurement.sudo()._write_analysis(
            {
                "cause_analysis": self.cause_analysis.strip(),
                "action_taken": self.action_taken.strip(),
                "analysed_by_id": self.env.uid,
                "analysed_on": fields.Datetime.now(),
            }
        )
        objective.sudo().message_post(
            body=Markup("<p>%s</p><ul><li>%s</li><li>%s</li></ul>")
            % (
                self.env._(
                    "Cause analysis of %(month)s (%(value)s against %(target)s)",
                    month=measurement.name,
                    value=measurement.value_display,
                    target=measurement.target_display,
                ),
                self.env._("Cause: %(cause)s", cause=self.cause_analysis),
                self.env._("Action taken: %(action)s", action=self.action_taken),
            ),
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        not_analysed = objective.sudo().month_measurement_ids.filtered(
            lambda m: m.status == "not_met" and not m.cause_analysis
        )
        if not not_analysed:
            objective.sudo().activity_feedback(
                ["sales_qms.mail_activity_type_objective_not_met"],
                feedback=self.env._("Causes analysed and actions recorded."),
            )
        return {"type": "ir.actions.act_window_close"}

    def action_apply_and_raise_nonconformity(self):
        """Record the analysis, then open a nonconformity of the month."""
        self.action_apply()
        return self.measurement_id.action_raise_nonconformity()
