from odoo import models


class SalesQmsMeasurement(models.Model):
    # a month not met raises a nonconformity (ISO 9001 §10.2)
    _inherit = "sales.qms.measurement"  # pylint: disable=consider-merging-classes-inherited

    def action_raise_nonconformity(self):
        """Open a nonconformity report prefilled from a month not met."""
        self.ensure_one()
        self.env["sales.qms.nonconformity"].check_access("create")
        objective = self.objective_id
        description = self.env._(
            "The quality objective %(objective)s was not met in %(period)s: "
            "%(actual)s against a target of %(target)s.",
            objective=objective.display_name,
            period=self.name,
            actual=self.value_display,
            target=self.target_display,
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Raise Nonconformity"),
            "res_model": "sales.qms.nonconformity",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_origin": "objective",
                "default_measurement_id": self.id,
                "default_company_id": self.company_id.id,
                "default_description": description,
                "default_responsible_id": self.owner_id.id,
                "default_team_id": objective.team_id.id,
            },
        }
