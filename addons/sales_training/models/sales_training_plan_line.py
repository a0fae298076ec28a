from odoo import fields, models


class SalesTrainingPlanLine(models.Model):
    _name = "sales.training.plan.line"
    _description = "Annual Training Plan Line"
    _order = "plan_id, planned_month, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "sales.training.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    course_id = fields.Many2one("sales.training.course", required=True, check_company=True)
    job_ids = fields.Many2many("hr.job", string="Jobs")
    department_ids = fields.Many2many("hr.department", string="Departments")
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    planned_month = fields.Date(
        required=True, help="The first day of the month the training is planned in."
    )
    budget = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="plan_id.currency_id")
    trainer_id = fields.Many2one("res.users", string="Trainer")
    provider_id = fields.Many2one("res.partner", string="Provider")
