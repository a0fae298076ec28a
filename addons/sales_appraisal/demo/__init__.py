from . import sales_appraisal_demo
