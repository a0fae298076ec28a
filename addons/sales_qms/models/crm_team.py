from odoo import api, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams._sync_member_objectives()
        return teams

    def write(self, vals):
        result = super().write(vals)
        if {"active", "company_id"} & vals.keys():
            self._sync_member_objectives()
        return result

    def _sync_member_objectives(self):
        """A team's members, or the company's teams, changed: the quality
        objectives set for each member follow (one per member, leavers'
        archived)."""
        Objective = self.env["sales.qms.objective"].sudo()
        parents = Objective.search(
            [
                "|",
                "&",
                ("member_scope", "=", "user"),
                ("team_id", "in", self.ids),
                "&",
                ("member_scope", "=", "team"),
                ("company_id", "in", [*self.company_id.ids, *self.env.companies.ids]),
            ]
        )
        parents._sync_members()
