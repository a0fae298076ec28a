from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesAppraisalTargetSplit(models.TransientModel):
    """Split a node's target (the company node: the whole tree, top down) to
    the nodes under it and over quarters and months."""

    _name = "sales.appraisal.target.split"
    _description = "Split Sales Targets"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    target_id = fields.Many2one("sales.appraisal.target", required=True, readonly=True)
    company_id = fields.Many2one(related="target_id.company_id")
    line_id = fields.Many2one(
        "sales.appraisal.target.line",
        string="From Node",
        required=True,
        compute="_compute_line_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('target_id', '=', target_id)]",
        check_company=True,
        help="The node whose target is split; the company node splits the whole tree.",
    )
    split_time = fields.Boolean(
        string="Year → Quarters → Months",
        default=True,
        help="Spread the node's year target over its quarters and months.",
    )
    time_method = fields.Selection(
        [
            ("even", "Even"),
            ("seasonal", "Seasonal (last year's monthly shape)"),
        ],
        string="Over Time",
        required=True,
        default="even",
        help="Seasonal: the months follow last fiscal year's monthly values of "
        "the same indicator for the node (even when there is no history).",
    )
    split_children = fields.Boolean(
        string="To the Nodes Below",
        default=True,
        help="Split the node's targets to its sales teams or salespeople, so "
        "that they add up to it in every month.",
    )
    child_method = fields.Selection(
        [
            ("even", "Even"),
            ("weight", "By the Nodes' Weights"),
            ("last_year", "By Last Year's Share"),
        ],
        string="Between Nodes",
        required=True,
        default="even",
        help="Last year's share: each node's value of the same indicator last "
        "fiscal year (equal shares when there is no history).",
    )
    recursive = fields.Boolean(
        string="Down to the Salespeople",
        default=True,
        help="Split the teams' targets to their salespeople as well.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("target_id")
    def _compute_line_id(self):
        for wizard in self:
            if not wizard.line_id or wizard.line_id.target_id != wizard.target_id:
                wizard.line_id = wizard.target_id.line_ids.filtered(
                    lambda n: n.level == "company"
                )[:1]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_split(self):
        """Split as asked; nothing is written when any part fails."""
        self.ensure_one()
        target = self.target_id
        if self.line_id.target_id != target:
            raise UserError(self.env._("Choose a node of this target tree."))
        if not (self.split_time or self.split_children):
            raise UserError(
                self.env._(
                    "Choose what to split: over time, to the nodes below, or both."
                )
            )
        target._split(
            self.line_id,
            self.split_time,
            self.time_method,
            self.split_children,
            self.child_method,
            self.recursive,
        )
        return {"type": "ir.actions.act_window_close"}
