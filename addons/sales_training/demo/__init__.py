from . import sales_training_sessions_demo
from . import sales_training_qualification_demo
