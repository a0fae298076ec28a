from dateutil.relativedelta import relativedelta

from odoo import models


class SalesQmsManagementReview(models.Model):
    _inherit = "sales.qms.management.review"

    def _get_input_sections(self):
        return super()._get_input_sections() + [("complaint", "_input_complaint")]

    def _input_complaint(self):
        """Customer complaints (客诉): received in the period, confirmed by the
        customer (顾客反馈信息解决率, target 100 %), SLA breaches; one grouped
        query."""
        self.ensure_one()
        Indicator = self.env["sales.qms.indicator"]
        start = Indicator._day_start_utc(self.date_from, self.company_id)
        stop = Indicator._day_start_utc(
            self.date_to + relativedelta(days=1), self.company_id
        )
        groups = self.env["after.sales.complaint"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("received_at", ">=", start),
                ("received_at", "<", stop),
            ],
            ["confirmation_state", "sla_status"],
            ["__count", "id:array_agg"],
        )
        received, confirmed, breached = [], [], []
        for state, sla_status, _count, ids in groups:
            received += ids
            if state == "confirmed":
                confirmed += ids
            if sla_status == "breached":
                breached += ids
        if not received:
            return [
                {
                    "label": self.env._("Customer complaints"),
                    "value_display": self.env._("No complaint received in the period"),
                    "status": "info",
                }
            ]
        rate = 100.0 * len(confirmed) / len(received)
        return [
            {
                "label": self.env._("Complaints received"),
                "value": len(received),
                "value_display": str(len(received)),
                "res_model": "after.sales.complaint",
                "res_ids": received,
            },
            {
                "label": self.env._("Customer feedback resolution rate"),
                "value": rate,
                "value_display": f"{rate:.1f} %",
                "target_display": "100 %",
                "status": "met" if len(confirmed) == len(received) else "not_met",
                "note": self.env._(
                    "%(confirmed)s of %(received)s complaints resolved and "
                    "confirmed by the customer.",
                    confirmed=len(confirmed),
                    received=len(received),
                ),
                "res_model": "after.sales.complaint",
                "res_ids": confirmed,
            },
            {
                "label": self.env._("Complaints with a breached SLA"),
                "value": len(breached),
                "value_display": str(len(breached)),
                "status": "met" if not breached else "not_met",
                "res_model": "after.sales.complaint",
                "res_ids": breached,
            },
        ]
