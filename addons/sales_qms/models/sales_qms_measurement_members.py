from odoo import models


class SalesQmsMeasurement(models.Model):
    # a department objective's number is its members': so are its records
    _inherit = "sales.qms.measurement"  # pylint: disable=consider-merging-classes-inherited

    def _months_behind(self):
        """A department objective's months are its members' months (a
        leaver's included), whose snapshots and records make its number."""
        objective = self.objective_id
        if not objective.member_scope:
            return super()._months_behind()
        return self.sudo().search(
            [
                (
                    "objective_id",
                    "in",
                    objective.with_context(active_test=False).child_ids.ids,
                ),
                ("period_type", "=", "month"),
                ("date_from", ">=", self.date_from),
                ("date_to", "<=", self.date_to),
            ]
        )
