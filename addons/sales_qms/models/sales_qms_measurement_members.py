from odoo import models


class SalesQmsMeasurement(models.Model):
    # a department objective's number is its members': so are its records
    _inherit = "sales.qms.measurement"  # pylint: disable=consider-merging-classes-inherited

    def action_drilldown(self):
        """A department objective lists the records behind its members'
        months: the snapshots of closed months, the current records of open
        ones, over every member's objective (a leaver's included)."""
        self.ensure_one()
        objective = self.objective_id
        if not objective.member_scope:
            return super().action_drilldown()
        indicator = objective.indicator_id
        children = objective.with_context(active_test=False).child_ids
        months = self.sudo().search(
            [
                ("objective_id", "in", children.ids),
                ("period_type", "=", "month"),
                ("date_from", ">=", self.date_from),
                ("date_to", "<=", self.date_to),
            ]
        )
        frozen = months.filtered(lambda m: m.is_frozen and m.snapshot_record_ids)
        record_ids = {i for month in frozen for i in month.snapshot_record_ids}
        live = months - frozen
        if live:
            for scope_type, kids in children.grouped("scope_type").items():
                scope_ids = [kid._get_scope_record().id for kid in kids]
                rows = indicator._compute_record_ids(
                    min(live.mapped("date_from")),
                    max(live.mapped("date_to")),
                    scope_type,
                    scope_ids,
                    company_ids=objective.company_id.ids,
                )
                live_keys = {
                    (m.date_from, m.objective_id._get_scope_record().id) for m in live
                }
                for key, ids in rows.items():
                    if key in live_keys:
                        record_ids.update(ids)
        title = indicator._drilldown_title(
            self.date_from,
            self.date_to,
            objective.scope_type,
            objective._get_scope_record().id,
        )
        return indicator._drilldown_action(
            title, record_ids=sorted(record_ids), note=self._snapshot_note()
        )
