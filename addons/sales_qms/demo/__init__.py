from . import sales_qms_demo
