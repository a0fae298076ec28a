from . import test_target_balance
from . import test_target_objective
from . import test_target_performance
from . import test_target_revision
from . import test_target_security
from . import test_target_split
from . import test_target_ui
from . import test_target_working_days
