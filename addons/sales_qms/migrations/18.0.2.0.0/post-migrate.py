"""18.0.2.0.0: the demo year of orders becomes ordinary demo data.

Databases installed with 18.0.1 marked the generated orders with a customer
reference and deleted them in an uninstall hook, by SQL. From 18.0.2 they
carry XML ids of the module, so Odoo's uninstall removes them through the ORM
(lines, followers and messages included): give the existing ones their ids.
"""

from odoo import SUPERUSER_ID, api

OLD_DEMO_ORDER_REF_PREFIX = "QMS-DEMO-"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    orders = env["sale.order"].search(
        [("client_order_ref", "=like", f"{OLD_DEMO_ORDER_REF_PREFIX}%")],
        order="client_order_ref",
    )
    env["ir.model.data"]._update_xmlids(
        [
            {
                "xml_id": "sales_qms.sale_order_demo_history_"
                + order.client_order_ref.removeprefix(OLD_DEMO_ORDER_REF_PREFIX),
                "record": order,
                "noupdate": True,
            }
            for order in orders
        ]
    )
