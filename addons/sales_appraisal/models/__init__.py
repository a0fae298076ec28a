from . import sales_appraisal_target
from . import sales_appraisal_target_line
from . import sales_appraisal_target_revision
from . import sales_appraisal_target_revision_line
from . import sales_qms_objective
