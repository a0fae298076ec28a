from odoo import fields, models


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
    duration_hours = fields.Float(string="Duration (hours)", digits=(16, 1), tracking=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Materials")
    trainer_type = fields.Selection(
        [("internal", "Internal Trainer"), ("external", "External Provider")],
        required=True,
        default="internal",
    )
    trainer_id = fields.Many2one("res.users", string="Trainer")
    provider_id = fields.Many2one("res.partner", string="Provider")
    exam_survey_id = fields.Many2one(
        "survey.survey",
        string="Exam",
        domain="[('certification', '=', True)]",
        help="A survey in certification mode; its required score is the pass score.",
    )
    pass_score = fields.Float(
        related="exam_survey_id.scoring_success_min", string="Pass Score (%)", readonly=False
    )
    reaction_survey_id = fields.Many2one(
        "survey.survey",
        string="Reaction Survey",
        help="Asked to the attendees right after the session.",
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
