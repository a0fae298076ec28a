from odoo import fields, models
from odoo.exceptions import AccessError


class SalesTrainingExceptionGrant(models.TransientModel):
    """Grant a qualification exception: the reason is mandatory."""

    _name = "sales.training.exception.grant"
    _description = "Grant a Qualification Exception"

    employee_id = fields.Many2one("hr.employee", required=True, readonly=True)
    reason = fields.Text(required=True)
    date_end = fields.Date(string="Valid Until", help="Empty: until revoked.")

    def action_grant(self):
        self.ensure_one()
        Exception_ = self.env["sales.training.qualification.exception"]
        if not Exception_.has_access("create"):
            raise AccessError(
                self.env._(
                    "Only HR or a training manager can grant a qualification exception."
                )
            )
        Exception_.create(
            {
                "employee_id": self.employee_id.id,
                "reason": self.reason,
                "date_end": self.date_end,
            }
        )
        return {"type": "ir.actions.act_window_close"}
