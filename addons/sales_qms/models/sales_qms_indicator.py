"""The indicator engine: the contract every addon follows to add an indicator.

An indicator is a definition (code, unit, direction) bound to a *source*. A
source says which records are counted and how; the engine computes it for a
range of months and a set of scopes in ONE grouped SQL query, whatever the
number of months, scopes or records, and lists the records behind any value.

Public API (objectives, appraisals, rankings, dashboards read through it and
never recompute on their own)::

    values = indicators._compute_values(date_from, date_to, "user", user_ids,
                                        company_ids=[company.id])
    # {(indicator_id, month_start, scope_id): (value, numerator, denominator)}
    ids = indicator._compute_record_ids(date_from, date_to, "user", user_ids,
                                        company_ids=[company.id])
    # {(month_start, scope_id): [record ids]}, the records behind each value
    action = indicator._action_drilldown(date_from, date_to, "user", user_id,
                                         company_ids=[company.id])

``value`` is ``None`` when there is nothing to measure (a ratio over an empty
denominator). A summed indicator's value is its numerator.

Adding a source (see ``sales_qms_indicator_sale.py``, the sale sources are a
client of this contract like any other)::

    class SalesQmsIndicator(models.Model):
        _inherit = "sales.qms.indicator"

        source = fields.Selection(
            selection_add=[("complaint_closed_rate", "Complaints closed in time")],
            ondelete={"complaint_closed_rate": retire_indicators},
        )

        def _get_source_specs(self):
            specs = super()._get_source_specs()
            specs["complaint_closed_rate"] = {
                "model": "after.sales.complaint",
                "date_field": "date_received",      # a Date or a Datetime
                "company_field": "company_id",      # a path, or False
                "domain": [("state", "!=", "cancel")],
                "aggregation": "ratio",
                "factor": 100.0,
                "scope_fields": {
                    "team": "team_id",
                    "user": "user_id",
                    "partner_category": "partner_id.commercial_partner_id.category_id",
                },
                "measure": "_source_measure_complaint_closed_rate",
                "counts": _lt("Complaints received in the month; those closed "
                              "within their SLA make the numerator"),
                "list_view": "after_sales.after_sales_complaint_view_list_drilldown",
                "group_by": ["state"],
            }
            return specs

        def _source_measure_complaint_closed_rate(self, query, alias):
            return (
                SQL("COUNT(*) FILTER (WHERE %s)", ...),  # numerator
                SQL("COUNT(*)"),                          # denominator
            )

The keys of a spec (``SOURCE_SPEC_KEYS``):

- ``model`` (required): the records counted, also the drill-down's model.
- ``date_field`` (required): a stored field of ``model`` placing a record in
  a month. A ``Datetime`` is cut in the company's timezone (the company
  partner's ``tz``); a ``Date`` is cut as a date, never shifted.
- ``company_field`` (required): the path from ``model`` to its company
  (``"company_id"``, ``"survey_id.company_id"``,
  ``"partner_id.company_id"``), or ``False`` for records without a company:
  they are then counted for every company asked for.
- ``domain``: which records the source considers at all.
- ``aggregation`` (required): ``"sum"`` (value = numerator, adds up over
  months) or ``"ratio"`` (value = numerator / denominator x ``factor``;
  roll-ups divide the sums, never average the rates).
- ``scope_fields`` (required): per scope type of ``_get_scope_specs``, the
  path from ``model`` to the scope: many2one hops, then a many2one or a
  many2many to the scope's model (``"partner_id.commercial_partner_id.
  category_id"``). A record in two customer categories counts in both. The
  ``company`` scope defaults to ``company_field``.
- ``measure`` (required): the name of a method ``(query, alias) ->
  (numerator SQL, denominator SQL)``, aggregates over the rows of a group.
- ``where``: the name of a method ``(query, alias, bounds, company_ids)``
  adding conditions no domain can express. Such a source drills down by
  record ids instead of a domain.
- ``counts``: what the number counts, in words (a ``_lt`` string), shown in
  the drill-down's title.
- ``list_view``: the XML id of the list view of the drill-down, showing the
  columns that explain the number (the date that placed a record in its
  month, what puts it in the numerator). Never a view with ``sample="1"``.
- ``form_view``: the XML id of the form a drill-down record opens in
  (optional, default: the model's form). A read-only evidence form lets
  readers without the business app's rights (quality auditors) open a
  record whose full form computes what only its app's users may read.
- ``group_by``: fields the drill-down list is grouped by (e.g. the state that
  separates the numerator from the rest of the denominator).

Rules of the engine:

- Record rules are bypassed and archived records are counted: an indicator
  measures the whole company, whoever asks. The drill-down lists the same
  records (archived included) under the user's own access rights.
- Whatever a query reads is flushed first: the source model's fields, the
  fields along the scope and company paths. A ``measure`` or ``where`` method
  that reads another model flushes it itself.
- Specs are checked when the registry is built (``_register_hook``) and by a
  test that runs over every registered source: a mistake fails at install,
  not months later in the nightly computation.
- A closed month keeps the ids of the records behind each frozen measurement
  (``sales.qms.measurement.snapshot_record_ids``): its drill-down lists what
  was counted then, whatever changed since.
- Uninstalling an addon that added a source: give ``retire_indicators`` as the
  ``ondelete`` of its selection values. Its indicators are archived, keep
  their definition, and their objectives keep every measurement (readable,
  no longer computed); reinstalling the addon brings them back.

Adding a scope type (e.g. department, employee): ``selection_add`` on
``sales.qms.objective.scope_type``, a many2one on the objective holding it,
an entry in ``_get_scope_specs``, and the field in the objective form. The
engine, the objective's checks, its onchange and its display follow.
"""

