"""The sale sources of the indicator engine: quotations and orders.

A client of the engine's contract like any other addon's sources (see the
docstring of ``sales_qms_indicator.py``).
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

SALE_SOURCES = [
    ("sale_amount", "Confirmed sales amount"),
    ("sale_count", "Number of confirmed orders"),
    ("new_customers", "New customers (first confirmed order)"),
    ("quotation_conversion", "Quotation to order conversion rate"),
    ("quotation_days", "Average days from quotation to confirmation"),
]
# An order reaches a customer category through its customer's company.
SALE_SCOPE_FIELDS = {
    "company": "company_id",
    "team": "team_id",
    "user": "user_id",
    "partner_category": "partner_id.commercial_partner_id.category_id",
}
ORDERS_VIEW = "sales_qms.sale_order_view_list_drilldown_orders"
QUOTATIONS_VIEW = "sales_qms.sale_order_view_list_drilldown_quotations"
# the order as evidence: readable by quality auditors, who have no Sales rights
ORDER_FORM = "sales_qms.sale_order_view_form_evidence"


class SalesQmsIndicator(models.Model):
    _inherit = "sales.qms.indicator"

    source = fields.Selection(
        selection_add=SALE_SOURCES,
        ondelete={name: retire_indicators for name, _label in SALE_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        confirmed = {
            "model": "sale.order",
            "date_field": "date_order",
            "company_field": "company_id",
            "domain": [("state", "=", "sale")],
            "scope_fields": SALE_SCOPE_FIELDS,
            "list_view": ORDERS_VIEW,
            "form_view": ORDER_FORM,
        }
        specs["sale_amount"] = dict(
            confirmed,
            aggregation="sum",
            measure="_source_measure_sale_amount",
            counts=_lt("Sales orders confirmed in the period, untaxed amount"),
        )
        specs["sale_count"] = dict(
            confirmed,
            aggregation="sum",
            measure="_source_measure_count",
            counts=_lt("Sales orders confirmed in the period"),
        )
        specs["new_customers"] = dict(
            confirmed,
            aggregation="sum",
            measure="_source_measure_count",
            where="_source_where_first_orders",
            counts=_lt(
                "First confirmed order of each customer, in the period it was confirmed"
            ),
        )
        specs["quotation_conversion"] = {
            "model": "sale.order",
            # quotations are placed in the month they were created
            "date_field": "create_date",
            "company_field": "company_id",
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": SALE_SCOPE_FIELDS,
            "measure": "_source_measure_quotation_conversion",
            "counts": _lt(
                "Quotations created in the period; the confirmed ones "
                "(status Sales Order) make the numerator"
            ),
            "list_view": QUOTATIONS_VIEW,
            "form_view": ORDER_FORM,
            "group_by": ["state"],
        }
        specs["quotation_days"] = dict(
            confirmed,
            aggregation="ratio",
            measure="_source_measure_quotation_days",
            counts=_lt(
                "Sales orders confirmed in the period, with the days from "
                "their quotation to their confirmation"
            ),
            list_view=QUOTATIONS_VIEW,
        )
        return specs

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

    def _source_where_first_orders(self, query, alias, bounds, company_ids):
        """Keep only the first confirmed order of each customer (commercial
        entity) in its company: that order is the customer's "birth".

        One uncorrelated sub-query: the first order of every customer who
        ordered in the range, found by a DISTINCT ON over their orders up to
        the end of the range (a correlated NOT EXISTS per order took a minute
        on a million orders).
        """
        start, stop = bounds
        self.env["res.partner"].flush_model(["commercial_partner_id"])
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
