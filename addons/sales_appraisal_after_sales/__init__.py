from . import models


def uninstall_hook(env):
    """Back to the calendar meetings alone: the view must not outlive the
    after-sales visits it reads."""
    env["sales.appraisal.meeting"].with_context(
        sales_appraisal_meeting_without_visits=True
    ).init()
