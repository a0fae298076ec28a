from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sales_qms_indicator import month_starts


class SalesQmsFiscalYear(models.Model):
    """The year quality objectives are set for, split into monthly periods."""

    _name = "sales.qms.fiscal.year"
    _description = "Quality Fiscal Year"
    _inherit = ["mail.thread"]
    _order = "company_id, date_from desc"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(string="Start Date", required=True, tracking=True)
    date_to = fields.Date(string="End Date", required=True, tracking=True)
    period_ids = fields.One2many("sales.qms.period", "fiscal_year_id", string="Months")
    period_count = fields.Integer(compute="_compute_period_stats")
    closed_period_count = fields.Integer(compute="_compute_period_stats")
    objective_count = fields.Integer(compute="_compute_objective_count")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("period_ids.state")
    def _compute_period_stats(self):
        for year in self:
            year.period_count = len(year.period_ids)
            year.closed_period_count = len(
                year.period_ids.filtered(lambda p: p.state == "closed")
            )

    def _compute_objective_count(self):
        counts = dict(
            self.env["sales.qms.objective"]._read_group(
                [("fiscal_year_id", "in", self.ids)], ["fiscal_year_id"], ["__count"]
            )
        )
        for year in self:
            year.objective_count = counts.get(year, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for year in self:
            if year.date_from > year.date_to:
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s ends before it starts.",
                        year=year.name,
                    )
                )
            if (
                year.date_from.day != 1
                or (year.date_to + relativedelta(days=1)).day != 1
            ):
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s must start on the first day of a "
                        "month and end on the last day of a month.",
                        year=year.name,
                    )
                )
            if len(month_starts(year.date_from, year.date_to)) > 12:
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s is longer than 12 months.",
                        year=year.name,
                    )
                )
            overlap = self.search_count(
                [
                    ("id", "!=", year.id),
                    ("company_id", "=", year.company_id.id),
                    ("date_from", "<=", year.date_to),
                    ("date_to", ">=", year.date_from),
                ],
                limit=1,
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s overlaps another fiscal year of "
                        "%(company)s.",
                        year=year.name,
                        company=year.company_id.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        years = super().create(vals_list)
        years._generate_periods()
        return years

    def write(self, vals):
        if {"date_from", "date_to", "company_id"} & vals.keys() and self.period_ids:
            raise UserError(
                self.env._(
                    "The dates of a fiscal year cannot change once its months exist."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if (
            self.env["sales.qms.objective"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("fiscal_year_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._("A fiscal year with quality objectives cannot be deleted.")
            )
        # its months would go with it (cascade), closed ones included
        if any(period.state == "closed" for period in self.period_ids):
            raise UserError(
                self.env._("A fiscal year with closed months cannot be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_generate_periods(self):
        self._generate_periods()
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _generate_periods(self):
        """Create the missing monthly periods; existing months are kept."""
        existing = {(p.fiscal_year_id.id, p.date_from) for p in self.period_ids}
        vals_list = []
        for year in self:
            for month in month_starts(year.date_from, year.date_to):
                if (year.id, month) in existing:
                    continue
                vals_list.append(
                    {
                        "fiscal_year_id": year.id,
                        "date_from": month,
                        "date_to": month + relativedelta(months=1, days=-1),
                    }
                )
        return self.env["sales.qms.period"].create(vals_list)

    @api.model
    def _find_for_date(self, day, company):
        return self.search(
            [
                ("company_id", "=", company.id),
                ("date_from", "<=", day),
                ("date_to", ">=", day),
            ],
            limit=1,
        )
