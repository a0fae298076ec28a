# return visits
from . import after_sales_visit_reschedule
from . import after_sales_visit_verify
