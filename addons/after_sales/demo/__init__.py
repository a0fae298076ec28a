from . import after_sales_complaint_demo
