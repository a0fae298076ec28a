# return visits
from . import test_visit
from . import test_visit_plan
from . import test_visit_security
from . import test_visit_ui
from . import test_visit_indicator
from . import test_complaint
from . import test_complaint_confirmation
from . import test_complaint_indicators
from . import test_complaint_security
from . import test_complaint_sla
from . import test_complaint_ui
from . import test_visit_complaint
