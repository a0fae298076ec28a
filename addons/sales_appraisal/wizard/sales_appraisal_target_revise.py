from odoo import fields, models
from odoo.exceptions import UserError


class SalesAppraisalTargetRevise(models.TransientModel):
    """Reopen a confirmed target tree for a revision, with a reason: the
    figures it had are kept in a revision."""

    _name = "sales.appraisal.target.revise"
    _description = "Revise Sales Targets"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    target_id = fields.Many2one("sales.appraisal.target", required=True, readonly=True)
    reason = fields.Text(required=True)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_revise(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for revising the targets."))
        self.target_id._revise(self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
