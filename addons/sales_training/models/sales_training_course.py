from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError


class SalesTrainingCourse(models.Model):
    """A course of the catalogue: what is taught, for how long, by whom, the
    exam that proves it was learnt and how long the certification lasts."""

    _name = "sales.training.course"
    _description = "Training Course"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "category, name, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    category = fields.Selection(
        [
            ("product", "Product Knowledge"),
            ("sales_skills", "Sales Skills"),
            ("customer_service", "Customer Service"),
            ("quality", "Quality / QMS"),
            ("compliance", "Compliance"),
        ],
        required=True,
        default="sales_skills",
        tracking=True,
    )
    objectives = fields.Html(string="Learning Objectives")
    content = fields.Html()
    duration_hours = fields.Float(
        string="Duration (hours)", digits=(16, 1), tracking=True
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Materials")
    trainer_type = fields.Selection(
        [("internal", "Internal Trainer"), ("external", "External Provider")],
        required=True,
        default="internal",
    )
    trainer_id = fields.Many2one("res.users")
    provider_id = fields.Many2one("res.partner")
    exam_survey_id = fields.Many2one(
        "survey.survey",
        string="Exam",
        domain="[('certification', '=', True)]",
        help="A survey in certification mode; its required score is the pass score.",
    )
    pass_score = fields.Float(
        related="exam_survey_id.scoring_success_min",
        string="Pass Score (%)",
        readonly=False,
    )
    reaction_survey_id = fields.Many2one(
        "survey.survey",
        domain="[('scoring_type', '!=', 'no_scoring')]",
        help="Asked to the attendees right after the session; its score (%) is "
        "the reaction level of the effectiveness evaluation.",
    )
    validity_months = fields.Integer(
        string="Validity (months)",
        tracking=True,
        help="Re-certify every N months; 0 means the certification never expires.",
    )
    behaviour_delay_days = fields.Integer(
        string="Behaviour Evaluation After (days)",
        default=30,
        help="The manager evaluates how the attendee applies the course this many "
        "days after the session.",
    )
    weight_reaction = fields.Float(string="Reaction Weight (%)", default=20.0)
    weight_learning = fields.Float(string="Learning Weight (%)", default=40.0)
    weight_behaviour = fields.Float(string="Behaviour Weight (%)", default=40.0)
    session_ids = fields.One2many(
        "sales.training.session", "course_id", string="Sessions"
    )
    session_count = fields.Integer(compute="_compute_session_count")
    requirement_ids = fields.One2many(
        "sales.training.requirement", "course_id", string="Required By"
    )
    color = fields.Integer()

    # ------------------------------------------------------------
    # SQL CONSTRAINTS
    # ------------------------------------------------------------

    def init(self):
        # a code names one course of a company, whatever concurrent users do
        tools.create_unique_index(
            self.env.cr,
            "sales_training_course_code_company_uniq",
            self._table,
            ["company_id", "code"],
        )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_session_count(self):
        counts = dict(
            self.env["sales.training.session"]._read_group(
                [("course_id", "in", self.ids)], ["course_id"], ["__count"]
            )
        )
        for course in self:
            course.session_count = counts.get(course, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("duration_hours")
    def _check_duration_hours(self):
        if any(course.duration_hours <= 0 for course in self):
            raise ValidationError(self.env._("A course lasts more than zero hours."))

    @api.constrains("validity_months")
    def _check_validity_months(self):
        if any(course.validity_months < 0 for course in self):
            raise ValidationError(
                self.env._(
                    "The validity of a course is a number of months, zero or more "
                    "(zero: the certification never expires)."
                )
            )

    @api.constrains("behaviour_delay_days")
    def _check_behaviour_delay_days(self):
        if any(course.behaviour_delay_days < 0 for course in self):
            raise ValidationError(
                self.env._("The behaviour evaluation delay cannot be negative.")
            )

    @api.constrains("weight_reaction", "weight_learning", "weight_behaviour")
    def _check_weights(self):
        for course in self:
            weights = (
                course.weight_reaction,
                course.weight_learning,
                course.weight_behaviour,
            )
            if any(weight < 0 or weight > 100 for weight in weights):
                raise ValidationError(
                    self.env._(
                        "Each effectiveness weight of course %(course)s is between "
                        "0 and 100.",
                        course=course.name,
                    )
                )
            if tools.float_compare(sum(weights), 100.0, precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "The effectiveness weights of course %(course)s (reaction, "
                        "learning, behaviour) must add up to 100, not %(total)s.",
                        course=course.name,
                        total=round(sum(weights), 2),
                    )
                )

    @api.constrains("exam_survey_id", "pass_score")
    def _check_exam_survey(self):
        for course in self.filtered("exam_survey_id"):
            survey = course.exam_survey_id.sudo()
            if not survey.certification or survey.scoring_type == "no_scoring":
                raise ValidationError(
                    self.env._(
                        "The exam of course %(course)s must be a survey in "
                        "certification mode, scored from its answers: %(survey)s "
                        "is not.",
                        course=course.name,
                        survey=survey.title,
                    )
                )
            if not 0 <= survey.scoring_success_min <= 100:
                raise ValidationError(
                    self.env._("The pass score is a percentage between 0 and 100.")
                )

    @api.constrains("reaction_survey_id")
    def _check_reaction_survey(self):
        for course in self.filtered("reaction_survey_id"):
            if course.reaction_survey_id.sudo().scoring_type == "no_scoring":
                raise ValidationError(
                    self.env._(
                        "The reaction survey of course %(course)s must be scored: "
                        "its score is the attendees' reaction.",
                        course=course.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if "pass_score" in vals and not 0 <= (vals["pass_score"] or 0) <= 100:
            # checked before the survey is written: its own SQL check would
            # give the user a database error instead of a sentence
            raise ValidationError(
                self.env._("The pass score is a percentage between 0 and 100.")
            )
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "pass_score" in vals and not 0 <= (vals["pass_score"] or 0) <= 100:
                raise ValidationError(
                    self.env._("The pass score is a percentage between 0 and 100.")
                )
        return super().create(vals_list)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_training.sales_training_session_action"
        )
        action["domain"] = [("course_id", "=", self.id)]
        action["context"] = {"default_course_id": self.id}
        return action
