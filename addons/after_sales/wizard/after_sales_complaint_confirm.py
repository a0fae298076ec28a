from odoo import api, fields, models
from odoo.exceptions import UserError


class AfterSalesComplaintConfirm(models.TransientModel):
    _name = "after.sales.complaint.confirm"
    _description = "Record a Customer Confirmation Taken by Phone"

    complaint_id = fields.Many2one(
        "after.sales.complaint", required=True, ondelete="cascade"
    )
    accepted = fields.Selection(
        [
            ("yes", "The customer confirms the resolution"),
            ("no", "The customer rejects it"),
        ],
        string="Answer",
        required=True,
        default="yes",
    )
    contact_name = fields.Char(
        string="Confirmed By",
        required=True,
        compute="_compute_contact_name",
        store=True,
        readonly=False,
        help="Who at the customer gave the answer on the phone.",
    )
    confirmed_at = fields.Datetime(
        string="Called At", required=True, default=fields.Datetime.now
    )
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        string="Customer Rating",
        required=True,
        default="5",
    )
    comment = fields.Text()

    @api.depends("complaint_id")
    def _compute_contact_name(self):
        for wizard in self:
            complaint = wizard.complaint_id
            wizard.contact_name = (complaint.contact_id or complaint.partner_id).name

    def action_confirm(self):
        self.ensure_one()
        complaint = self.complaint_id
        complaint.check_access("write")
        if not complaint.stage_id.is_resolved:
            raise UserError(
                self.env._(
                    "Complaint %(number)s is not resolved: the customer has nothing to "
                    "confirm yet.",
                    number=complaint.name,
                )
            )
        if self.confirmed_at > fields.Datetime.now():
            raise UserError(self.env._("The call cannot be in the future."))
        complaint._apply_confirmation(
            self.accepted == "yes",
            int(self.rating),
            self.comment,
            "phone",
            self.contact_name,
            recorded_by=self.env.user,
        )
        complaint.sudo().confirmed_at = self.confirmed_at
        return {"type": "ir.actions.act_window_close"}
