from odoo import api, models


class SalesQmsXlsx(models.AbstractModel):
    # the reports of sessions and plans; the qualification reports register apart
    _inherit = "sales.qms.xlsx"

    @api.model
    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        # 年度培训计划及实施表 and 培训签到表
        reports["training_plan"] = ("sales.training.plan", "_xlsx_training_plan")
        reports["training_sign_in"] = ("sales.training.session", "_xlsx_sign_in_sheet")
        return reports
