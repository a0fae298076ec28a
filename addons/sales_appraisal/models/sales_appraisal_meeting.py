from odoo import api, fields, models
from odoo.tools import SQL


class SalesAppraisalMeeting(models.Model):
    """Customer meetings, one row per meeting whatever recorded it: the
    records the "Customer meetings" activity indicator counts and drills
    down into.

    A read-only SQL view (like ``sale.report``): calendar events here, and
    every addon recording meetings of its own (after-sales visits, through
    the bridge ``sales_appraisal_after_sales``) adds its query to
    ``_meeting_queries`` and re-creates the view in its ``init``.
    """

    _name = "sales.appraisal.meeting"
    _description = "Customer Meeting"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"
    # what the view reads: flushed before any search (and by flush_model,
    # which the engine calls before its query)
    _depends = {
        "calendar.event": [
            "name",
            "allday",
            "start",
            "start_date",
            "user_id",
            "active",
        ],
        "calendar.attendee": ["event_id", "partner_id", "state"],
        "res.users": ["partner_id", "share", "company_id", "sale_team_id"],
        "res.partner": ["commercial_partner_id", "tz"],
        "res.company": ["partner_id"],
    }

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(string="Subject", readonly=True)
    kind = fields.Selection(
        [("meeting", "Calendar Meeting"), ("visit", "Customer Visit")],
        string="Recorded As",
        readonly=True,
    )
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    date = fields.Date(
        readonly=True,
        help="The day of the meeting in the company's calendar: what places "
        "it in a month.",
    )
    date_start = fields.Datetime(string="Start", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def init(self):
        self.env.cr.execute(
            SQL(
                "DROP VIEW IF EXISTS %(view)s; CREATE VIEW %(view)s AS (%(query)s)",
                view=SQL.identifier(self._table),
                query=self._query(),
            )
        )

    def flush_model(self, fnames=None):
        for model_name, field_names in self._depends.items():
            self.env[model_name].flush_model(field_names)
        return super().flush_model(fnames)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_document(self):
        """Open the event or visit behind the meeting, under the user's own
        access rights."""
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        document.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _query(self):
        return SQL(" UNION ALL ").join(self._meeting_queries())

    @api.model
    def _meeting_queries(self):
        """One ``SQL`` per kind of meeting, each giving the columns of
        ``_select_calendar`` in that order; ids are ``10 × record id + n``
        with an ``n`` of its own per kind, so a row keeps its id."""
        return [
            SQL(
                "SELECT %s FROM %s WHERE %s",
                self._select_calendar(),
                self._from_calendar(),
                self._where_calendar(),
            )
        ]

    @api.model
    def _select_calendar(self):
        return SQL(
            """
            event.id * 10 + 1 AS id,
            event.name AS name,
            'meeting' AS kind,
            'calendar.event' AS res_model,
            event.id AS res_id,
            CASE WHEN event.allday THEN event.start_date
                 ELSE timezone(COALESCE(company_partner.tz, 'UTC'),
                               timezone('UTC', event.start))::date
            END AS date,
            event.start AS date_start,
            event.user_id AS user_id,
            organizer.sale_team_id AS team_id,
            organizer.company_id AS company_id,
            customer.partner_id AS partner_id
            """
        )

    @api.model
    def _from_calendar(self):
        # An event has no company: the organizer's (main) company owns it
        # and its calendar places it in a day. Its customer is the first
        # attending company (commercial partner) that is not an internal
        # user; an event with none is an internal meeting, not counted.
        return SQL(
            """
            calendar_event event
            JOIN res_users organizer ON organizer.id = event.user_id
            JOIN res_company company ON company.id = organizer.company_id
            JOIN res_partner company_partner ON company_partner.id = company.partner_id
            JOIN LATERAL (
                SELECT MIN(attendee_partner.commercial_partner_id) AS partner_id
                  FROM calendar_attendee attendee
                  JOIN res_partner attendee_partner
                    ON attendee_partner.id = attendee.partner_id
                 WHERE attendee.event_id = event.id
                   AND attendee.state IS DISTINCT FROM 'declined'
                   AND NOT EXISTS (
                       SELECT 1
                         FROM res_users internal_user
                        WHERE internal_user.partner_id = attendee.partner_id
                          AND NOT internal_user.share
                   )
            ) customer ON customer.partner_id IS NOT NULL
            """
        )

    @api.model
    def _where_calendar(self):
        # archived events are cancelled ones (or removed occurrences)
        return SQL("event.active")
