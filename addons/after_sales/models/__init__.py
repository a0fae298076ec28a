
from . import after_sales_complaint
from . import after_sales_complaint_sla
from . import after_sales_complaint_stage
from . import after_sales_indicator_complaint
from . import after_sales_sla_policy
from . import sales_qms_management_review
from . import sales_qms_management_review_input
from . import sales_qms_nonconformity
from . import sales_qms_xlsx
