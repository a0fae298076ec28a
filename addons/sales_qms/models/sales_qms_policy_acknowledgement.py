from odoo import api, fields, models
from odoo.exceptions import AccessError

# Written only by the policy's own steps: request, acknowledgement, reminder.
ACKNOWLEDGEMENT_FIELDS = {
    "policy_id",
    "user_id",
    "state",
    "requested_on",
    "acknowledged_on",
    "reminded_on",
}


class SalesQmsPolicyAcknowledgement(models.Model):
    """One person of a policy's audience asked to confirm they have read the
    version in force (ISO 9001 §5.2.2: the policy is communicated and
    understood), and whether and when they did."""

    _name = "sales.qms.policy.acknowledgement"
    _description = "Quality Policy Acknowledgement"
    _order = "policy_id desc, state desc, user_id"
    _rec_name = "user_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    policy_id = fields.Many2one(
        "sales.qms.policy", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(
        related="policy_id.company_id", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one(
        "res.users", string="Employee", required=True, index=True, readonly=True
    )
    state = fields.Selection(
        [
            ("pending", "Not Yet Read"),
            ("done", "Read"),
            ("superseded", "No Longer Needed"),
        ],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    requested_on = fields.Datetime(readonly=True)
    acknowledged_on = fields.Datetime(string="Read On", readonly=True)
    reminded_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "policy_user_uniq",
            "UNIQUE(policy_id, user_id)",
            "A person acknowledges a version of the quality policy once.",
        ),
    ]

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Acknowledgements are requested by putting a version of the "
                    "quality policy in force."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if ACKNOWLEDGEMENT_FIELDS & vals.keys() and not self.env.su:
            raise AccessError(
                self.env._(
                    "An acknowledgement is given by its person with the button "
                    "“I Have Read It”, never written by hand."
                )
            )
        return super().write(vals)
