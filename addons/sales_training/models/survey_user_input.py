from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        """A completed exam or reaction survey of a training attendee gives
        its result at once (the trainer's "fetch results" reads the same)."""
        result = super()._mark_done()
        Attendance = self.env["sales.training.attendance"].sudo()
        attendances = Attendance.search(
            [
                "|",
                ("exam_user_input_id", "in", self.ids),
                ("reaction_user_input_id", "in", self.ids),
            ]
        )
        attendances._update_results_from_surveys()
        return result
