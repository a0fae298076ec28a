from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Written only by closing and reopening.
STATE_FIELDS = {"state", "closed_by_id", "closed_on"}


class SalesQmsPeriod(models.Model):
    """A month of a fiscal year; closing it freezes its measurements.

    Months are generated with their fiscal year: their dates never change,
    and their state changes only by closing and reopening (``_write_state``).
    """

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
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("date_from", "date_to", "fiscal_year_id")
    def _check_dates(self):
        for period in self:
            year = period.fiscal_year_id
            if (
                period.date_from.day != 1
                or period.date_to != period.date_from + relativedelta(months=1, days=-1)
            ):
                raise ValidationError(
                    self.env._(
                        "A month runs from the first to the last day of one calendar "
                        "month: %(start)s – %(end)s is not one.",
                        start=period.date_from,
                        end=period.date_to,
                    )
                )
            if not year.date_from <= period.date_from <= year.date_to:
                raise ValidationError(
                    self.env._(
                        "The month %(month)s is outside its fiscal year %(year)s.",
                        month=period.name,
                        year=year.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if {"date_from", "date_to", "fiscal_year_id"} & vals.keys():
            raise UserError(
                self.env._(
                    "The dates of a month never change: months are generated with "
                    "their fiscal year."
                )
            )
        if STATE_FIELDS & vals.keys():
            raise UserError(
                self.env._("A month is closed and reopened with its buttons only.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_or_measured(self):
        if any(period.state == "closed" for period in self):
            raise UserError(self.env._("A closed month cannot be deleted."))
        if (
            self.env["sales.qms.measurement"]
            .sudo()
            .search_count([("period_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "This month holds measurements of quality objectives: it cannot "
                    "be deleted."
                )
            )

    def _write_state(self, vals):
        """Close or reopen: private, the buttons' own path (``write`` refuses
        the state to everybody)."""
        return super().write(vals)

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
        # a month closes with every objective measured, or not at all
        objectives._compute_measurements_safely(
            periods=periods, closing=periods
        )._raise_compute_errors()
        periods._write_state(
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
        periods._write_state(
            {"state": "open", "closed_by_id": False, "closed_on": False}
        )
        # the snapshot was what the closed month counted; open, it follows
        # the records again
        periods.measurement_ids.sudo().write({"snapshot_record_ids": False})
        for period in periods:
            period.message_post(
                body=self.env._(
                    "Month reopened: its measurements follow the records again "
                    "until it is closed; corrected values are kept."
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
            objective.sudo().activity_schedule(
                "sales_qms.mail_activity_type_objective_not_met",
                user_id=objective._activity_user().id,
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
