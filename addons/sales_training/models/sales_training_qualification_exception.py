"""Qualification exceptions: the only way to let someone take up the post
before every pre-job course is passed. Each states its reason, who granted
it, when, and optionally until when; the employee's chatter tracks it."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SalesTrainingQualificationException(models.Model):
    _name = "sales.training.qualification.exception"
    _description = "Qualification Exception"
    _inherit = ["mail.thread"]
    _order = "date_granted desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    reason = fields.Text(required=True, readonly=True)
    granted_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    date_granted = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today
    )
    date_end = fields.Date(
        string="Valid Until", readonly=True, help="Empty: until revoked."
    )
    state = fields.Selection(
        [("active", "Active"), ("ended", "Ended"), ("revoked", "Revoked")],
        required=True,
        default="active",
        readonly=True,
        tracking=True,
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("reason", "date_end", "date_granted")
    def _check_reason(self):
        for exception in self:
            if not (exception.reason or "").strip():
                raise ValidationError(
                    self.env._("A qualification exception needs a reason.")
                )
            if exception.date_end and exception.date_end < exception.date_granted:
                raise ValidationError(
                    self.env._(
                        "A qualification exception cannot end before it is granted."
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # who and when are facts, not input
            vals.pop("granted_by_id", None)
            vals.pop("date_granted", None)
            vals.pop("state", None)
        exceptions = super().create(vals_list)
        for exception in exceptions:
            exception.employee_id.sudo().message_post(
                body=self.env._(
                    "Qualification exception granted by %(user)s until %(end)s: "
                    "%(reason)s",
                    user=exception.granted_by_id.name,
                    end=exception.date_end or self.env._("revoked"),
                    reason=exception.reason,
                ),
            )
        return exceptions

    def write(self, vals):
        if not self.env.su and set(vals) - {"state"}:
            raise UserError(
                self.env._(
                    "A qualification exception cannot be changed: "
                    "revoke it and grant a new one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        raise UserError(
            self.env._(
                "A qualification exception is kept for the record: revoke it instead."
            )
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_revoke(self):
        self.check_access("write")
        if self.filtered(lambda exception: exception.state != "active"):
            raise UserError(self.env._("Only an active exception can be revoked."))
        self.write({"state": "revoked"})
        for exception in self:
            exception.employee_id.sudo().message_post(
                body=self.env._(
                    "Qualification exception revoked by %(user)s.",
                    user=self.env.user.name,
                )
            )
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _get_excepted_employee_ids(self, employees):
        """Ids of ``employees`` with an active exception today. One query."""
        today = fields.Date.context_today(self)
        exceptions = self.sudo().search_fetch(
            [
                ("employee_id", "in", employees._origin.ids),
                ("state", "=", "active"),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ],
            ["employee_id"],
        )
        return set(exceptions.employee_id.ids)

    @api.model
    def _cron_end_exceptions(self):
        """End the exceptions past their date; the employees' qualification
        follows (computed from the exceptions' state)."""
        today = fields.Date.context_today(self)
        ended = self.sudo().search([("state", "=", "active"), ("date_end", "<", today)])
        ended.write({"state": "ended"})
        return ended
