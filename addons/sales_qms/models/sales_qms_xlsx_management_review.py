from odoo import api, models


class SalesQmsXlsx(models.AbstractModel):
    # the management review's report, registered like any addon's
    _inherit = "sales.qms.xlsx"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        reports["management_review"] = (
            "sales.qms.management.review",
            "_xlsx_management_review",
        )
        reports["business_plan"] = ("sales.qms.business.plan", "_xlsx_business_plan")
        return reports
