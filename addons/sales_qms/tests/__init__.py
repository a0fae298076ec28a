from . import test_engine_contract
from . import test_i18n
from . import test_indicator_sources
from . import test_objective
from . import test_policy
from . import test_security
from . import test_xlsx
from . import test_ui
