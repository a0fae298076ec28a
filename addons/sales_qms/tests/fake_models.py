"""Models of a test source, loaded with odoo-test-helper's FakeModelLoader.

A visit placed by a Date field, on a model without company: the kind of
record after_sales and sales_training add to the engine.
"""

from odoo import fields, models
from odoo.tools.translate import LazyTranslate

from ..models.sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

TEST_SOURCES = [
    ("test_visits", "Test visits"),
    ("test_visits_of_company", "Test visits of the salesperson's company"),
]


class SalesQmsTestVisit(models.Model):
    _name = "sales.qms.test.visit"
    _description = "Test Visit"

    name = fields.Char()
    active = fields.Boolean(default=True)
    visit_date = fields.Date()
    partner_id = fields.Many2one("res.partner")
    user_id = fields.Many2one("res.users")


class SalesQmsIndicator(models.Model):
    # a second extension is the point: a source added by another addon
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=TEST_SOURCES,
        ondelete={name: retire_indicators for name, _label in TEST_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        specs["test_visits"] = {
            "model": "sales.qms.test.visit",
            "date_field": "visit_date",
            "company_field": False,
            "aggregation": "sum",
            "scope_fields": {
                "user": "user_id",
                "partner_category": "partner_id.category_id",
            },
            "measure": "_source_measure_count",
            "counts": _lt("Test visits of the period"),
        }
        specs["test_visits_of_company"] = dict(
            specs["test_visits"], company_field="user_id.company_id"
        )
        return specs
