from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AfterSalesComplaintStage(models.Model):
    _name = "after.sales.complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    pause_sla = fields.Boolean(
        string="Pause the SLA Clock",
        help="While a complaint stays in this stage (e.g. waiting for the customer), "
        "its SLA clock stops: the deadlines are pushed by the paused working time.",
    )
    is_resolved = fields.Boolean(
        string="Resolved",
        help="Entering this stage reaches the resolution SLA and asks the customer "
        "to confirm the resolution.",
    )
    is_closed = fields.Boolean(
        string="Closed",
        help="A complaint enters a closed stage only once the customer confirmed the "
        "resolution, or when a manager closes it with a reason.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("is_resolved", "is_closed", "pause_sla")
    def _check_kind(self):
        for stage in self:
            if stage.pause_sla and (stage.is_resolved or stage.is_closed):
                raise ValidationError(
                    self.env._(
                        "Stage %(stage)s: a resolved or closed stage cannot pause the "
                        "SLA clock.",
                        stage=stage.name,
                    )
                )
