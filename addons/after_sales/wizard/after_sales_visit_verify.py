from odoo import fields, models
from odoo.exceptions import UserError


class AfterSalesVisitVerify(models.TransientModel):
    _name = "after.sales.visit.verify"
    _description = "Verify a Return Visit by Hand"

    visit_id = fields.Many2one("after.sales.visit", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_verify(self):
        """A manager vouches for a done visit its check-in could not prove."""
        self.ensure_one()
        visit = self.visit_id
        visit._check_verifier()
        visit.check_access("write")
        if visit.state != "done":
            raise UserError(self.env._("Only a done visit can be verified."))
        if visit.is_verified:
            raise UserError(self.env._("This visit is already verified."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason of the verification."))
        visit.sudo().write(
            {
                "verified_manually": True,
                "verify_reason": self.reason.strip(),
                "verified_by_id": self.env.user.id,
                "verified_date": fields.Datetime.now(),
            }
        )
        visit.message_post(
            body=self.env._(
                "Verified by hand by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=self.reason.strip(),
            )
        )
        return {"type": "ir.actions.act_window_close"}
