from odoo import api, models


class SalesQmsXlsx(models.AbstractModel):
    _inherit = "sales.qms.xlsx"

    @api.model
    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        # 回访记录表 and 客诉处理台账
        reports["visit_record"] = ("after.sales.visit", "_xlsx_visit_record")
        reports["complaint_ledger"] = (
            "after.sales.complaint",
            "_xlsx_complaint_ledger",
        )
        return reports
