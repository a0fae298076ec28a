from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


class CrmLead(models.Model):
    _inherit = "crm.lead"

    date_opportunity = fields.Datetime(
        string="Opportunity Since",
        compute="_compute_date_opportunity",
        store=True,
        index="btree_not_null",
        help="When the opportunity was created, or when the lead was converted "
        "into it: the date the 'Opportunities created' activity indicator "
        "counts it at.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("type", "date_conversion", "create_date")
    def _compute_date_opportunity(self):
        for lead in self:
            if lead.type == "opportunity":
                lead.date_opportunity = (
                    lead.date_conversion or lead.create_date or fields.Datetime.now()
                )
            else:
                lead.date_opportunity = False

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def _auto_init(self):
        # fill the new column in one query rather than computing it record
        # by record on a table that may hold millions of leads
        if not column_exists(self.env.cr, "crm_lead", "date_opportunity"):
            create_column(self.env.cr, "crm_lead", "date_opportunity", "timestamp")
            self.env.cr.execute(
                SQL(
                    """UPDATE crm_lead
                          SET date_opportunity = COALESCE(date_conversion, create_date)
                        WHERE type = 'opportunity'"""
                )
            )
        return super()._auto_init()
