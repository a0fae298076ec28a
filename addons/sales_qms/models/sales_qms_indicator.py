"""The indicator engine.

An indicator is a definition (code, unit, direction) bound to a *source*.
A source is one method that computes, for a range of months and a set of
scopes, ``(numerator, denominator)`` per ``(month, scope)`` in a constant
number of queries (one grouped SQL query over the whole range).

Public API, used by objectives and by the other addons::

    values = indicators._compute_values(date_from, date_to, "user", user_ids)
    # {(indicator_id, month_start, scope_id): (value, numerator, denominator)}
    action = indicator._action_drilldown(date_from, date_to, "user", user_id)

Adding a source from another addon::

    source = fields.Selection(
        selection_add=[("complaint_rate", "Complaint rate")],
        ondelete={"complaint_rate": "cascade"},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        specs["complaint_rate"] = {
            "model": "after.sales.complaint",
            "date_field": "date_closed",
            "domain": [("state", "=", "done")],
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": {"company": "company_id", "user": "user_id"},
            "measure": "_source_measure_complaint_rate",
        }
        return specs

    def _source_measure_complaint_rate(self, query, alias):
        return SQL("COUNT(*) FILTER (WHERE ...)"), SQL("COUNT(*)")
"""

from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, float_is_zero
from odoo.tools.safe_eval import safe_eval

SCOPE_TYPES = [
    ("company", "Company"),
    ("team", "Sales Team"),
    ("user", "Salesperson"),
]


def month_starts(date_from, date_to):
    """First day of every month touched by ``[date_from, date_to]``."""
    month = date_from.replace(day=1)
    months = []
    while month <= date_to:
        months.append(month)
        month += relativedelta(months=1)
    return months


