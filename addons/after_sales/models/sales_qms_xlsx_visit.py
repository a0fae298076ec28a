from odoo import api, models


class SalesQmsXlsx(models.AbstractModel):
    _inherit = "sales.qms.xlsx"

    @api.model
    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        reports["visit_record"] = ("after.sales.visit", "_xlsx_visit_record")
        return reports
