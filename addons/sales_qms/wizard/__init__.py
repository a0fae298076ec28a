from . import sales_qms_measurement_correct
from . import sales_qms_review_override
from . import sales_qms_nonconformity_check
from . import sales_qms_action_verify
from . import sales_qms_measurement_analyse
