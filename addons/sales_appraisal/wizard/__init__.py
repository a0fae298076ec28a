from . import sales_appraisal_target_revise
from . import sales_appraisal_target_split
