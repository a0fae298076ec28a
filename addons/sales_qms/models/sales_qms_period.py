from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SalesQmsPeriod(models.Model):
    """A month of a fiscal year; closing it freezes its measurements."""

    _name = "sales.qms.period"
    _description = "Quality Period (Month)"
    _inherit = ["mail.thread"]
    _order = "date_from desc"
    _rec_name = "name"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(compute="_compute_name", store=True)
    fiscal_year_id = fields.Many2one(
        "sales.qms.fiscal.year", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="fiscal_year_id.company_id", store=True, index=True, precompute=True
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        required=True,
        default="open",
        readonly=True,
        copy=False,
        tracking=True,
    )
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "fiscal_year_month_uniq",
            "UNIQUE(fiscal_year_id, date_from)",
            "A month appears only once in a fiscal year.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("date_from")
    def _compute_name(self):
        for period in self:
            period.name = period.date_from and period.date_from.strftime("%Y-%m")

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(period.state == "closed" for period in self):
            raise UserError(self.env._("A closed month cannot be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_close(self):
        """Measure the month one last time, then freeze its measurements."""
        self._check_manager()
        periods = self.filtered(lambda p: p.state == "open")
        objectives = self.env["sales.qms.objective"].search(
            [("fiscal_year_id", "in", periods.fiscal_year_id.ids)]
        )
        objectives._compute_measurements(periods=periods)
        periods.write(
            {
                "state": "closed",
                "closed_by_id": self.env.uid,
                "closed_on": fields.Datetime.now(),
            }
        )
        periods._schedule_not_met_activities()
        return True

    def action_reopen(self):
        """Reopen a month: the daily computation will overwrite its values."""
        self._check_manager()
        self.filtered(lambda p: p.state == "closed").write(
            {"state": "open", "closed_by_id": False, "closed_on": False}
        )
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _schedule_not_met_activities(self):
        """Ask the owner of each objective missed in a closed month to act."""
        missed = self.env["sales.qms.measurement"].search(
            [("period_id", "in", self.ids), ("status", "=", "not_met")]
        )
        for measurement in missed:
            objective = measurement.objective_id
            summary = self.env._(
                "Objective not met in %(month)s", month=measurement.name
            )
            if summary in objective.activity_ids.mapped("summary"):
                continue  # closed, reopened and closed again
            objective.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=objective.owner_id.id,
                summary=summary,
                note=self.env._(
                    "Actual %(value).2f against a target of %(target).2f: analyse "
                    "the cause and record the action taken.",
                    value=measurement.value,
                    target=measurement.target,
                ),
            )

    def _check_manager(self):
        if not self.env.user.has_group("sales_qms.group_sales_qms_manager"):
            raise AccessError(
                self.env._("Only a quality manager can close or reopen a month.")
            )
