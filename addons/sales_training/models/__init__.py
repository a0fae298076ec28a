from . import sales_training_course
from . import sales_training_requirement
from . import sales_training_plan
from . import sales_training_plan_line
from . import sales_training_session
from . import sales_training_attendance
from . import sales_qms_indicator
from . import sales_qms_objective
