from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SalesQmsAuditProgramme(models.Model):
    """The annual internal audit programme (年度内审方案): the audits planned
    for a year."""

    _name = "sales.qms.audit.programme"
    _description = "Internal Audit Programme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    audit_ids = fields.One2many("sales.qms.audit", "programme_id", string="Audits")
    audit_count = fields.Integer(compute="_compute_audit_count")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    note = fields.Html()

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("audit_ids")
    def _compute_audit_count(self):
        counts = dict(
            self.env["sales.qms.audit"]._read_group(
                [("programme_id", "in", self.ids)], ["programme_id"], ["__count"]
            )
        )
        for programme in self:
            programme.audit_count = counts.get(programme._origin, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("year")
    def _check_year(self):
        for programme in self:
            if not 2000 <= programme.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "The year %(year)s of the audit programme %(programme)s "
                        "is not a plausible year (2000 to 2100).",
                        year=programme.year,
                        programme=programme.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if "state" in vals:
            raise UserError(
                self.env._("The state of an audit programme changes by its buttons.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audits(self):
        if self.audit_ids:
            raise UserError(
                self.env._("An audit programme with audits cannot be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        self._set_state("draft", "confirmed")

    def action_done(self):
        self._set_state("confirmed", "done")

    def action_draft(self):
        self._set_state("confirmed", "draft")

    def action_view_audits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_audit_action"
        )
        action["domain"] = [("programme_id", "=", self.id)]
        action["context"] = {
            "default_programme_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _set_state(self, from_state, to_state):
        self.check_access("write")
        for programme in self:
            if programme.state != from_state:
                raise UserError(
                    self.env._(
                        "The audit programme %(programme)s is not in the right "
                        "state for this step.",
                        programme=programme.name,
                    )
                )
        return super().write({"state": to_state})
