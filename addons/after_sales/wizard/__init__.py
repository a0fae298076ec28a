from . import after_sales_complaint_close
from . import after_sales_complaint_confirm
