# return visits
from . import res_company
from . import res_config_settings
from . import after_sales_visit_plan
from . import after_sales_visit_plan_line
from . import after_sales_visit
from . import after_sales_visit_issue
from . import after_sales_indicator_visit
from . import after_sales_complaint
from . import after_sales_complaint_sla
from . import after_sales_complaint_stage
from . import after_sales_indicator_complaint
from . import after_sales_sla_policy
from . import sales_qms_management_review
from . import sales_qms_management_review_input
from . import sales_qms_nonconformity
from . import sales_qms_xlsx
from . import sales_qms_objective
