from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesTrainingRequirement(models.Model):
    """A course a job (optionally only in one department) requires: before
    taking up the post (岗前培训) or periodically (定期培训)."""

    _name = "sales.training.requirement"
    _description = "Training Requirement"
    _order = "job_id, requirement_type, course_id, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    job_id = fields.Many2one(
        "hr.job", string="Job Position", required=True, index=True, check_company=True
    )
    department_id = fields.Many2one(
        "hr.department",
        check_company=True,
        help="Only employees of this department in this job; empty: every department.",
    )
    course_id = fields.Many2one(
        "sales.training.course", required=True, index=True, check_company=True
    )
    requirement_type = fields.Selection(
        [("pre_job", "Pre-Job Training"), ("periodic", "Periodic Training")],
        string="Type",
        required=True,
        default="pre_job",
    )
    frequency_months = fields.Integer(
        string="Every (months)", help="Periodic training: how often it is repeated."
    )
    deadline_days = fields.Integer(
        string="Deadline (days)",
        default=30,
        help="Pre-job training: days after the hire date to pass the course.",
    )
    course_category = fields.Selection(related="course_id.category", string="Category")

    # ------------------------------------------------------------
    # SQL CONSTRAINTS
    # ------------------------------------------------------------

    _sql_constraints = [
        (
            "course_job_department_uniq",
            "UNIQUE NULLS NOT DISTINCT "
            "(job_id, department_id, course_id, requirement_type)",
            "This job (and department) already requires this course with this type.",
        ),
    ]

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("requirement_type", "frequency_months")
    def _check_frequency_months(self):
        for requirement in self:
            if (
                requirement.requirement_type == "periodic"
                and requirement.frequency_months <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "A periodic training of course %(course)s is repeated every "
                        "N months: give a frequency above zero.",
                        course=requirement.course_id.name,
                    )
                )
            if requirement.frequency_months < 0:
                raise ValidationError(self.env._("The frequency cannot be negative."))

    @api.constrains("deadline_days")
    def _check_deadline_days(self):
        if any(requirement.deadline_days < 0 for requirement in self):
            raise ValidationError(self.env._("The deadline cannot be negative."))
