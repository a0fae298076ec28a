from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SalesQmsAuditProgramme(models.Model):
    """The annual internal audit programme (年度内审方案): the audits planned
    for a year.

    A controlled record: its approval (编制 → 审核 → 批准) confirms it; a
    change afterwards is a new version, back to draft.
    """

    _name = "sales.qms.audit.programme"
    _description = "Internal Audit Programme"
    _inherit = ["sales.qms.signoff.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    audit_ids = fields.One2many("sales.qms.audit", "programme_id", string="Audits")
    audit_count = fields.Integer(compute="_compute_audit_count")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    note = fields.Html()

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("audit_ids")
    def _compute_audit_count(self):
        counts = dict(
            self.env["sales.qms.audit"]._read_group(
                [("programme_id", "in", self.ids)], ["programme_id"], ["__count"]
            )
        )
        for programme in self:
            programme.audit_count = counts.get(programme._origin, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("year")
    def _check_year(self):
        for programme in self:
            if not 2000 <= programme.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "The year %(year)s of the audit programme %(programme)s "
                        "is not a plausible year (2000 to 2100).",
                        year=programme.year,
                        programme=programme.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if "state" in vals:
            raise UserError(
                self.env._("The state of an audit programme changes by its buttons.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audits(self):
        if self.audit_ids:
            raise UserError(
                self.env._("An audit programme with audits cannot be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        """Confirmed by its approval (批准): the button is the approval."""
        return self.action_signoff_approve()

    def action_done(self):
        self._set_state("confirmed", "done")

    def action_draft(self):
        """Back to draft to change a confirmed programme: its next version."""
        return self.action_signoff_new_version()

    def action_signoff_new_version(self):
        for programme in self:
            if programme.state != "confirmed":
                raise UserError(
                    self.env._(
                        "Only a confirmed audit programme gets a new version; "
                        "%(programme)s is not.",
                        programme=programme.name,
                    )
                )
        result = super().action_signoff_new_version()
        self.sudo()._set_state("confirmed", "draft")
        return result

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("audit_programme", self)

    def action_view_audits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_audit_action"
        )
        action["domain"] = [("programme_id", "=", self.id)]
        action["context"] = {
            "default_programme_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _signoff_exempt_fields(self):
        return super()._signoff_exempt_fields() | {"state"}

    def _signoff_report_xmlid(self):
        return "sales_qms.action_report_sales_qms_audit_programme"

    def _signoff_on_approved(self):
        self.sudo()._set_state("draft", "confirmed")
        return super()._signoff_on_approved()

    def _xlsx_audit_programme(self):
        """年度内审方案: the audits of each programme, one sheet per programme,
        its sign-off under the table."""
        states = dict(
            self.env["sales.qms.audit"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        columns = [
            {"label": self.env._("Audit"), "width": 14},
            {"label": self.env._("Title"), "width": 30},
            {"label": self.env._("Processes"), "width": 24},
            {"label": self.env._("ISO Clauses"), "width": 18},
            {"label": self.env._("Audited Departments"), "width": 20},
            {"label": self.env._("Planned Start"), "width": 12, "type": "date"},
            {"label": self.env._("Planned End"), "width": 12, "type": "date"},
            {"label": self.env._("Lead Auditor"), "width": 12},
            {"label": self.env._("Auditors"), "width": 20},
            {"label": self.env._("Status"), "width": 10},
        ]
        sheets = [
            {
                "name": f"{programme.year} {programme.name}",
                "title": programme.name,
                "subtitle": f"{programme.company_id.name} · {programme.year}",
                "columns": columns,
                "rows": [
                    (
                        audit.name,
                        audit.title,
                        ", ".join(audit.process_ids.mapped("name")),
                        ", ".join(audit.clause_ids.mapped("code")),
                        ", ".join(audit.auditee_team_ids.mapped("name")),
                        audit.planned_date_start,
                        audit.planned_date_end,
                        audit.lead_auditor_id.name or "",
                        ", ".join(audit.auditor_ids.mapped("name")),
                        states.get(audit.state, ""),
                    )
                    for audit in programme.audit_ids.sorted("planned_date_start")
                ],
                "footer": programme._signoff_xlsx_footer(),
            }
            for programme in self
        ]
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Internal Audit Programme")
        )
        return f"{self.env._('Internal Audit Programme')}.xlsx", content

    def _set_state(self, from_state, to_state):
        self.check_access("write")
        for programme in self:
            if programme.state != from_state:
                raise UserError(
                    self.env._(
                        "The audit programme %(programme)s is not in the right "
                        "state for this step.",
                        programme=programme.name,
                    )
                )
        return super().write({"state": to_state})
