from odoo import fields, models


class SalesTrainingPlanReset(models.TransientModel):
    _name = "sales.training.plan.reset"
    _description = "Put a Training Plan Back to Draft"

    plan_id = fields.Many2one("sales.training.plan", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.plan_id._back_to_draft(self.reason)
        return {"type": "ir.actions.act_window_close"}
