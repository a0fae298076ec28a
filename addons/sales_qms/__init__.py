from . import controllers
from . import models
from . import wizard

from .models.sale_order import DEMO_ORDER_REF_PREFIX


def _uninstall_demo_history(env):
    """The demo year of orders is generated in Python, not loaded from XML,
    so uninstalling would leave it behind, holding on to the demo customers
    and products the uninstall removes: delete it with the demo data."""
    env.cr.execute(
        "DELETE FROM sale_order WHERE client_order_ref LIKE %s",
        [f"{DEMO_ORDER_REF_PREFIX}%"],
    )
