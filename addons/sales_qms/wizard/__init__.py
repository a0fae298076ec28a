from . import sales_qms_measurement_correct
from . import sales_qms_review_override
