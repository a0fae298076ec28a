from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    after_sales_visit_lead_days = fields.Integer(
        related="company_id.after_sales_visit_lead_days", readonly=False
    )
    after_sales_checkin_max_distance = fields.Integer(
        related="company_id.after_sales_checkin_max_distance", readonly=False
    )
