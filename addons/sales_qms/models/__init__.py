from . import sales_qms_xlsx
from . import sales_qms_policy
from . import sales_qms_indicator
from . import sales_qms_indicator_sale
from . import sales_qms_fiscal_year
from . import sales_qms_period
from . import sales_qms_objective
from . import sales_qms_measurement