import logging
from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, float_is_zero, formatLang
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import LazyTranslate

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

SOURCE_SPEC_KEYS = {
    "model",
    "date_field",
    "company_field",
    "domain",
    "aggregation",
    "factor",
    "scope_fields",
    "measure",
    "where",
    "counts",
    "list_view",
    "form_view",
    "group_by",
}
# Far beyond any sales figure, far below what a float sum overflows at: the
# bound of targets and corrected values.
MAX_MEASURED_VALUE = 1e15
MAX_MEASURED_VALUE_TEXT = f"{MAX_MEASURED_VALUE:,.0f}"
REQUIRED_SOURCE_SPEC_KEYS = {
    "model",
    "date_field",
    "company_field",
    "aggregation",
    "scope_fields",
    "measure",
}
# What follows a value, by unit; counts and amounts are formatted apart.
UNIT_SUFFIXES = {
    "percent": "%",
    "score": _lt("points"),
    "hours": _lt("hours"),
    "days": _lt("days"),
}


def month_starts(date_from, date_to):
    """First day of every month touched by ``[date_from, date_to]``."""
    month = date_from.replace(day=1)
    months = []
    while month <= date_to:
        months.append(month)
        month += relativedelta(months=1)
    return months


def retire_indicators(indicators):
    """``ondelete`` of a source's selection value: see the module docstring."""
    indicators._retire_source()


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
    formula = fields.Text(
        translate=True,
        help="How the value is calculated, in words (计算公式), e.g. orders "
        "delivered on time ÷ orders delivered × 100 %.",
    )
    data_source = fields.Text(
        translate=True,
        help="Where the figures come from (数据来源), e.g. the confirmed sales "
        "orders in Odoo. Empty: the records the source counts.",
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
    # Sources are added with selection_add, the sale sources included.
    source = fields.Selection([], required=True)
    source_model = fields.Char(
        compute="_compute_source_spec_fields",
        help="Technical name of the records the source counts.",
    )
    source_installed = fields.Boolean(
        compute="_compute_source_spec_fields",
        help="False when the module computing this indicator was uninstalled: "
        "its objectives keep their measurements but are no longer computed.",
    )
    counts = fields.Char(
        string="What It Counts",
        compute="_compute_source_spec_fields",
        help="What the source counts, as the drill-down lists it.",
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

    # codes unique per company, shared (company-less) ones included, even
    # under concurrent requests; a company's code may not reuse a shared one
    # either (_check_code_unique)
    _sql_constraints = [
        (
            "code_company_uniq",
            "EXCLUDE (code WITH =, (COALESCE(company_id, 0)) WITH =)",
            "The indicator code must be unique per company.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("source")
    @api.depends_context("lang")
    def _compute_source_spec_fields(self):
        specs = self._source_registry()
        for indicator in self:
            spec = specs.get(indicator.source) or {}
            indicator.source_model = spec.get("model")
            indicator.source_installed = bool(spec)
            indicator.aggregation = spec.get("aggregation")
            indicator.counts = str(spec.get("counts") or "")

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
    def _check_code_unique(self):
        for indicator in self:
            # a code is unique in its company and against shared codes
            domain = [("code", "=", indicator.code), ("id", "!=", indicator.id)]
            if indicator.company_id:
                domain.append(("company_id", "in", [indicator.company_id.id, False]))
            if (
                self.with_context(active_test=False)
                .sudo()
                .search_count(domain, limit=1)
            ):
                raise ValidationError(
                    self.env._(
                        "The indicator code %(code)s is already used.",
                        code=indicator.code,
                    )
                )

    @api.constrains("domain", "source")
    def _check_domain(self):
        for indicator in self.filtered("source_installed"):
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
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        self._check_shared_rights(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shared(self):
        self._check_shared_rights({})

    def _check_shared_rights(self, vals):
        """A shared (company-less) indicator measures every company using it:
        only someone belonging to all of them changes it, and it never moves
        to one company while others use it. Others copy it into theirs."""
        shared = self.filtered(lambda indicator: not indicator.company_id)
        if not shared or self.env.su:
            return
        users_companies = dict(
            self.env["sales.qms.objective"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("indicator_id", "in", shared.ids)],
                ["indicator_id"],
                ["company_id:recordset"],
            )
        )
        for indicator in shared:
            companies = users_companies.get(indicator, self.env["res.company"])
            foreign = companies - self.env.user.company_ids
            if foreign:
                raise AccessError(
                    self.env._(
                        "The indicator %(indicator)s is shared with %(companies)s: "
                        "only someone working for all of them can change it. "
                        "Duplicate it into your company instead.",
                        indicator=indicator.display_name,
                        companies=", ".join(foreign.mapped("name")),
                    )
                )
            if vals.get("company_id") and companies - self.env["res.company"].browse(
                vals["company_id"]
            ):
                raise ValidationError(
                    self.env._(
                        "The indicator %(indicator)s is used by objectives of other "
                        "companies: it cannot belong to one company.",
                        indicator=indicator.display_name,
                    )
                )

    def copy_data(self, default=None):
        # a copy is another indicator: it needs a code of its own
        vals_list = super().copy_data(default=default)
        if "code" not in (default or {}):
            for indicator, vals in zip(self, vals_list, strict=True):
                vals["code"] = f"{indicator.code}-COPY"
        return vals_list

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
    # ENGINE: REGISTRIES
    # ------------------------------------------------------------

    def _register_hook(self):
        super()._register_hook()
        # A broken spec is a programming error of the addon that adds it:
        # say so when the registry loads, not in the nightly computation.
        try:
            self._source_registry()
        except ValueError:
            _logger.exception("Invalid indicator source specification")

    @api.model
    def _get_source_specs(self):
        """``{source: spec}``, extended by every addon that adds a source.

        See the module docstring for the keys of a spec. Never called
        directly: read the checked registry with ``_source_registry()``.
        """
        return {}

    @api.model
    def _definition(self):
        """(formula, data source) in words, as objectives print them: what
        the indicator says of itself, else what its source counts."""
        self.ensure_one()
        formula = self.formula or self.description or ""
        data_source = self.data_source
        if not data_source and self.source_model in self.env:
            data_source = self.env._(
                "%(records)s in Odoo: %(counts)s",
                records=self.env[self.source_model]._description,
                counts=self.counts or "",
            )
        return formula, data_source or ""

    def _get_scope_specs(self):
        """``{scope type: {"model": comodel, "field": objective field}}``.

        The label of a scope type is the one of the objective's ``scope_type``
        selection, extended with ``selection_add`` by the addon adding it.
        """
        return {
            "company": {"model": "res.company", "field": "company_id"},
            "team": {"model": "crm.team", "field": "team_id"},
            "user": {"model": "res.users", "field": "user_id"},
            "partner_category": {
                "model": "res.partner.category",
                "field": "partner_category_id",
            },
        }

    @api.model
    @tools.ormcache()
    def _source_registry(self):
        """The sources' specs, checked once per registry.

        :raise ValueError: naming the source and what is wrong with its spec
        """
        self._check_scope_specs()
        specs = self._get_source_specs()
        for name, spec in specs.items():
            self._check_source_spec(name, spec)
        return specs

    @api.model
    def _check_scope_specs(self):
        objective_field = self.env["sales.qms.objective"]._fields["scope_type"]
        declared = {value for value, _label in objective_field.selection}
        specs = self._get_scope_specs()
        if declared != set(specs):
            raise ValueError(
                "Scope types of sales.qms.objective.scope_type "
                f"{sorted(declared)} and of _get_scope_specs {sorted(specs)} differ"
            )
        Objective = self.env["sales.qms.objective"]
        for scope_type, spec in specs.items():
            field = Objective._fields.get(spec.get("field"))
            if spec.get("model") not in self.env:
                raise ValueError(f"Scope type {scope_type!r}: unknown model")
            if not field or field.type != "many2one":
                raise ValueError(
                    f"Scope type {scope_type!r}: sales.qms.objective has no "
                    f"many2one {spec.get('field')!r}"
                )
            if field.comodel_name != spec["model"]:
                raise ValueError(
                    f"Scope type {scope_type!r}: field {field.name!r} points to "
                    f"{field.comodel_name}, not {spec['model']}"
                )

    @api.model
    def _check_source_spec(self, name, spec):
        """Raise a ValueError saying what is wrong with a source's spec."""

        def fail(message):
            raise ValueError(f"Indicator source {name!r}: {message}")

        if not isinstance(spec, dict):
            fail("the spec must be a dict")
        if unknown := set(spec) - SOURCE_SPEC_KEYS:
            fail(f"unknown keys {sorted(unknown)}")
        if missing := REQUIRED_SOURCE_SPEC_KEYS - set(spec):
            fail(f"missing keys {sorted(missing)}")
        if spec["model"] not in self.env:
            fail(f"unknown model {spec['model']!r}")
        model = self.env[spec["model"]]
        date_field = model._fields.get(spec["date_field"])
        if (
            not date_field
            or date_field.type not in ("date", "datetime")
            or not date_field.store
        ):
            fail(f"{spec['date_field']!r} is not a stored date or datetime field")
        scope_specs = self._get_scope_specs()
        if unknown := set(spec["scope_fields"]) - set(scope_specs):
            fail(f"unknown scope type {sorted(unknown)}")
        try:
            if spec["company_field"]:
                self._path_fields(model, spec["company_field"], "res.company")
            for scope_type, path in spec["scope_fields"].items():
                self._path_fields(model, path, scope_specs[scope_type]["model"])
        except ValueError as error:
            fail(str(error))
        if unknown := set(spec.get("group_by", [])) - set(model._fields):
            fail(f"{model._name} has no field {sorted(unknown)} to group by")
        if spec["aggregation"] not in ("sum", "ratio"):
            fail("aggregation must be 'sum' or 'ratio'")
        if not isinstance(spec.get("factor", 1.0), (int, float)):
            fail("factor must be a number")
        if not isinstance(spec.get("domain", []), list):
            fail("domain must be a list")
        for key in ("measure", "where"):
            if spec.get(key) and not callable(getattr(self, spec[key], None)):
                fail(f"{key} method {spec[key]!r} does not exist")

    @api.model
    def _path_fields(self, model, path, comodel_name):
        """The fields along ``path`` from ``model``, checked: stored many2one
        hops, then a stored many2one or many2many to ``comodel_name``."""
        path_fields = []
        fnames = path.split(".")
        for index, fname in enumerate(fnames):
            field = model._fields.get(fname)
            if field is None or not field.store:
                raise ValueError(f"{model._name} has no stored field {fname!r}")
            last = index == len(fnames) - 1
            if field.type != "many2one" and not (last and field.type == "many2many"):
                raise ValueError(
                    f"{path!r}: {fname!r} must be a many2one"
                    + (" or a many2many" if last else "")
                )
            path_fields.append(field)
            model = self.env[field.comodel_name]
        if model._name != comodel_name:
            raise ValueError(f"{path!r} leads to {model._name}, not {comodel_name}")
        return path_fields

    def _get_source_spec(self):
        self.ensure_one()
        spec = self._source_registry().get(self.source)
        if not spec:
            raise UserError(
                self.env._(
                    "The indicator %(indicator)s has no computation for its source: "
                    "the module that computed it is not installed.",
                    indicator=self.display_name,
                )
            )
        return spec

    def _get_record_domain(self):
        """The record filter, evaluated the same way wherever the computation
        runs (a form, the nightly cron): it may not depend on who asks."""
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"context": {}})

    def _get_scope_path(self, scope_type):
        """The path from the source's records to ``scope_type``, or False for
        the company scope of records without a company."""
        spec = self._get_source_spec()
        path = spec["scope_fields"].get(scope_type)
        if not path and scope_type == "company":
            return spec["company_field"]
        if not path:
            labels = dict(
                self.env["sales.qms.objective"]
                ._fields["scope_type"]
                ._description_selection(self.env)
            )
            raise UserError(
                self.env._(
                    "The indicator %(indicator)s cannot be measured per %(scope)s.",
                    indicator=self.display_name,
                    scope=labels.get(scope_type, scope_type),
                )
            )
        return path

    def _retire_source(self):
        """The module computing these indicators is being uninstalled."""
        indicators = self.with_context(active_test=False).sudo()
        _logger.info(
            "Source of indicators %s uninstalled: archived, objectives kept",
            indicators.mapped("code"),
        )
        indicators.write({"active": False})

    # ------------------------------------------------------------
    # ENGINE: PUBLIC API
    # ------------------------------------------------------------

    def _compute_values(
        self, date_from, date_to, scope_type, scope_ids, company_ids=None
    ):
        """Compute every indicator of ``self`` for each month and scope.

        :param date date_from: first day of the range (local date)
        :param date date_to: last day of the range (local date)
        :param str scope_type: a key of ``_get_scope_specs()``
        :param list scope_ids: ids of the scope's model (companies, teams…)
        :param list company_ids: only count the records of these companies
        :return: ``{(indicator_id, month_start, scope_id): (value, num, den)}``
            with an entry for every month of the range and every scope

        One query per indicator, whatever the number of months, scopes or
        records.
        """
        result = {}
        months = month_starts(date_from, date_to)
        for indicator in self:
            spec = indicator._get_source_spec()
            raw = indicator._read_source(
                date_from, date_to, scope_type, scope_ids, company_ids
            )
            for month in months:
                for scope_id in scope_ids:
                    num, den = raw.get((month, scope_id), (0.0, 0.0))
                    result[(indicator.id, month, scope_id)] = (
                        indicator._value_from(num, den, spec),
                        num,
                        den,
                    )
        return result

    def _compute_record_ids(
        self, date_from, date_to, scope_type, scope_ids, company_ids=None
    ):
        """``{(month_start, scope_id): [ids]}``: the records behind each value
        of ``_compute_values``, in one query."""
        self.ensure_one()
        return self._read_source(
            date_from, date_to, scope_type, scope_ids, company_ids, record_ids=True
        )

    def _action_drilldown(
        self, date_from, date_to, scope_type, scope_id, company_ids=None
    ):
        """Window action listing exactly the records behind a value."""
        self.ensure_one()
        spec = self._get_source_spec()
        title = self._drilldown_title(date_from, date_to, scope_type, scope_id)
        if spec.get("where"):
            # not expressible as a domain: the ids the query selects
            ids = self._compute_record_ids(
                date_from, date_to, scope_type, [scope_id], company_ids
            )
            return self._drilldown_action(
                title, record_ids=sorted({i for rows in ids.values() for i in rows})
            )
        domain = self._drilldown_domain(
            date_from, date_to, scope_type, scope_id, company_ids
        )
        return self._drilldown_action(title, domain=domain)

    def _value_from(self, numerator, denominator, spec=None):
        """Value of the indicator from its numerator and denominator.

        Roll-ups call it with sums, so a quarter of a rate is the sum of the
        numerators over the sum of the denominators, never an average of
        monthly percentages.
        """
        self.ensure_one()
        spec = spec or self._get_source_spec()
        if spec["aggregation"] == "sum":
            return numerator
        if float_is_zero(denominator, precision_digits=6):
            return None
        return numerator / denominator * spec.get("factor", 1.0)

    def _format_value(self, value, currency=None):
        """A value as users read it: counts as integers, amounts in the
        company currency, the unit after the others (``7.50 天``)."""
        self.ensure_one()
        if value is None or value is False:
            return ""
        if self.unit == "count":
            return formatLang(self.env, value, digits=0)
        if self.unit == "amount":
            return formatLang(self.env, value, currency_obj=currency)
        suffix = UNIT_SUFFIXES.get(self.unit)
        text = formatLang(self.env, value, digits=2)
        return f"{text} {suffix}" if suffix else text

    # ------------------------------------------------------------
    # ENGINE: QUERIES
    # ------------------------------------------------------------

    @api.model
    def _get_timezone(self, company=None):
        """Timezone in which datetimes are placed in months: the company's."""
        company = company or self.env.company
        tz_name = company.partner_id.tz or self.env.user.tz or "UTC"
        return pytz.timezone(tz_name)

    @api.model
    def _day_start_utc(self, day, company):
        """The naive UTC datetime at which ``day`` starts in the company's
        calendar: the bound of a datetime range of local days."""
        local = self._get_timezone(company).localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _main_company(self, company_ids):
        """The company whose calendar places records in months."""
        if company_ids:
            return self.env["res.company"].browse(list(company_ids)[0])
        return self.env.company

    def _date_bounds(self, date_from, date_to, company_ids):
        """``(start, stop, bucket)`` of the range for the source's date field:
        ``start <= date < stop``, and the SQL expression of a record's month
        given the field's SQL. A Date is cut as a date; a Datetime in the
        company's timezone, converted back to UTC for the bounds."""
        spec = self._get_source_spec()
        field = self.env[spec["model"]]._fields[spec["date_field"]]
        stop_day = date_to + relativedelta(days=1)
        if field.type == "date":
            return (
                date_from,
                stop_day,
                lambda column: SQL("date_trunc('month', %s)::date", column),
            )
        company = self._main_company(company_ids)
        tz = self._get_timezone(company)
        return (
            self._day_start_utc(date_from, company),
            self._day_start_utc(stop_day, company),
            lambda column: SQL(
                "date_trunc('month', timezone(%s, timezone('UTC', %s)))::date",
                tz.zone,
                column,
            ),
        )

    def _base_domain(self, start, stop, company_ids):
        """The records of the source in ``[start, stop)`` for the companies."""
        spec = self._get_source_spec()
        domain = [
            (spec["date_field"], ">=", start),
            (spec["date_field"], "<", stop),
        ]
        if company_ids and spec["company_field"]:
            domain.append((spec["company_field"], "in", list(company_ids)))
        return expression.AND(
            [spec.get("domain", []), self._get_record_domain(), domain]
        )

    def _source_model(self):
        """The source's model as the engine reads it: every record of the
        company, archived ones too, whoever asks."""
        spec = self._get_source_spec()
        return self.env[spec["model"]].sudo().with_context(active_test=False)

    def _path_to_sql(self, model, alias, path, query):
        """SQL value at the end of ``path`` from the rows of ``alias``.

        Many2one hops are joined (inner joins: a record without the hop has
        no scope); a final many2many joins its relation table, one row per
        (record, related record).
        """
        *hops, last = path.split(".")
        for fname in hops:
            comodel = self.env[model._fields[fname].comodel_name].sudo()
            coalias = query.make_alias(alias, fname)
            query.add_join(
                "JOIN",
                coalias,
                comodel._table,
                SQL(
                    "%s = %s",
                    model._field_to_sql(alias, fname, query),
                    SQL.identifier(coalias, "id"),
                ),
            )
            model, alias = comodel, coalias
        field = model._fields[last]
        if field.type == "many2many":
            rel_alias = query.make_alias(alias, last)
            query.add_join(
                "JOIN",
                rel_alias,
                field.relation,
                SQL(
                    "%s = %s",
                    SQL.identifier(alias, "id"),
                    SQL.identifier(rel_alias, field.column1),
                ),
            )
            return SQL.identifier(rel_alias, field.column2, to_flush=field)
        return model._field_to_sql(alias, last, query)

    def _source_query(
        self, date_from, date_to, scope_type, scope_ids, company_ids=None
    ):
        """``(query, alias, scope, month)``: the records of the source for a
        range and scopes, with the SQL of each row's scope (None when every
        scope gets every record: the company scope of a company-less source)
        and of its month."""
        self.ensure_one()
        spec = self._get_source_spec()
        model = self._source_model()
        start, stop, bucket = self._date_bounds(date_from, date_to, company_ids)
        query = model._search(self._base_domain(start, stop, company_ids))
        query.order = None
        alias = query.table
        scope = None
        path = self._get_scope_path(scope_type)
        if path:
            scope = self._path_to_sql(model, alias, path, query)
            query.add_where(SQL("%s IN %s", scope, tuple(scope_ids) or (None,)))
        if spec.get("where"):
            getattr(self, spec["where"])(query, alias, (start, stop), company_ids)
        month = bucket(model._field_to_sql(alias, spec["date_field"], query))
        return query, alias, scope, month

    def _read_source(
        self,
        date_from,
        date_to,
        scope_type,
        scope_ids,
        company_ids=None,
        record_ids=False,
    ):
        """One grouped query: ``{(month_start, scope_id): (num, den)}``, or
        ``{(month_start, scope_id): [ids]}`` with ``record_ids``."""
        self.ensure_one()
        if date_from > date_to:
            raise UserError(self.env._("The period ends before it starts."))
        if not scope_ids:
            return {}
        spec = self._get_source_spec()
        query, alias, scope, month = self._source_query(
            date_from, date_to, scope_type, scope_ids, company_ids
        )
        if record_ids:
            measures = [
                SQL("array_agg(%s ORDER BY %s)", *[SQL.identifier(alias, "id")] * 2)
            ]
        else:
            measures = getattr(self, spec["measure"])(query, alias)
        # what the query reads may still be in the cache only
        self._source_model().flush_model()
        if scope is None:
            query.groupby = SQL("1")
            rows = self.env.execute_query(query.select(month, *measures))
            rows = [
                (row[0], scope_id, *row[1:]) for row in rows for scope_id in scope_ids
            ]
        else:
            query.groupby = SQL("1, 2")
            rows = self.env.execute_query(query.select(month, scope, *measures))
        if record_ids:
            return {(_as_date(row[0]), row[1]): row[2] for row in rows}
        return {
            (_as_date(row[0]), row[1]): (float(row[2] or 0.0), float(row[3] or 0.0))
            for row in rows
        }

    # ------------------------------------------------------------
    # ENGINE: DRILL-DOWN
    # ------------------------------------------------------------

    def _drilldown_domain(
        self, date_from, date_to, scope_type, scope_id, company_ids=None
    ):
        """The domain of the records behind a value (sources without a
        ``where``): the query's own domain plus the scope's path."""
        start, stop, _bucket = self._date_bounds(date_from, date_to, company_ids)
        if isinstance(start, datetime):
            start, stop = (
                fields.Datetime.to_string(start),
                fields.Datetime.to_string(stop),
            )
        else:
            start, stop = fields.Date.to_string(start), fields.Date.to_string(stop)
        domain = self._base_domain(start, stop, company_ids)
        path = self._get_scope_path(scope_type)
        if path:
            domain = expression.AND([domain, [(path, "in", [scope_id])]])
        return domain

    def _drilldown_title(self, date_from, date_to, scope_type, scope_id):
        self.ensure_one()
        scope_model = self._get_scope_specs()[scope_type]["model"]
        scope = self.env[scope_model].sudo().browse(scope_id).display_name
        if date_from.day == 1 and date_to == date_from + relativedelta(
            months=1, days=-1
        ):
            period = date_from.strftime("%Y-%m")
        else:
            period = f"{date_from} – {date_to}"
        return self.env._(
            "%(indicator)s · %(scope)s · %(period)s",
            indicator=self.name,
            scope=scope,
            period=period,
        )

    def _drilldown_action(self, title, domain=None, record_ids=None, note=None):
        """The list of the records behind a value, as the current user may
        see it: given by a domain, or by record ids of which only the
        readable ones are handed out. The title says when access rights hide
        some (shown of total). Never sample data: the source's own list view,
        archived records shown, a message when the list is empty."""
        self.ensure_one()
        spec = self._get_source_spec()
        Model = self.env[spec["model"]].with_context(active_test=False)
        if not Model.has_access("read"):
            raise UserError(
                self.env._(
                    "You cannot read the records behind this value (%(model)s).",
                    model=Model._description,
                )
            )
        if record_ids is not None:
            total = len(record_ids)
            readable = Model._search([("id", "in", list(record_ids))])
            domain = [("id", "in", list(readable))]
            shown = len(domain[0][2])
        else:
            total = Model.sudo().search_count(domain)
            shown = Model.search_count(domain)
        notes = [note] if note else []  # what the title adds in brackets
        if shown < total:
            notes.append(
                self.env._(
                    "%(shown)s of %(total)s records shown: your access rights hide "
                    "the others",
                    shown=shown,
                    total=total,
                )
            )
        list_view = (
            self.env.ref(spec["list_view"], raise_if_not_found=False)
            if spec.get("list_view")
            else None
        )
        form_view = (
            self.env.ref(spec["form_view"], raise_if_not_found=False)
            if spec.get("form_view")
            else None
        )
        counts = str(spec.get("counts") or "")
        context = {
            "active_test": False,
            "create": False,
            "delete": False,
        }
        if spec.get("group_by"):
            context["group_by"] = list(spec["group_by"])
        help_html = Markup("<p class='o_view_nocontent_empty_folder'>%s</p>") % (
            self.env._("No record behind this value.")
        )
        if counts:
            help_html += Markup("<p>%s</p>") % self.env._(
                "It counts: %(counts)s", counts=counts
            )
        return {
            "type": "ir.actions.act_window",
            "name": " — ".join(
                part
                for part in (title, counts, notes and f"({'; '.join(notes)})")
                if part
            ),
            "res_model": spec["model"],
            "view_mode": "list,form",
            "views": [
                (list_view.id if list_view else False, "list"),
                (form_view.id if form_view else False, "form"),
            ],
            "domain": domain,
            "context": context,
            "help": help_html,
            "target": "current",
        }


def _as_date(value):
    return (
        value.date() if isinstance(value, datetime) else date.fromisoformat(str(value))
    )
