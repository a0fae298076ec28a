from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class AfterSalesComplaintClose(models.TransientModel):
    _name = "after.sales.complaint.close"
    _description = "Close a Complaint with a Reason"

    complaint_id = fields.Many2one(
        "after.sales.complaint", required=True, ondelete="cascade"
    )
    reason = fields.Text(required=True)

    def action_close(self):
        self.ensure_one()
        if not self.env.user.has_group("after_sales.group_after_sales_manager"):
            raise AccessError(
                self.env._(
                    "Only an after-sales manager may close a complaint with a reason."
                )
            )
        complaint = self.complaint_id
        complaint.check_access("write")
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for closing the complaint."))
        stage = complaint._stage_for("closed")
        complaint.sudo().write(
            {
                "close_reason": self.reason,
                "closed_by_id": self.env.user.id,
                "stage_id": stage.id,
                # a link still in the customer's mailbox can no longer answer
                "confirmation_token_hash": False,
                "confirmation_token_expiry": False,
            }
        )
        complaint.message_post(
            body=self.env._(
                "Closed by %(manager)s without the customer's confirmation: %(reason)s",
                manager=self.env.user.name,
                reason=self.reason,
            )
        )
        return {"type": "ir.actions.act_window_close"}
