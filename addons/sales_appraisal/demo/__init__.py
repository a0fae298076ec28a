from . import sales_appraisal_activity_demo
