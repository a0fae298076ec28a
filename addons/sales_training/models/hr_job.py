from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    training_requirement_ids = fields.One2many(
        "sales.training.requirement", "job_id", string="Training Requirements"
    )
