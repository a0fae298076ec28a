from odoo import fields, models


class SalesQmsObjective(models.Model):
    """The department and employee scopes of the engine, added the way the
    engine's docstring says: a scope type, the field holding it, its spec."""

    _inherit = "sales.qms.objective"

    scope_type = fields.Selection(
        selection_add=[("department", "Department"), ("employee", "Employee")],
        ondelete={"department": "set default", "employee": "set default"},
    )
    department_id = fields.Many2one(
        "hr.department",
        tracking=True,
        check_company=True,
        help="Measured on the employees of this department.",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        tracking=True,
        check_company=True,
        help="Measured on this employee's own training records.",
    )
