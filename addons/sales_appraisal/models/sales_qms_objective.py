from odoo import fields, models

from .sales_appraisal_target_line import MONTH_FIELDS


class SalesQmsObjective(models.Model):
    _inherit = "sales.qms.objective"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    target_line_id = fields.Many2one(
        "sales.appraisal.target.line",
        string="Sales Target Node",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The node of a confirmed target tree this objective measures: "
        "each month is measured against the node's month target.",
    )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_month_target(self, period):
        """A node's objective: the node's target of that month."""
        line = self.target_line_id.sudo()
        if not line:
            return super()._get_month_target(period)
        start = line.fiscal_year_id.date_from
        index = (period.date_from.year - start.year) * 12 + (
            period.date_from.month - start.month
        )
        if not 0 <= index < len(MONTH_FIELDS):
            return super()._get_month_target(period)
        return line[MONTH_FIELDS[index]]
