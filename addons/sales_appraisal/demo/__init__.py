from . import sales_appraisal_activity_demo
from . import sales_appraisal_demo
