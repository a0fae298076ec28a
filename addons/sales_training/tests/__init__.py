from . import test_course
from . import test_plan
from . import test_session
from . import test_session_exam
from . import test_effectiveness
from . import test_session_indicators
from . import test_security_sessions
from . import test_session_ui
