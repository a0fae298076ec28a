from dateutil.relativedelta import relativedelta

from odoo import api, models

from .sales_qms_indicator import month_starts

# What the dashboard reads of a measurement: one query for every objective.
DASHBOARD_MEASUREMENT_FIELDS = [
    "objective_id",
    "period_type",
    "date_from",
    "value",
    "target",
    "status",
    "is_corrected",
    "cause_analysis",
]


class SalesQmsObjective(models.Model):
    """The 质量目标看板 (quality-objectives dashboard) and the year-on-year
    comparison (同比) of an objective, read by the dashboard's client action."""

    _inherit = "sales.qms.objective"

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_year_on_year(self):
        """The dashboard of the objective's year, its year-on-year graph open."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.client",
            "tag": "sales_qms.objective_dashboard",
            "name": self.env._("Year on Year"),
            "params": {
                "fiscal_year_id": self.fiscal_year_id.id,
                "objective_id": self.id,
            },
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def get_dashboard_data(self, fiscal_year_id=None, filters=None):
        """Every objective of a fiscal year the user may read, month by month.

        Runs with the user's rights: the record rules decide which objectives
        and measurements appear. The measurements of all objectives are read
        at once, so the number of queries does not grow with the number of
        objectives.

        :param int fiscal_year_id: the year shown (default: today's year of
            the current company, else the latest year the user may read)
        :param dict filters: ``indicator_id``, ``team_id``, ``owner_id``
            (ids) and ``not_met`` (only objectives with a month not met)
        :return: ``{"fiscal_years", "fiscal_year_id", "columns", "rows",
            "indicators", "teams", "owners"}``; a row has one cell per column,
            keyed by the column's ``key``
        """
        # called by RPC: anything but a dict of filters filters nothing
        filters = filters if isinstance(filters, dict) else {}
        FiscalYear = self.env["sales.qms.fiscal.year"]
        years = FiscalYear.search_fetch(
            [], ["name", "company_id", "date_from", "date_to"]
        )
        if fiscal_year_id:
            year = years.filtered(lambda y: y.id == fiscal_year_id)
        else:
            year = self._default_fiscal_year() & years
        year = year or years.sorted("date_from", reverse=True)[:1]
        result = {
            "fiscal_years": [
                {
                    "id": y.id,
                    # two companies may both have a "2026"
                    "name": f"{y.name} ({y.company_id.name})"
                    if len(years.company_id) > 1
                    else y.name,
                }
                for y in years
            ],
            "fiscal_year_id": year.id,
            "columns": [],
            "rows": [],
            "indicators": [],
            "teams": [],
            "owners": [],
        }
        if not year:
            return result
        columns, month_columns = self._dashboard_columns(year)
        result["columns"] = columns

        objectives = self.search([("fiscal_year_id", "=", year.id)])
        objectives.fetch(
            ["name", "indicator_id", "owner_id", "team_id", "user_id", "comparison"]
        )
        measurements = self.env["sales.qms.measurement"].search_fetch(
            [("objective_id", "in", objectives.ids)], DASHBOARD_MEASUREMENT_FIELDS
        )
        by_objective = measurements.grouped("objective_id")

        # the choices of the filters: what the year's objectives offer
        result["indicators"] = self._dashboard_choices(objectives.indicator_id)
        result["teams"] = self._dashboard_choices(
            objectives.mapped(lambda o: o._dashboard_team())
        )
        result["owners"] = self._dashboard_choices(objectives.owner_id)

        for objective in objectives:
            months = by_objective.get(objective, measurements.browse())
            if not objective._dashboard_matches(filters, months):
                continue
            result["rows"].append(objective._dashboard_row(months, month_columns))
        return result

    def get_year_on_year_data(self):
        """This year against last year, month by month (同比).

        Last year is the measurements of last fiscal year's objective on the
        same indicator and scope when there is one the user may read, else
        the engine's values for the same months a year earlier and the same
        scope, as the objective would have been measured.

        :return: ``{"objective", "labels", "this_year", "last_year",
            "target"}``; a series has ``label``, ``values`` (``None`` where a
            month has no data) and ``formatted`` (the values with their unit)
        """
        self.ensure_one()
        self.check_access("read")
        year = self.fiscal_year_id
        indicator = self.indicator_id
        currency = self.currency_id
        months = sorted(year.period_ids.mapped("date_from")) or month_starts(
            year.date_from, year.date_to
        )
        this_year = {
            m.date_from: m.value
            for m in self.month_measurement_ids
            if m.status != "no_data"
        }
        last_year, last_label, source, previous = self._year_on_year_last_year()

        def series(label, values):
            return {
                "label": label,
                "values": values,
                "formatted": [indicator._format_value(v, currency) for v in values],
            }

        measured_targets = {m.date_from: m.target for m in self.month_measurement_ids}
        targets = [measured_targets.get(m, self.target) for m in months]
        return {
            "objective": {
                "id": self.id,
                "name": self.name,
                "indicator": indicator.display_name,
                "scope": self.scope_display,
                "target": self.target_display,
            },
            "labels": [
                self.env._("Month %(number)s", number=month.month) for month in months
            ],
            "this_year": series(year.name, [this_year.get(m) for m in months]),
            "last_year": series(
                last_label, [last_year.get(m - relativedelta(years=1)) for m in months]
            )
            | {
                "source": source,
                "objective_id": previous.id,
            },
            "target": series(self.env._("Target"), targets),
        }

    def _year_on_year_last_year(self):
        """``({month a year earlier: value}, label, source, objective)`` of
        last year: its objective's measurements or the engine's values."""
        self.ensure_one()
        year = self.fiscal_year_id
        last_from = year.date_from - relativedelta(years=1)
        last_to = year.date_to - relativedelta(years=1)
        last_year = self.env["sales.qms.fiscal.year"]._find_for_date(
            last_from, self.company_id
        )
        label = last_year.name or str(last_from.year)
        previous = self.browse()
        if last_year:
            # the same indicator on the same scope: team, salesperson,
            # category and company alike
            domain = [
                ("fiscal_year_id", "=", last_year.id),
                ("indicator_id", "=", self.indicator_id.id),
                ("scope_type", "=", self.scope_type),
            ] + [(name, "=", self[name].id) for name in sorted(self._scope_fields())]
            # an objective archived since still tells what last year was
            previous = self.with_context(active_test=False).search(
                domain, order="active desc, id desc", limit=1
            )
        if previous:
            values = {
                m.date_from: m.value
                for m in previous.month_measurement_ids
                if m.status != "no_data"
            }
            return values, label, "objective", previous
        indicator = self.indicator_id
        company = self.company_id
        date_to = min(last_to, self._today(company))
        if not indicator.source_installed or last_from > date_to:
            return {}, label, "engine", previous
        scope_id = self._get_scope_record().id
        if not scope_id:
            # a scope the engine does not measure on its own (e.g. a parent
            # objective over several scopes): nothing to compute
            return {}, label, "engine", previous
        # the engine measures the whole scope whatever the reader's rules, as
        # the objective's own months are measured
        values = indicator._compute_values(
            last_from, date_to, self.scope_type, [scope_id], company_ids=company.ids
        )
        return (
            {
                month: value
                for (_indicator, month, _scope), (value, _num, _den) in values.items()
            },
            label,
            "engine",
            previous,
        )

    @api.model
    def _dashboard_columns(self, year):
        """Months of the year, then Q1–Q4 and the year; and the months'
        columns by their first day."""
        periods = year.period_ids.sorted("date_from")
        months = periods.mapped("date_from") or month_starts(
            year.date_from, year.date_to
        )
        states = {p.date_from: p.state for p in periods}
        columns, month_columns = [], {}
        for index, month in enumerate(months):
            column = {
                "key": month.isoformat(),
                "type": "month",
                "label": self.env._("Month %(number)s", number=month.month),
                "title": month.strftime("%Y-%m"),
                "open": states.get(month, "open") != "closed",
                "quarter": index // 3 + 1,
            }
            columns.append(column)
            month_columns[month] = column
        for quarter in range(1, (len(months) + 2) // 3 + 1):
            columns.append(
                {
                    "key": f"Q{quarter}",
                    "type": "quarter",
                    "label": f"Q{quarter}",
                    "title": f"{year.name} Q{quarter}",
                    "open": any(
                        c["open"]
                        for c in month_columns.values()
                        if c["quarter"] == quarter
                    ),
                }
            )
        columns.append(
            {
                "key": "year",
                "type": "year",
                "label": self.env._("Year"),
                "title": year.name,
                "open": any(c["open"] for c in month_columns.values()),
            }
        )
        return columns, month_columns

    @api.model
    def _dashboard_choices(self, records):
        return [
            {"id": record.id, "name": record.display_name}
            for record in records.sorted("display_name")
        ]

    def _dashboard_team(self):
        """The team an objective belongs to: its own, or its salesperson's."""
        self.ensure_one()
        return self.team_id or self.user_id.sale_team_id

    def _dashboard_matches(self, filters, months):
        self.ensure_one()
        for key, value in (
            ("indicator_id", self.indicator_id.id),
            ("team_id", self._dashboard_team().id),
            ("owner_id", self.owner_id.id),
        ):
            if filters.get(key) and filters[key] != value:
                return False
        if filters.get("not_met"):
            return any(
                m.period_type == "month" and m.status == "not_met" for m in months
            )
        return True

    def _dashboard_row(self, measurements, month_columns):
        """One line of the grid: the objective and a cell per column."""
        self.ensure_one()
        indicator = self.indicator_id
        cells = {}
        for measurement in measurements:
            if measurement.period_type == "month":
                column = month_columns.get(measurement.date_from)
                if not column:
                    continue
                key, is_open = column["key"], column["open"]
            elif measurement.period_type == "quarter":
                # quarters are rolled up by three months from the year's start
                column = month_columns.get(measurement.date_from)
                if not column:
                    continue
                key = f"Q{column['quarter']}"
                is_open = any(
                    c["open"]
                    for c in month_columns.values()
                    if c["quarter"] == column["quarter"]
                )
            else:
                key = "year"
                is_open = any(c["open"] for c in month_columns.values())
            has_value = measurement.status != "no_data"
            cells[key] = {
                "measurement_id": measurement.id,
                "status": measurement.status,
                "value": measurement.value if has_value else None,
                "value_display": (
                    indicator._format_value(measurement.value, self.currency_id)
                    if has_value
                    else ""
                ),
                "target_display": indicator._format_value(
                    measurement.target, self.currency_id
                ),
                "open": is_open,
                "corrected": measurement.is_corrected,
                "analysed": bool(measurement.cause_analysis),
            }
        return {
            "id": self.id,
            "name": self.name,
            "indicator": indicator.display_name,
            "indicator_id": indicator.id,
            "scope": self.scope_display,
            "owner": self.owner_id.display_name,
            "owner_id": self.owner_id.id,
            "team_id": self._dashboard_team().id,
            "target": self.target_display,
            "cells": cells,
        }
