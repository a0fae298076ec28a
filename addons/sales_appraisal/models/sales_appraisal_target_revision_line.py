from odoo import fields, models


class SalesAppraisalTargetRevisionLine(models.Model):
    """A node's figures as they were in a former revision of its tree."""

    _name = "sales.appraisal.target.revision.line"
    _description = "Sales Target Revision Figures"
    _order = "revision_id, sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    revision_id = fields.Many2one(
        "sales.appraisal.target.revision",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="revision_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer()
    node_id = fields.Many2one(
        "sales.appraisal.target.line",
        index="btree_not_null",
        ondelete="set null",
        help="The node now, when it still exists.",
    )
    name = fields.Char(string="Node Name", required=True)
    level = fields.Selection(
        [("company", "Company"), ("team", "Sales Team"), ("user", "Salesperson")],
        required=True,
    )
    team_id = fields.Many2one("crm.team", string="Sales Team")
    user_id = fields.Many2one("res.users", string="Salesperson")
    year_target = fields.Float(string="Year", digits=(16, 2))
    quarter_1 = fields.Float(string="Q1", digits=(16, 2))
    quarter_2 = fields.Float(string="Q2", digits=(16, 2))
    quarter_3 = fields.Float(string="Q3", digits=(16, 2))
    quarter_4 = fields.Float(string="Q4", digits=(16, 2))
    month_01 = fields.Float(string="M1", digits=(16, 2))
    month_02 = fields.Float(string="M2", digits=(16, 2))
    month_03 = fields.Float(string="M3", digits=(16, 2))
    month_04 = fields.Float(string="M4", digits=(16, 2))
    month_05 = fields.Float(string="M5", digits=(16, 2))
    month_06 = fields.Float(string="M6", digits=(16, 2))
    month_07 = fields.Float(string="M7", digits=(16, 2))
    month_08 = fields.Float(string="M8", digits=(16, 2))
    month_09 = fields.Float(string="M9", digits=(16, 2))
    month_10 = fields.Float(string="M10", digits=(16, 2))
    month_11 = fields.Float(string="M11", digits=(16, 2))
    month_12 = fields.Float(string="M12", digits=(16, 2))
