from odoo import api, models


class SalesQmsXlsx(models.AbstractModel):
    _inherit = "sales.qms.xlsx"

    @api.model
    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        # 销售目标分解表
        reports["target_breakdown"] = (
            "sales.appraisal.target",
            "_xlsx_target_breakdown",
        )
        return reports
