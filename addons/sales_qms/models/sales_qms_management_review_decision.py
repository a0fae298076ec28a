from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsManagementReviewDecision(models.Model):
    """A decision of a management review (管理评审输出): what is to be done,
    by whom, by when. Part of the record of the meeting: frozen with the
    review once it was held."""

    _name = "sales.qms.management.review.decision"
    _description = "Management Review Decision"
    _order = "review_id, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    review_id = fields.Many2one(
        "sales.qms.management.review",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="review_id.company_id", store=True, index=True, precompute=True
    )
    review_date = fields.Date(related="review_id.date")
    sequence = fields.Integer(default=10)
    description = fields.Text(string="Decision", required=True)
    responsible_id = fields.Many2one(
        "res.users",
        required=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    deadline = fields.Date(required=True)
    note = fields.Text()
    action_ids = fields.One2many("sales.qms.action", "decision_id", readonly=True)
    action_state = fields.Selection(
        related="action_ids.state", string="Follow-up", readonly=True
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("deadline", "review_id")
    def _check_deadline(self):
        for decision in self:
            if decision.deadline and decision.deadline < decision.review_id.date:
                raise ValidationError(
                    self.env._(
                        "The deadline of the decision “%(decision)s” (%(deadline)s) "
                        "is before the management review meeting (%(date)s).",
                        decision=decision.description,
                        deadline=decision.deadline,
                        date=decision.review_id.date,
                    )
                )

    @api.constrains("description")
    def _check_description(self):
        for decision in self:
            if not (decision.description or "").strip():
                raise ValidationError(self.env._("Describe the decision."))

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env["sales.qms.management.review"].browse(
            {vals.get("review_id") for vals in vals_list if vals.get("review_id")}
        )._check_not_frozen()
        return super().create(vals_list)

    def write(self, vals):
        reviews = self.review_id
        if vals.get("review_id"):
            reviews |= reviews.browse(vals["review_id"])
        reviews._check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        self.review_id._check_not_frozen()
