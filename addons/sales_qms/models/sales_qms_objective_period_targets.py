from odoo import fields, models


class SalesQmsObjective(models.Model):
    """Targets by period: a month, a quarter or the year may have a target of
    its own (``sales.qms.objective.target``); the others keep the
    objective's one target."""

    _inherit = "sales.qms.objective"  # pylint: disable=consider-merging-classes-inherited

    period_target_ids = fields.One2many(
        "sales.qms.objective.target",
        "objective_id",
        string="Targets by Period",
        copy=True,
    )

    def _get_month_target(self, period):
        self.ensure_one()
        for line in self.period_target_ids:
            if line.period_type == "month" and line.date_from == period.date_from:
                return line.target
        return super()._get_month_target(period)

    def _rollup_values(self, months, period_type="year"):
        """A quarter or the year with a target of its own compares with it."""
        vals = super()._rollup_values(months, period_type)
        if not months:
            return vals
        for line in self.period_target_ids:
            if (
                line.period_type == period_type
                and line.date_from == months[0].date_from
            ):
                value = vals["value"] if vals["status"] != "no_data" else None
                vals["target"] = line.target
                vals["status"] = self._status_for(value, line.target)
        return vals

    def _year_target(self, months):
        """The target of the whole year: its own when set; else, for a summed
        indicator, its months' targets added up (``months``: the month
        measurements by start date; the months to come at their planned
        target), for a rate the objective's target."""
        self.ensure_one()
        for line in self.period_target_ids:
            if line.period_type == "year":
                return line.target
        if self.indicator_id.aggregation != "sum":
            return self.target
        return sum(
            months[period.date_from].target
            if period.date_from in months
            else self._get_month_target(period)
            for period in self.fiscal_year_id.period_ids
        )
