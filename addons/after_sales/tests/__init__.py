# return visits
from . import test_visit
from . import test_visit_plan
from . import test_visit_security
from . import test_visit_ui
from . import test_visit_indicator
