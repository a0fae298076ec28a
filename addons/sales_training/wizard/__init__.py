from . import sales_training_exception_grant
from . import sales_training_session_add_attendees
from . import sales_training_plan_reset
from . import sales_training_behaviour_evaluation
