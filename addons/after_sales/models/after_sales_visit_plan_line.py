from odoo import fields, models


class AfterSalesVisitPlanLine(models.Model):
    _name = "after.sales.visit.plan.line"
    _description = "Customer of a Return-Visit Plan"
    _order = "plan_id, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    plan_id = fields.Many2one(
        "after.sales.visit.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, check_company=True, index=True
    )
    user_id = fields.Many2one("res.users", "Salesperson", check_company=True)

    _sql_constraints = [
        (
            "plan_partner_uniq",
            "UNIQUE(plan_id, partner_id)",
            "A customer appears once in a visit plan.",
        ),
    ]
