from odoo import fields, models


class SalesQmsReviewOverride(models.TransientModel):
    """A sales manager lets a quotation be confirmed without an approved
    contract review; the reason is kept on the order and in its chatter."""

    _name = "sales.qms.review.override"
    _description = "Override a Contract Review"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    review_id = fields.Many2one(related="order_id.qms_review_id")
    warning = fields.Char(related="order_id.qms_review_warning")
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        # the order checks the sales manager's rights before writing
        self.order_id._qms_record_override(self.reason)
        return {"type": "ir.actions.act_window_close"}
