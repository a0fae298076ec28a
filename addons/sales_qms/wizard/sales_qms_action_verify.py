from odoo import fields, models


class SalesQmsActionVerify(models.TransientModel):
    """The quality representative verifies the effectiveness of a done
    action."""

    _name = "sales.qms.action.verify"
    _description = "Verify an Action"

    action_id = fields.Many2one("sales.qms.action", required=True, ondelete="cascade")
    result = fields.Selection(
        [("effective", "Effective"), ("ineffective", "Not Effective")],
        required=True,
        default="effective",
    )
    note = fields.Text(required=True, help="The evidence the verification rests on.")

    def action_confirm(self):
        self.ensure_one()
        # the action checks the verifier's rights and independence
        self.action_id._record_verification(self.result, self.note)
        return {"type": "ir.actions.act_window_close"}
