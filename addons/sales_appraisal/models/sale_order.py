from odoo import fields, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    date_quotation_sent = fields.Datetime(
        string="Quotation Sent On",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the quotation was first sent to the customer (by email or "
        "marked as sent): the date the 'Quotations sent' activity indicator "
        "counts it at, kept after confirmation.",
    )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def init(self):
        res = super().init()
        # quotations sent before the module was installed: their last change
        # is the best trace left of when they were sent (idempotent, a no-op
        # once every sent quotation has its date)
        self.env.cr.execute(
            SQL(
                """UPDATE sale_order
                      SET date_quotation_sent = COALESCE(write_date, date_order)
                    WHERE state = 'sent' AND date_quotation_sent IS NULL"""
            )
        )
        return res

    def write(self, vals):
        if vals.get("state") == "sent":
            # the first sending only: a quotation sent again stays counted
            # in the month it was first sent
            unsent = self.filtered(lambda order: not order.date_quotation_sent)
            if unsent:
                super(SaleOrder, unsent).write(
                    {"date_quotation_sent": fields.Datetime.now()}
                )
        return super().write(vals)
