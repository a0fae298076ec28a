"""The complaint sources of the indicator engine (客诉), a client of the
contract in the docstring of ``sales_qms/models/sales_qms_indicator.py``.

Complaints are placed in the month they were received (a Datetime, cut in the
company's timezone).
"""

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_qms.models.sales_qms_indicator import retire_indicators
from odoo.addons.sales_qms.models.sales_qms_indicator_sale import SALE_SCOPE_FIELDS

_lt = LazyTranslate(__name__)

COMPLAINT_SOURCES = [
    ("complaint_resolution_rate", "Customer feedback resolution rate"),
    ("complaint_sla_compliance", "Complaint SLA compliance"),
    ("complaint_resolution_hours", "Average complaint resolution time"),
    ("complaint_order_rate", "Confirmed orders with a complaint per 100"),
    ("complaint_repeat_rate", "Repeat complaints"),
    ("complaint_rating", "Customer rating of complaint handling"),
]
COMPLAINT_SCOPE_FIELDS = {
    "company": "company_id",
    "team": "team_id",
    "user": "user_id",
    "partner_category": "commercial_partner_id.category_id",
    "product_category": "product_id.product_tmpl_id.categ_id",
}
COMPLAINT_VIEW = "after_sales.after_sales_complaint_view_list_drilldown"


class SalesQmsIndicator(models.Model):
    # the sources of one feature in a file of their own, like sales_qms's
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=COMPLAINT_SOURCES,
        ondelete={name: retire_indicators for name, _label in COMPLAINT_SOURCES},
    )

    def _get_scope_specs(self):
        specs = super()._get_scope_specs()
        specs["product_category"] = {
            "model": "product.category",
            "field": "product_category_id",
        }
        return specs

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        complaint = {
            "model": "after.sales.complaint",
            "date_field": "received_at",
            "company_field": "company_id",
            "scope_fields": COMPLAINT_SCOPE_FIELDS,
            "list_view": COMPLAINT_VIEW,
        }
        specs["complaint_resolution_rate"] = {
            **complaint,
            "aggregation": "ratio",
            "factor": 100.0,
            "measure": "_source_measure_complaint_resolution_rate",
            "counts": _lt(
                "Complaints received in the month; those resolved and confirmed by "
                "the customer make the numerator"
            ),
            "group_by": ["confirmation_state"],
        }
        specs["complaint_resolution_hours"] = {
            **complaint,
            "domain": [("resolved_at", "!=", False)],
            "aggregation": "ratio",
            "factor": 1.0,
            "measure": "_source_measure_complaint_resolution_hours",
            "counts": _lt(
                "Complaints received in the month and resolved: their working hours "
                "from receipt to resolution, paused time excluded, averaged"
            ),
        }
        specs["complaint_repeat_rate"] = {
            **complaint,
            "aggregation": "ratio",
            "factor": 100.0,
            "measure": "_source_measure_complaint_repeat_rate",
            "counts": _lt(
                "Complaints received in the month; those of a customer who complained "
                "in the same category shortly before make the numerator"
            ),
            "group_by": ["is_repeat"],
        }
        specs["complaint_rating"] = {
            **complaint,
            "domain": [("rating", ">", 0)],
            "aggregation": "ratio",
            "factor": 1.0,
            "measure": "_source_measure_complaint_rating",
            "counts": _lt(
                "Complaints received in the month the customer rated (1-5): the "
                "average rating"
            ),
            "group_by": ["rating"],
        }
        specs["complaint_sla_compliance"] = {
            "model": "after.sales.complaint.sla",
            "date_field": "received_at",
            "company_field": "company_id",
            # the lines decided: reached, or already breached
            "domain": ["|", ("reached_at", "!=", False), ("status", "=", "breached")],
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": {
                "company": "company_id",
                "team": "team_id",
                "user": "user_id",
                "partner_category": "partner_id.category_id",
                "product_category": "complaint_id.product_id.product_tmpl_id.categ_id",
            },
            "measure": "_source_measure_complaint_sla_compliance",
            "counts": _lt(
                "SLA lines of the complaints received in the month that were reached "
                "or breached; those reached on time make the numerator"
            ),
            "list_view": "after_sales.after_sales_complaint_sla_view_list_drilldown",
            "group_by": ["status"],
        }
        # The engine counts one model per source: "complaints per 100 confirmed
        # orders" becomes the confirmed orders of the month that received at
        # least one complaint, per 100 orders.
        specs["complaint_order_rate"] = {
            "model": "sale.order",
            "date_field": "date_order",
            "company_field": "company_id",
            "domain": [("state", "=", "sale")],
            "aggregation": "ratio",
            "factor": 100.0,
            "scope_fields": SALE_SCOPE_FIELDS,
            "measure": "_source_measure_complaint_order_rate",
            "counts": _lt(
                "Orders confirmed in the month; those a complaint refers to make "
                "the numerator"
            ),
            "list_view": "sales_qms.sale_order_view_list_drilldown_orders",
            "form_view": "sales_qms.sale_order_view_form_evidence",
        }
        return specs

    def _source_measure_complaint_resolution_rate(self, query, alias):
        return (
            SQL(
                "COUNT(*) FILTER (WHERE %s = 'confirmed')",
                SQL.identifier(alias, "confirmation_state"),
            ),
            SQL("COUNT(*)"),
        )

    def _source_measure_complaint_resolution_hours(self, query, alias):
        return (
            SQL("COALESCE(SUM(%s), 0)", SQL.identifier(alias, "resolution_hours")),
            SQL("COUNT(*)"),
        )

    def _source_measure_complaint_repeat_rate(self, query, alias):
        return (
            SQL("COUNT(*) FILTER (WHERE %s)", SQL.identifier(alias, "is_repeat")),
            SQL("COUNT(*)"),
        )

    def _source_measure_complaint_rating(self, query, alias):
        return (
            SQL("COALESCE(SUM(%s), 0)", SQL.identifier(alias, "rating")),
            SQL("COUNT(*)"),
        )

    def _source_measure_complaint_sla_compliance(self, query, alias):
        return (
            SQL(
                "COUNT(*) FILTER (WHERE %s IS NOT NULL AND %s = 'on_time')",
                SQL.identifier(alias, "reached_at"),
                SQL.identifier(alias, "status"),
            ),
            SQL("COUNT(*)"),
        )

    def _source_measure_complaint_order_rate(self, query, alias):
        # reads the complaints: flush them first (the engine's contract)
        self.env["after.sales.complaint"].flush_model(["sale_order_id"])
        return (
            SQL(
                "COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM after_sales_complaint c "
                "WHERE c.sale_order_id = %s))",
                SQL.identifier(alias, "id"),
            ),
            SQL("COUNT(*)"),
        )
