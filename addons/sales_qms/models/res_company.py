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
