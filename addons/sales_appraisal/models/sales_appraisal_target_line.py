from odoo import api, fields, models

MONTH_FIELDS = [f"month_{n:02d}" for n in range(1, 13)]
QUARTER_FIELDS = [f"quarter_{n}" for n in range(1, 5)]


class SalesAppraisalTargetLine(models.Model):
    """A node of a target tree: the company, a sales team or a salesperson,
    with its year target, its four quarter targets and its twelve month
    targets (``month_01`` is the first month of the fiscal year).

    Balanced means: children sum to their parent (year, quarters, months),
    the quarters to the year, and each quarter's months to the quarter.
    """

    _name = "sales.appraisal.target.line"
    _description = "Sales Target Node"
    _parent_store = True
    _order = "target_id, parent_path, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    target_id = fields.Many2one(
        "sales.appraisal.target", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="target_id.company_id", store=True, index=True, precompute=True
    )
    fiscal_year_id = fields.Many2one(
        related="target_id.fiscal_year_id", store=True, index=True, precompute=True
    )
    indicator_id = fields.Many2one(
        related="target_id.indicator_id", store=True, index=True, precompute=True
    )
    state = fields.Selection(related="target_id.state", store=True, precompute=True)
    parent_id = fields.Many2one(
        "sales.appraisal.target.line",
        string="Parent Node",
        index=True,
        ondelete="cascade",
        domain="[('target_id', '=', target_id)]",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sales.appraisal.target.line", "parent_id", string="Children")
    sequence = fields.Integer(default=10)
    level = fields.Selection(
        [("company", "Company"), ("team", "Sales Team"), ("user", "Salesperson")],
        required=True,
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True, check_company=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    weight = fields.Float(
        digits=(16, 4),
        help="Share of the parent's target when splitting by weight.",
    )
    year_target = fields.Float(string="Year", digits=(16, 2), aggregator="sum")
    quarter_1 = fields.Float(string="Q1", digits=(16, 2), aggregator="sum")
    quarter_2 = fields.Float(string="Q2", digits=(16, 2), aggregator="sum")
    quarter_3 = fields.Float(string="Q3", digits=(16, 2), aggregator="sum")
    quarter_4 = fields.Float(string="Q4", digits=(16, 2), aggregator="sum")
    month_01 = fields.Float(string="M1", digits=(16, 2), aggregator="sum")
    month_02 = fields.Float(string="M2", digits=(16, 2), aggregator="sum")
    month_03 = fields.Float(string="M3", digits=(16, 2), aggregator="sum")
    month_04 = fields.Float(string="M4", digits=(16, 2), aggregator="sum")
    month_05 = fields.Float(string="M5", digits=(16, 2), aggregator="sum")
    month_06 = fields.Float(string="M6", digits=(16, 2), aggregator="sum")
    month_07 = fields.Float(string="M7", digits=(16, 2), aggregator="sum")
    month_08 = fields.Float(string="M8", digits=(16, 2), aggregator="sum")
    month_09 = fields.Float(string="M9", digits=(16, 2), aggregator="sum")
    month_10 = fields.Float(string="M10", digits=(16, 2), aggregator="sum")
    month_11 = fields.Float(string="M11", digits=(16, 2), aggregator="sum")
    month_12 = fields.Float(string="M12", digits=(16, 2), aggregator="sum")

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("level", "team_id", "user_id", "company_id")
    def _compute_display_name(self):
        for line in self:
            if line.level == "user":
                line.display_name = line.user_id.name or ""
            elif line.level == "team":
                line.display_name = line.team_id.name or ""
            else:
                line.display_name = line.company_id.name or ""
