from . import sales_appraisal_target
from . import sales_appraisal_target_line
