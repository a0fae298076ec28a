from odoo import fields, models


class SalesQmsAuditChecklist(models.Model):
    """A template of audit questions (检查表), loaded into an audit in one
    click."""

    _name = "sales.qms.audit.checklist"
    _description = "Audit Checklist Template"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", index=True, default=lambda self: self.env.company
    )
    process_ids = fields.Many2many(
        "sales.qms.process", string="Processes", check_company=True
    )
    clause_ids = fields.Many2many("sales.qms.iso.clause", string="ISO Clauses")
    line_ids = fields.One2many(
        "sales.qms.audit.checklist.line", "checklist_id", string="Questions", copy=True
    )
    active = fields.Boolean(default=True)
