from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    after_sales_visit_lead_days = fields.Integer(
        "Visit Lead Time (days)",
        default=14,
        help="How many days before its planned date a visit of a plan is "
        "created, with an activity for the salesperson.",
    )
    after_sales_checkin_max_distance = fields.Integer(
        "Check-in Max Distance (m)",
        default=500,
        help="A visit on site is verified when it was checked in within this "
        "distance of the customer's coordinates.",
    )

    @api.constrains("after_sales_visit_lead_days", "after_sales_checkin_max_distance")
    def _check_after_sales_visit_settings(self):
        for company in self:
            if not 0 <= company.after_sales_visit_lead_days <= 366:
                raise ValidationError(
                    self.env._("The visit lead time is between 0 and 366 days.")
                )
            if company.after_sales_checkin_max_distance <= 0:
                raise ValidationError(
                    self.env._("The check-in max distance must be positive.")
                )
