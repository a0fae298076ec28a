from odoo import fields, models


class SalesTrainingSession(models.Model):
    """A session of a course: an internal training or an external seminar /
    industry workshop (行业研讨会), its attendees and their results."""

    _name = "sales.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    course_id = fields.Many2one(
        "sales.training.course", required=True, index=True, check_company=True, tracking=True
    )
    plan_line_id = fields.Many2one(
        "sales.training.plan.line", string="Plan Line", index=True, check_company=True
    )
    session_type = fields.Selection(
        [("internal", "Internal Training"), ("external", "External Seminar / Workshop")],
        string="Type",
        required=True,
        default="internal",
    )
    trainer_id = fields.Many2one("res.users", string="Trainer", tracking=True)
    provider_id = fields.Many2one("res.partner", string="Provider")
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    location = fields.Char()
    online_url = fields.Char(string="Online Link")
    capacity = fields.Integer(help="Maximum attendees; 0 means no limit.")
    cost = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Invited"),
            ("done", "Held"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    attendance_ids = fields.One2many(
        "sales.training.attendance", "session_id", string="Attendees"
    )
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
