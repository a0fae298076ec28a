from odoo import fields, models


class SalesQmsNonconformityCheck(models.TransientModel):
    """The quality representative checks whether the treatment of a
    nonconformity was effective (有效性验证)."""

    _name = "sales.qms.nonconformity.check"
    _description = "Nonconformity Effectiveness Check"

    nonconformity_id = fields.Many2one(
        "sales.qms.nonconformity", required=True, ondelete="cascade"
    )
    result = fields.Selection(
        [("effective", "Effective"), ("ineffective", "Not Effective")],
        required=True,
        default="effective",
    )
    note = fields.Text(required=True, help="The evidence the check rests on.")

    def action_confirm(self):
        self.ensure_one()
        # the nonconformity checks the checker's rights and independence
        self.nonconformity_id._record_check(self.result, self.note)
        return {"type": "ir.actions.act_window_close"}
