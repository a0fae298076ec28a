from odoo import api, models


class SalesQmsXlsx(models.AbstractModel):
    _inherit = "sales.qms.xlsx"

    @api.model
    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        reports["complaint_ledger"] = (
            "after.sales.complaint",
            "_xlsx_complaint_ledger",
        )
        return reports
