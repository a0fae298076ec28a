from odoo import api, fields, models
from odoo.exceptions import AccessError

INPUT_SECTIONS = [
    ("objective", "Quality Objectives"),
    ("satisfaction", "Customer Satisfaction"),
    ("contract_review", "Contract Review"),
    ("audit", "Internal Audits"),
    ("nonconformity", "Nonconformities"),
    ("capa", "Corrective and Preventive Actions"),
    ("business_plan", "Business Plans"),
]


class SalesQmsManagementReviewInput(models.Model):
    """An input of a management review (管理评审输入), gathered from the
    records by ``sales.qms.management.review.action_gather_inputs``.

    Nobody creates, edits or deletes an input by hand, whatever their rights
    and whatever the way in (form, import, RPC): the gathering creates and
    replaces them through ``_create_gathered`` and ``_unlink_gathered``. The
    records behind an input are kept (``res_model``, ``res_ids``) so that
    "open the records" lists them.
    """

    _name = "sales.qms.management.review.input"
    _description = "Management Review Input"
    _order = "review_id, sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    review_id = fields.Many2one(
        "sales.qms.management.review",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="review_id.company_id", store=True, index=True, precompute=True
    )
    section = fields.Selection(INPUT_SECTIONS, required=True, readonly=True)
    sequence = fields.Integer(readonly=True)
    label = fields.Char(string="Item", required=True, readonly=True)
    value = fields.Float(readonly=True, digits=(16, 2))
    value_display = fields.Char(string="Actual", readonly=True)
    target_display = fields.Char(string="Target", readonly=True)
    status = fields.Selection(
        [("met", "Met"), ("not_met", "Not met"), ("info", "For information")],
        required=True,
        readonly=True,
        default="info",
    )
    note = fields.Char(readonly=True)
    res_model = fields.Char(string="Records Model", readonly=True)
    res_ids = fields.Json(string="Records", readonly=True)
    record_count = fields.Integer(compute="_compute_record_count")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("res_ids")
    def _compute_record_count(self):
        for line in self:
            line.record_count = len(line.res_ids or [])

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if vals_list:
            raise AccessError(self._frozen_message())
        return super().create(vals_list)

    def write(self, vals):
        if self and vals:
            raise AccessError(self._frozen_message())
        return super().write(vals)

    def unlink(self):
        if self:
            raise AccessError(self._frozen_message())
        return super().unlink()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_records(self):
        """The records behind the input, read-only, under the user's own
        access rights."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            return False
        return {
            "type": "ir.actions.act_window",
            "name": self.label,
            "res_model": self.res_model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.res_ids or [])],
            "context": {"create": False, "edit": False, "delete": False},
            "target": "current",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _create_gathered(self, vals_list):
        """Create the gathered inputs: the gathering's own path (``create``
        refuses everybody)."""
        return super().create(vals_list)

    def _unlink_gathered(self):
        """Delete inputs replaced by a new gathering (``unlink`` refuses
        everybody)."""
        return super().unlink()

    def _frozen_message(self):
        return self.env._(
            "The inputs of a management review are gathered from the records, "
            "never typed or edited."
        )
