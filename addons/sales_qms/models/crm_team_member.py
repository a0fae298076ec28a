from odoo import api, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        memberships = super().create(vals_list)
        memberships.crm_team_id._sync_member_objectives()
        return memberships

    def write(self, vals):
        teams = self.crm_team_id
        result = super().write(vals)
        if {"active", "user_id", "crm_team_id"} & vals.keys():
            (teams | self.crm_team_id)._sync_member_objectives()
        return result

    def unlink(self):
        teams = self.crm_team_id
        result = super().unlink()
        teams._sync_member_objectives()
        return result
