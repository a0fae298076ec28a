from . import sales_appraisal_meeting
