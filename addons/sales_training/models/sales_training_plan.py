from odoo import fields, models


class SalesTrainingPlan(models.Model):
    """The annual training plan (年度培训计划) and, as the year goes, its
    execution (sessions held, people trained, hours, cost)."""

    _name = "sales.training.plan"
    _description = "Annual Training Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("done", "Closed")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "sales.training.plan.line", "plan_id", string="Planned Trainings", copy=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Html()
