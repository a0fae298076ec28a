from odoo import fields, models


class SalesQmsAuditChecklistLine(models.Model):
    _name = "sales.qms.audit.checklist.line"
    _description = "Audit Checklist Question"
    _order = "checklist_id, sequence, id"
    _check_company_auto = True

    checklist_id = fields.Many2one(
        "sales.qms.audit.checklist", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="checklist_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True, translate=True)
    clause_id = fields.Many2one("sales.qms.iso.clause", string="ISO Clause")
    process_id = fields.Many2one("sales.qms.process", check_company=True)
    guidance = fields.Text(
        translate=True, help="What to look at and which records to sample."
    )
