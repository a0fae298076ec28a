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
    closed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    closed_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    measurement_ids = fields.One2many(
        "sales.qms.measurement", "period_id", string="Measurements"
    )
    measurement_count = fields.Integer(compute="_compute_measurement_count")

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

    def _compute_measurement_count(self):
        counts = dict(
            self.env["sales.qms.measurement"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.measurement_count = counts.get(period, 0)

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
        """Measure the month one last time, keep the records behind each
        value (the snapshot), then freeze its measurements."""
        self._check_manager()
        periods = self.filtered(lambda p: p.state == "open")
        objectives = self.env["sales.qms.objective"].search(
            [("fiscal_year_id", "in", periods.fiscal_year_id.ids)]
        )
        objectives._compute_measurements(periods=periods, closing=periods)
        periods.write(
            {
                "state": "closed",
                "closed_by_id": self.env.uid,
                "closed_on": fields.Datetime.now(),
            }
        )
        for period in periods:
            period.message_post(
                body=self.env._(
                    "Month closed: %(count)s measurements frozen with the records "
                    "behind them.",
                    count=period.measurement_count,
                ),
                subtype_xmlid="mail.mt_note",
            )
        periods._schedule_not_met_activities()
        return True

    def action_reopen(self):
        """Reopen a month: the daily computation will overwrite its values."""
        self._check_manager()
        periods = self.filtered(lambda p: p.state == "closed")
        periods.write({"state": "open", "closed_by_id": False, "closed_on": False})
        # the snapshot was what the closed month counted; open, it follows
        # the records again
        periods.measurement_ids.sudo().write({"snapshot_record_ids": False})
        for period in periods:
            period.message_post(
                body=self.env._(
                    "Month reopened: its measurements follow the records again "
                    "until it is closed."
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_measurements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_measurement_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        action["views"] = [(False, "list"), (False, "form")]
        action["view_mode"] = "list,form"
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _schedule_not_met_activities(self):
        """Ask the owner of each objective missed in a closed month to act,
        once per month (closing, reopening and closing again asks no more)."""
        missed = self.env["sales.qms.measurement"].search(
            [
                ("period_id", "in", self.ids),
                ("status", "=", "not_met"),
                ("owner_asked_on", "=", False),
            ]
        )
        for measurement in missed:
            objective = measurement.objective_id
            objective.activity_schedule(
                "sales_qms.mail_activity_type_objective_not_met",
                user_id=objective.owner_id.id,
                summary=self.env._(
                    "Objective not met in %(month)s", month=measurement.name
                ),
                note=self.env._(
                    "Actual %(value)s against a target of %(target)s: analyse "
                    "the cause and record the action taken.",
                    value=measurement.value_display,
                    target=measurement.target_display,
                ),
            )
        missed.sudo().write({"owner_asked_on": fields.Datetime.now()})

    def _check_manager(self):
        if not self.env.user.has_group("sales_qms.group_sales_qms_manager"):
            raise AccessError(
                self.env._("Only a quality manager can close or reopen a month.")
            )
