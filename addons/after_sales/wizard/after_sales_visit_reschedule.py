from odoo import fields, models


class AfterSalesVisitReschedule(models.TransientModel):
    _name = "after.sales.visit.reschedule"
    _description = "Reschedule a Return Visit"

    visit_id = fields.Many2one("after.sales.visit", required=True, ondelete="cascade")
    date_planned = fields.Date("New Date", required=True)

    def action_reschedule(self):
        self.ensure_one()
        new_visit = self.visit_id._reschedule(self.date_planned)
        return {
            "type": "ir.actions.act_window",
            "res_model": "after.sales.visit",
            "res_id": new_visit.id,
            "view_mode": "form",
        }
