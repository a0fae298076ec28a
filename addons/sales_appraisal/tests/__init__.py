from . import test_activity_sources
from . import test_achievement
from . import test_achievement_security
from . import test_achievement_performance
