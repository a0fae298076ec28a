from odoo import api, models
from odoo.tools import SQL


class SalesAppraisalMeeting(models.Model):
    _inherit = "sales.appraisal.meeting"
    _depends = {
        "after.sales.visit": [
            "name",
            "state",
            "is_verified",
            "visit_type",
            "date_planned",
            "date_done",
            "user_id",
            "team_id",
            "company_id",
            "partner_id",
        ],
    }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _meeting_queries(self):
        queries = super()._meeting_queries()
        if self.env.context.get("sales_appraisal_meeting_without_visits"):
            return queries
        return [
            *queries,
            SQL(
                "SELECT %s FROM %s WHERE %s",
                self._select_visit(),
                self._from_visit(),
                self._where_visit(),
            ),
        ]

    @api.model
    def _select_visit(self):
        # placed at its planned date, like after_sales's own "Verified
        # visits" indicator, so that both count a visit in the same month
        return SQL(
            """
            visit.id * 10 + 2 AS id,
            visit.name AS name,
            'visit' AS kind,
            'after.sales.visit' AS res_model,
            visit.id AS res_id,
            visit.date_planned AS date,
            visit.date_done AS date_start,
            visit.user_id AS user_id,
            visit.team_id AS team_id,
            visit.company_id AS company_id,
            customer.commercial_partner_id AS partner_id
            """
        )

    @api.model
    def _from_visit(self):
        return SQL(
            """
            after_sales_visit visit
            JOIN res_partner customer ON customer.id = visit.partner_id
            """
        )

    @api.model
    def _where_visit(self):
        # a meeting is met face to face or online; a phone visit is a call,
        # an unverified visit proves nothing
        return SQL(
            """visit.state = 'done'
               AND visit.is_verified
               AND visit.visit_type IN ('on_site', 'online')"""
        )
