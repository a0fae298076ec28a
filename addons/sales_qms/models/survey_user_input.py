from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        result = super()._mark_done()
        # a customer-satisfaction invitation answered: score it
        self.env["sales.qms.satisfaction.response"].sudo().search(
            [("user_input_id", "in", self.ids)]
        )._record_answers()
        return result
