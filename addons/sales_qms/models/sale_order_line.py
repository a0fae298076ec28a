from odoo import api, models

# The line's fields a contract review approves.
QMS_REVIEWED_LINE_FIELDS = {
    "product_id",
    "name",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
    "display_type",
}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    # A quotation whose lines change after its contract review was approved
    # needs a new review, however the lines are changed.

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._qms_check_review_outdated()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if QMS_REVIEWED_LINE_FIELDS & vals.keys():
            self.order_id._qms_check_review_outdated()
        return res

    def unlink(self):
        approved = self.order_id.filtered(
            lambda order: order.qms_review_state == "approved"
        )
        res = super().unlink()
        approved.exists()._qms_check_review_outdated()
        return res