class SalesQmsIndicator(models.Model):
    _name = "sales.qms.indicator"
    _description = "Quality Indicator"
    _order = "sequence, code, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short unique reference used in reports and by other modules.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the indicator with every company.",
    )
    description = fields.Text(
        translate=True,
        help="How the indicator is defined: what is counted, over which records.",
    )
    unit = fields.Selection(
        [
            ("percent", "%"),
            ("count", "Count"),
            ("amount", "Amount"),
            ("score", "Score"),
            ("hours", "Hours"),
            ("days", "Days"),
        ],
        required=True,
        default="count",
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    source = fields.Selection(
        [
            ("sale_amount", "Confirmed sales amount"),
            ("sale_count", "Number of confirmed orders"),
            ("new_customers", "New customers (first confirmed order)"),
            ("quotation_conversion", "Quotation to order conversion rate"),
            ("quotation_days", "Average days from quotation to confirmation"),
        ],
        required=True,
    )
    source_model = fields.Char(
        compute="_compute_source_spec_fields",
        help="Technical name of the records the source counts.",
    )
    domain = fields.Char(
        string="Record Filter",
        default="[]",
        help="Optional filter on the records of the source, e.g. only orders "
        "of one product category.",
    )
    aggregation = fields.Selection(
        [("sum", "Sum"), ("ratio", "Ratio")],
        compute="_compute_source_spec_fields",
        help="Sum: the value adds up over months. Ratio: the value is "
        "numerator / denominator, and roll-ups divide the sums.",
    )
    objective_count = fields.Integer(compute="_compute_objective_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "UNIQUE(code, company_id)",
            "The indicator code must be unique per company.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("source")
    def _compute_source_spec_fields(self):
        specs = self._get_source_specs()
        for indicator in self:
            spec = specs.get(indicator.source) or {}
            indicator.source_model = spec.get("model")
            indicator.aggregation = spec.get("aggregation")

    def _compute_objective_count(self):
        counts = dict(
            self.env["sales.qms.objective"]._read_group(
                [("indicator_id", "in", self.ids)], ["indicator_id"], ["__count"]
            )
        )
        for indicator in self:
            indicator.objective_count = counts.get(indicator, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for indicator in self:
            indicator.display_name = (
                f"[{indicator.code}] {indicator.name}"
                if indicator.code
                else indicator.name
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("code", "company_id")
    def _check_code_unique_shared(self):
        # UNIQUE(code, company_id) lets a shared (company-less) code collide.
        for indicator in self:
            domain = [("code", "=", indicator.code), ("id", "!=", indicator.id)]
            if indicator.company_id:
                domain.append(("company_id", "=", False))
            if self.with_context(active_test=False).search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "The indicator code %(code)s is already used.",
                        code=indicator.code,
                    )
                )

    @api.constrains("domain", "source")
    def _check_domain(self):
        for indicator in self:
            try:
                self.env[indicator.source_model].sudo().search_count(
                    indicator._get_record_domain(), limit=1
                )
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The record filter of indicator %(indicator)s is invalid: "
                        "%(error)s",
                        indicator=indicator.display_name,
                        error=error,
                    )
                ) from error

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_objectives(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_objective_action"
        )
        action["domain"] = [("indicator_id", "=", self.id)]
        action["context"] = {"default_indicator_id": self.id}
        return action

    # ------------------------------------------------------------
    # ENGINE: PUBLIC API
    # ------------------------------------------------------------

    def _compute_values(
        self, date_from, date_to, scope_type, scope_ids, company_ids=None
    ):
        """Compute every indicator of ``self`` for each month and scope.

        :param date date_from: first day of the range (local date)
        :param date date_to: last day of the range (local date)
        :param str scope_type: one of ``SCOPE_TYPES`` keys
        :param list scope_ids: ids of companies, sales teams or users
        :param list company_ids: restrict the records to these companies
        :return: ``{(indicator_id, month_start, scope_id): (value, num, den)}``
            with an entry for every month of the range and every scope; value
            is ``None`` when there is nothing to measure (ratio with an empty
            denominator).

        One query per indicator, whatever the number of months, scopes or
        records.
        """
        result = {}
        months = month_starts(date_from, date_to)
        for indicator in self:
            raw = indicator._compute_source(
                date_from, date_to, scope_type, scope_ids, company_ids
            )
            for month in months:
                for scope_id in scope_ids:
                    num, den = raw.get((month, scope_id), (0.0, 0.0))
                    result[(indicator.id, month, scope_id)] = (
                        indicator._value_from(num, den),
                        num,
                        den,
                    )
        return result

    def _action_drilldown(
        self, date_from, date_to, scope_type, scope_id, company_ids=None
    ):
        """Window action listing exactly the records behind a value."""
        self.ensure_one()
        spec = self._get_source_spec()
        query, _alias = self._source_query(
            date_from, date_to, scope_type, [scope_id], company_ids
        )
        self.env.cr.execute(query.select())
        record_ids = [row[0] for row in self.env.cr.fetchall()]
        model = self.env[spec["model"]]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(indicator)s: %(date_from)s – %(date_to)s",
                indicator=self.name,
                date_from=date_from,
                date_to=date_to,
            ),
            "res_model": model._name,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", record_ids)],
            "context": {"create": False},
            "target": "current",
        }

    def _value_from(self, numerator, denominator):
        """Value of the indicator from its numerator and denominator.

        Roll-ups call it with sums, so a quarter of a rate is the sum of the
        numerators over the sum of the denominators, never an average of
        monthly percentages.
        """
        self.ensure_one()
        spec = self._get_source_spec()
        if spec["aggregation"] == "sum":
            return numerator
        if float_is_zero(denominator, precision_digits=6):
            return None
        return numerator / denominator * spec.get("factor", 1.0)

    # ------------------------------------------------------------
    # ENGINE: SOURCES
    # ------------------------------------------------------------

    def _get_source_specs(self):
        """Registry of sources: how each one reads its records.

        - ``model``: the records behind the numbers (drill-down target);
        - ``date_field``: the date that places a record in a month;
        - ``domain``: which records the source considers at all;
        - ``aggregation``: ``sum`` (value = numerator) or ``ratio``
          (value = numerator / denominator x ``factor``);
        - ``scope_fields``: the column holding each scope;
        - ``measure``: method name returning the SQL expressions of the
          numerator and denominator;
        - ``where`` (optional): method name adding conditions to the query,
          called with the query, its alias, the UTC bounds and the companies.
        """
        sale_scopes = {"company": "company_id", "team": "team_id", "user": "user_id"}
        confirmed = [("state", "=", "sale")]
        return {
            "sale_amount": {
                "model": "sale.order",
                "date_field": "date_order",
                "domain": confirmed,
                "aggregation": "sum",
                "scope_fields": sale_scopes,
                "measure": "_source_measure_sale_amount",
            },
            "sale_count": {
                "model": "sale.order",
                "date_field": "date_order",
                "domain": confirmed,
                "aggregation": "sum",
                "scope_fields": sale_scopes,
                "measure": "_source_measure_count",
            },
            "new_customers": {
                "model": "sale.order",
                "date_field": "date_order",
                "domain": confirmed,
                "aggregation": "sum",
                "scope_fields": sale_scopes,
                "measure": "_source_measure_count",
                "where": "_source_where_first_orders",
            },
            "quotation_conversion": {
                "model": "sale.order",
                # quotations are placed in the month they were created
                "date_field": "create_date",
                "domain": [],
                "aggregation": "ratio",
                "factor": 100.0,
                "scope_fields": sale_scopes,
                "measure": "_source_measure_quotation_conversion",
            },
            "quotation_days": {
                "model": "sale.order",
                "date_field": "date_order",
                "domain": confirmed,
                "aggregation": "ratio",
                "scope_fields": sale_scopes,
                "measure": "_source_measure_quotation_days",
            },
        }

    def _get_source_spec(self):
        self.ensure_one()
        spec = self._get_source_specs().get(self.source)
        if not spec:
            raise UserError(
                self.env._(
                    "The indicator %(indicator)s has no computation for its source.",
                    indicator=self.display_name,
                )
            )
        return spec

    def _get_record_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"context": self.env.context})

    def _get_scope_field(self, scope_type):
        spec = self._get_source_spec()
        field_name = spec["scope_fields"].get(scope_type)
        if not field_name:
            raise UserError(
                self.env._(
                    "The indicator %(indicator)s cannot be measured per %(scope)s.",
                    indicator=self.display_name,
                    scope=dict(SCOPE_TYPES).get(scope_type, scope_type),
                )
            )
        return field_name

    @api.model
    def _get_timezone(self, company=None):
        """Timezone in which records are placed in months: the company's."""
        company = company or self.env.company
        tz_name = company.partner_id.tz or self.env.user.tz or "UTC"
        return pytz.timezone(tz_name)

    @api.model
    def _to_utc_bounds(self, date_from, date_to, tz):
        """UTC datetimes bounding the local dates ``[date_from, date_to]``."""
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to + relativedelta(days=1), time.min))
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            stop.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _source_query(
        self, date_from, date_to, scope_type, scope_ids, company_ids=None
    ):
        """The query selecting the records of the source for a range and scopes.

        Record rules are bypassed on purpose: an indicator measures the whole
        company, whoever triggers the computation. The drill-down applies the
        user's own access rights again.
        """
        self.ensure_one()
        spec = self._get_source_spec()
        model = self.env[spec["model"]].sudo().with_context(active_test=False)
        scope_field = self._get_scope_field(scope_type)
        start, stop = self._to_utc_bounds(
            date_from, date_to, self._get_timezone(self._main_company(company_ids))
        )
        domain = expression.AND(
            [
                spec["domain"],
                self._get_record_domain(),
                [
                    (spec["date_field"], ">=", start),
                    (spec["date_field"], "<", stop),
                    (scope_field, "in", list(scope_ids)),
                ],
                [("company_id", "in", list(company_ids))] if company_ids else [],
            ]
        )
        query = model._search(domain)
        query.order = None
        alias = query.table
        if spec.get("where"):
            getattr(self, spec["where"])(query, alias, start, stop, company_ids)
        return query, alias

    def _compute_source(
        self, date_from, date_to, scope_type, scope_ids, company_ids=None
    ):
        """``{(month_start, scope_id): (numerator, denominator)}`` in one query."""
        self.ensure_one()
        if not scope_ids:
            return {}
        spec = self._get_source_spec()
        query, alias = self._source_query(
            date_from, date_to, scope_type, scope_ids, company_ids
        )
        month = SQL(
            "date_trunc('month', timezone(%s, timezone('UTC', %s)))::date",
            self._get_timezone(self._main_company(company_ids)).zone,
            SQL.identifier(alias, spec["date_field"]),
        )
        scope = SQL.identifier(alias, self._get_scope_field(scope_type))
        numerator, denominator = getattr(self, spec["measure"])(query, alias)
        query.groupby = SQL("1, 2")
        self.env.cr.execute(query.select(month, scope, numerator, denominator))
        return {
            (_as_date(row[0]), row[1]): (float(row[2] or 0.0), float(row[3] or 0.0))
            for row in self.env.cr.fetchall()
        }

    @api.model
    def _main_company(self, company_ids):
        """The company whose calendar places records in months."""
        if company_ids:
            return self.env["res.company"].browse(list(company_ids)[0])
        return self.env.company

    def _source_measure_count(self, query, alias):
        return SQL("COUNT(*)"), SQL("COUNT(*)")

    def _source_measure_sale_amount(self, query, alias):
        # amounts in the company currency, whatever the order currency
        return (
            SQL(
                "SUM(%s / COALESCE(NULLIF(%s, 0), 1))",
                SQL.identifier(alias, "amount_untaxed"),
                SQL.identifier(alias, "currency_rate"),
            ),
            SQL("COUNT(*)"),
        )

    def _source_where_first_orders(self, query, alias, start, stop, company_ids):
        """Keep only the first confirmed order of each customer (commercial
        entity) in its company: that order is the customer's "birth".

        One uncorrelated sub-query (a hash semi-join), limited to the
        customers who ordered in the range: a correlated NOT EXISTS per order
        took a minute on a million orders.
        """
        companies = (
            SQL("AND first_order.company_id IN %s", tuple(company_ids))
            if company_ids
            else SQL()
        )
        query.add_where(
            SQL(
                """%(id)s IN (
                    SELECT DISTINCT ON (first_order.company_id,
                                        first_partner.commercial_partner_id)
                           first_order.id
                      FROM sale_order first_order
                      JOIN res_partner first_partner
                        ON first_partner.id = first_order.partner_id
                     WHERE first_order.state = 'sale'
                       AND first_order.date_order < %(stop)s
                       %(companies)s
                       AND first_partner.commercial_partner_id IN (
                           SELECT period_partner.commercial_partner_id
                             FROM sale_order period_order
                             JOIN res_partner period_partner
                               ON period_partner.id = period_order.partner_id
                            WHERE period_order.state = 'sale'
                              AND period_order.date_order >= %(start)s
                              AND period_order.date_order < %(stop)s
                       )
                     ORDER BY first_order.company_id,
                              first_partner.commercial_partner_id,
                              first_order.date_order, first_order.id
                )""",
                id=SQL.identifier(alias, "id"),
                start=start,
                stop=stop,
                companies=companies,
            )
        )

    def _source_measure_quotation_conversion(self, query, alias):
        return (
            SQL("COUNT(*) FILTER (WHERE %s = 'sale')", SQL.identifier(alias, "state")),
            SQL("COUNT(*)"),
        )

    def _source_measure_quotation_days(self, query, alias):
        return (
            SQL(
                # an order dated before its creation (imported, typed in
                # afterwards) took no time, not a negative one
                "SUM(GREATEST(EXTRACT(EPOCH FROM (%s - %s)), 0) / 86400.0)",
                SQL.identifier(alias, "date_order"),
                SQL.identifier(alias, "create_date"),
            ),
            SQL("COUNT(*)"),
        )


def _as_date(value):
    return (
        value.date() if isinstance(value, datetime) else date.fromisoformat(str(value))
    )
