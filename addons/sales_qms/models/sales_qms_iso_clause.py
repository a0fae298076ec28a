from odoo import api, fields, models


class SalesQmsIsoClause(models.Model):
    """A clause of ISO 9001:2015 an internal audit refers to (8.2.3 …)."""

    _name = "sales.qms.iso.clause"
    _description = "ISO 9001 Clause"
    _order = "sort_key, id"
    _rec_names_search = ["code", "name"]

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    code = fields.Char(required=True, help="The clause number, e.g. 8.2.3.")
    name = fields.Char(required=True, translate=True)
    sort_key = fields.Char(
        compute="_compute_sort_key",
        store=True,
        help="The code with zero-padded numbers: 10.1 comes after 9.3.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for the clauses of the standard, shared by all companies.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "UNIQUE NULLS NOT DISTINCT (code, company_id)",
            "An ISO clause code must be unique.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("code")
    def _compute_sort_key(self):
        for clause in self:
            parts = (clause.code or "").strip().split(".")
            clause.sort_key = ".".join(
                part.zfill(4) if part.isdigit() else part for part in parts
            )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for clause in self:
            clause.display_name = f"{clause.code} {clause.name or ''}".strip()
