from odoo import fields, models


class SalesQmsObjective(models.Model):
    """The product category scope (产品类别) of the engine, added the way the
    engine's docstring says: a scope type, the field holding it, its spec."""

    _inherit = "sales.qms.objective"

    scope_type = fields.Selection(
        selection_add=[("product_category", "Product Category")],
        ondelete={"product_category": "set default"},
    )
    product_category_id = fields.Many2one(
        "product.category",
        tracking=True,
        help="Measured on the complaints about products of this category.",
    )
