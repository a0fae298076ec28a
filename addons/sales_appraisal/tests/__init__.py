from . import test_activity_sources
