from . import test_meeting_visit
