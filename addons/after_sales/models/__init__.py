# return visits
from . import res_company
from . import res_config_settings
from . import after_sales_visit_plan
from . import after_sales_visit_plan_line
from . import after_sales_visit
from . import after_sales_visit_issue
from . import after_sales_indicator_visit
from . import sales_qms_xlsx_visit
