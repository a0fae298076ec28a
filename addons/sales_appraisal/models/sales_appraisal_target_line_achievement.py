from odoo import api, fields, models


class SalesAppraisalTargetLine(models.Model):
    # achievements and "my targets" in a file of their own: the tree itself
    # (splitting, balance) lives in sales_appraisal_target_line.py
    _inherit = "sales.appraisal.target.line"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    achievement_ids = fields.One2many(
        "sales.appraisal.achievement", "line_id", string="Achievements"
    )
    is_current_fiscal_year = fields.Boolean(
        compute="_compute_is_current_fiscal_year",
        search="_search_is_current_fiscal_year",
        help="The node's fiscal year contains today.",
    )
    ytd_target = fields.Float(
        string="Target to Date", compute="_compute_my_achievement", digits=(16, 2)
    )
    ytd_actual = fields.Float(
        string="Actual to Date", compute="_compute_my_achievement", digits=(16, 2)
    )
    year_progress = fields.Float(
        string="Year Progress (%)",
        compute="_compute_my_achievement",
        help="Actual to date ÷ year target.",
    )
    current_month_target = fields.Float(
        string="This Month's Target", compute="_compute_my_achievement", digits=(16, 2)
    )
    current_month_actual = fields.Float(
        string="This Month's Actual", compute="_compute_my_achievement", digits=(16, 2)
    )
    current_month_progress = fields.Float(
        string="Month Progress (%)", compute="_compute_my_achievement"
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("fiscal_year_id.date_from", "fiscal_year_id.date_to")
    @api.depends_context("tz")
    def _compute_is_current_fiscal_year(self):
        today = fields.Date.context_today(self)
        # fiscal years are quality documents a salesperson may not read
        for line in self:
            year = line.sudo().fiscal_year_id
            line.is_current_fiscal_year = bool(
                year and year.date_from <= today <= year.date_to
            )

    def _search_is_current_fiscal_year(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        # fiscal years are quality documents a salesperson may not read
        years = (
            self.env["sales.qms.fiscal.year"]
            .sudo()
            ._search([("date_from", "<=", today), ("date_to", ">=", today)])
        )
        operator = "in" if (operator == "=") == value else "not in"
        return [("fiscal_year_id", operator, years)]

    @api.depends("achievement_ids.target", "achievement_ids.actual", "year_target")
    @api.depends_context("tz")
    def _compute_my_achievement(self):
        # every card of the kanban in one grouped query
        today = fields.Date.context_today(self)
        this_month = today.replace(day=1)
        groups = self.env["sales.appraisal.achievement"]._read_group(
            [("line_id", "in", self.ids), ("month", "<=", today)],
            ["line_id", "month:month"],
            ["target:sum", "actual:sum"],
        )
        totals = {}
        for line, month, target, actual in groups:
            ytd_target, ytd_actual, current_month_target, current_month_actual = (
                totals.get(line.id, (0.0, 0.0, 0.0, 0.0))
            )
            if month == this_month:
                current_month_target, current_month_actual = target, actual
            totals[line.id] = (
                ytd_target + target,
                ytd_actual + actual,
                current_month_target,
                current_month_actual,
            )
        for line in self:
            ytd_target, ytd_actual, current_month_target, current_month_actual = (
                totals.get(line.id, (0.0, 0.0, 0.0, 0.0))
            )
            line.ytd_target = ytd_target
            line.ytd_actual = ytd_actual
            line.current_month_target = current_month_target
            line.current_month_actual = current_month_actual
            line.year_progress = (
                ytd_actual / line.year_target * 100.0 if line.year_target else 0.0
            )
            line.current_month_progress = (
                current_month_actual / current_month_target * 100.0
                if current_month_target
                else 0.0
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_achievements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_appraisal.sales_appraisal_achievement_action"
        )
        action["domain"] = [("line_id", "=", self.id)]
        action["context"] = {}
        action["view_mode"] = "list,pivot,graph"
        action["views"] = [(False, "list"), (False, "pivot"), (False, "graph")]
        return action
