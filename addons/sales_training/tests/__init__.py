from . import test_qualification
from . import test_qualification_indicator
from . import test_certification
from . import test_enrolment
from . import test_matrix
from . import test_security_qualification
from . import test_qualification_ui
