from odoo import models


class SalesQmsIndicator(models.Model):
    _inherit = "sales.qms.indicator"

    def _get_scope_specs(self):
        specs = super()._get_scope_specs()
        specs["department"] = {"model": "hr.department", "field": "department_id"}
        specs["employee"] = {"model": "hr.employee", "field": "employee_id"}
        return specs
