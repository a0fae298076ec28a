from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsSatisfactionQuestion(models.Model):
    """A question of the campaign's questionnaire, the dimension it rates and
    its weight in the overall score (the weights of a campaign add up to
    100)."""

    _name = "sales.qms.satisfaction.question"
    _description = "Customer Satisfaction Question"
    _order = "campaign_id, sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    campaign_id = fields.Many2one(
        "sales.qms.satisfaction.campaign", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    survey_id = fields.Many2one(related="campaign_id.survey_id")
    question_id = fields.Many2one(
        "survey.question",
        required=True,
        ondelete="restrict",
        domain="[('survey_id', '=', survey_id), "
        "('question_type', 'in', ('simple_choice', 'multiple_choice'))]",
    )
    question_title = fields.Char(related="question_id.title", string="Question Text")
    dimension_id = fields.Many2one(
        "sales.qms.satisfaction.dimension", required=True, ondelete="restrict"
    )
    weight = fields.Float(required=True, default=0.0, digits=(16, 2))
    best_score = fields.Float(
        compute="_compute_best_score",
        help="The score of the best answer: an answer's score divided by it is "
        "its share of 100.",
    )

    _sql_constraints = [
        (
            "campaign_question_uniq",
            "UNIQUE(campaign_id, question_id)",
            "A question is mapped once per campaign.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends(
        "question_id.question_type", "question_id.suggested_answer_ids.answer_score"
    )
    def _compute_best_score(self):
        for line in self:
            line.best_score = line.question_id.sudo()._qms_best_score()

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("weight", "question_id")
    def _check_weight(self):
        for line in self:
            if not 0 < line.weight <= 100:
                raise ValidationError(
                    self.env._(
                        "The weight of the question %(question)s must be above 0 and "
                        "at most 100.",
                        question=line.question_id.title,
                    )
                )
            if (
                line.question_id.question_type
                not in (
                    "simple_choice",
                    "multiple_choice",
                )
                or not line.best_score
            ):
                raise ValidationError(
                    self.env._(
                        "The question %(question)s cannot be scored: choose a choice "
                        "question whose answers carry scores (the questionnaire's "
                        "scoring).",
                        question=line.question_id.title,
                    )
                )
