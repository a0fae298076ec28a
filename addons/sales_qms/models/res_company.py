from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_top_manager_id = fields.Many2one(
        "res.users",
        string="Top Manager (最高管理者)",
        check_company=True,
        help="The person of top management who approves (批准) the quality "
        "policy, besides the members of the Top Management group.",
    )
    qms_achievement_form_number = fields.Char(
        string="Achievement Table Form No.",
        help="The number of the 质量目标完成情况表 in the company's document "
        "system (表单编号), printed on the table.",
    )
    qms_achievement_form_revision = fields.Char(
        string="Achievement Table Form Revision",
        help="The revision of the form (e.g. A/0), printed on the table.",
    )
