from odoo import models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    def _qms_best_score(self):
        """The score of the best possible answer, as the survey scores it: the
        highest answer of a single choice, the sum of the positive ones of a
        multiple choice."""
        self.ensure_one()
        scores = [s for s in self.suggested_answer_ids.mapped("answer_score") if s > 0]
        if self.question_type == "simple_choice":
            return max(scores, default=0.0)
        if self.question_type == "multiple_choice":
            return sum(scores)
        return 0.0
