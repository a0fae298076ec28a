"""The activity sources of the indicator engine (过程指标: 日呼叫量, 季度拜访数).

A client of the engine's contract (see the docstring of
``sales_qms/models/sales_qms_indicator.py``): calls logged, customer
meetings, quotations sent and opportunities created, per salesperson, sales
team and company.
"""

from odoo import fields, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_qms.models.sales_qms_indicator import retire_indicators

_lt = LazyTranslate(__name__)

ACTIVITY_SOURCES = [
    ("activity_calls", "Calls logged (call activities marked done)"),
    ("activity_meetings", "Customer meetings"),
    ("activity_quotations", "Quotations sent"),
    ("activity_opportunities", "Opportunities created"),
]


class SalesQmsIndicator(models.Model):
    # the sources of one feature in a file of their own, like sales_qms's
    _inherit = "sales.qms.indicator"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=ACTIVITY_SOURCES,
        ondelete={name: retire_indicators for name, _label in ACTIVITY_SOURCES},
    )

    def _get_source_specs(self):
        specs = super()._get_source_specs()
        specs["activity_calls"] = {
            # A done activity is either deleted or, when its type keeps done
            # activities, archived; in both cases mail.activity._action_done
            # posts one message carrying the activity type, with the
            # "Activities" subtype, as the user who marks it done. The
            # message always exists: each call counts exactly once.
            "model": "mail.message",
            "date_field": "date",
            # the company of the document the call was logged on, as mail
            # sets it on every message it posts (the current company for a
            # document without one); the caller's company would move his past
            # calls when he changes company
            "company_field": "record_company_id",
            "domain": [
                ("mail_activity_type_id.category", "=", "phonecall"),
                ("message_type", "=", "notification"),
                ("subtype_id.internal", "=", True),
            ],
            "aggregation": "sum",
            "scope_fields": {
                # the author of the message is the user who marked it done
                "user": "create_uid",
                # his main sales team (res.users.sale_team_id)
                "team": "create_uid.sale_team_id",
            },
            "measure": "_source_measure_count",
            "counts": _lt(
                "Call activities marked done in the period, by the user who "
                "marked them done"
            ),
            "list_view": "sales_appraisal.mail_message_view_list_drilldown_calls",
            "group_by": ["create_uid"],
        }
        specs["activity_meetings"] = {
            "model": "sales.appraisal.meeting",
            # already a local date: the view places each meeting in the day
            # of its company's calendar
            "date_field": "date",
            "company_field": "company_id",
            "aggregation": "sum",
            "scope_fields": {
                "user": "user_id",
                "team": "team_id",
                "partner_category": "partner_id.category_id",
            },
            "measure": "_source_measure_count",
            "counts": _lt(
                "Meetings with a customer in the period: calendar events with a "
                "customer attendee who did not decline, by their organizer, and "
                "verified customer visits when After-Sales is installed"
            ),
            "list_view": "sales_appraisal.sales_appraisal_meeting_view_list",
            "group_by": ["kind"],
        }
        specs["activity_quotations"] = {
            "model": "sale.order",
            # set the first time the quotation is sent (by email or marked as
            # sent), kept when it is confirmed afterwards: date_order is
            # overwritten at confirmation and the state forgets "sent"
            "date_field": "date_quotation_sent",
            "company_field": "company_id",
            "domain": [("date_quotation_sent", "!=", False)],
            "aggregation": "sum",
            "scope_fields": {
                "team": "team_id",
                "user": "user_id",
                "partner_category": "partner_id.commercial_partner_id.category_id",
            },
            "measure": "_source_measure_count",
            "counts": _lt(
                "Quotations sent to the customer in the period (by email or "
                "marked as sent), by the date they were first sent, whatever "
                "became of them since"
            ),
            "list_view": "sales_appraisal.sale_order_view_list_drilldown_sent",
            "form_view": "sales_qms.sale_order_view_form_evidence",
            "group_by": ["state"],
        }
        specs["activity_opportunities"] = {
            "model": "crm.lead",
            # created as an opportunity, or converted from a lead
            "date_field": "date_opportunity",
            "company_field": "company_id",
            "domain": [("type", "=", "opportunity")],
            "aggregation": "sum",
            "scope_fields": {
                "team": "team_id",
                "user": "user_id",
                "partner_category": "partner_id.commercial_partner_id.category_id",
            },
            "measure": "_source_measure_count",
            "counts": _lt(
                "Opportunities created in the period, or converted from a lead "
                "in the period, lost ones included"
            ),
            "list_view": "sales_appraisal.crm_lead_view_list_drilldown_opportunities",
            "group_by": ["stage_id"],
        }
        return specs
