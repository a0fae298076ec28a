# return visits
from . import after_sales_visit_reschedule
from . import after_sales_visit_verify
from . import after_sales_complaint_close
from . import after_sales_complaint_confirm
