from odoo import fields, models


class SalesQmsProcess(models.Model):
    """A process of the sales department (合同评审, 顾客沟通…), the unit an
    internal audit covers and a checklist question belongs to."""

    _name = "sales.qms.process"
    _description = "Sales Process"
    _order = "sequence, code, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    team_id = fields.Many2one(
        "crm.team",
        string="Owner Team",
        check_company=True,
        help="The department that runs the process.",
    )
    company_id = fields.Many2one(
        "res.company", index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "UNIQUE NULLS NOT DISTINCT (code, company_id)",
            "A process code must be unique per company.",
        ),
    ]
