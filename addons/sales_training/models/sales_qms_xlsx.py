from odoo import api, models


class SalesQmsXlsx(models.AbstractModel):
    _inherit = "sales.qms.xlsx"

    @api.model
    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        # 年度培训计划及实施表 and 培训签到表
        reports["training_plan"] = ("sales.training.plan", "_xlsx_training_plan")
        reports["training_sign_in"] = ("sales.training.session", "_xlsx_sign_in_sheet")
        # 员工培训档案: on the public profile, readable by the employee
        # themself (the report checks it is their own)
        reports["training_record"] = ("hr.employee.public", "_xlsx_training_record")
        reports["competence_matrix"] = (
            "sales.training.competence.matrix",
            "_xlsx_competence_matrix",
        )
        return reports
