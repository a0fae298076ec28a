from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RESULTS = [
    ("conformity", "Conformity"),
    ("observation", "Observation"),
    ("minor_nc", "Minor Nonconformity"),
    ("major_nc", "Major Nonconformity"),
]
NC_RESULTS = ("minor_nc", "major_nc")


class SalesQmsAuditLine(models.Model):
    """A question of an audit's checklist and its finding (检查表条目/审核发现)."""

    _name = "sales.qms.audit.line"
    _description = "Audit Checklist Line"
    _order = "audit_id, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    audit_id = fields.Many2one(
        "sales.qms.audit", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="audit_id.company_id", store=True, index=True, precompute=True
    )
    audit_state = fields.Selection(related="audit_id.state")
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True)
    guidance = fields.Text()
    clause_id = fields.Many2one("sales.qms.iso.clause", string="ISO Clause")
    process_id = fields.Many2one("sales.qms.process", check_company=True)
    result = fields.Selection(
        RESULTS,
        string="Audit Result",
        help="Empty while the question has not been audited yet.",
    )
    evidence = fields.Text(
        help="What was seen: records sampled, people interviewed, the finding."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sales_qms_audit_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence Files",
    )
    nonconformity_id = fields.Many2one(
        "sales.qms.nonconformity",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("audit_id.name", "question")
    def _compute_display_name(self):
        for line in self:
            question = (line.question or "").strip().splitlines()[:1]
            text = question[0] if question else ""
            if len(text) > 60:
                text = text[:60] + "…"
            line.display_name = " · ".join(filter(None, [line.audit_id.name, text]))

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("nonconformity_id") for vals in vals_list):
            raise AccessError(
                self.env._("A finding is linked to its nonconformity by raising it.")
            )
        audits = self.env["sales.qms.audit"].browse(
            [vals.get("audit_id") for vals in vals_list if vals.get("audit_id")]
        )
        audits._check_not_closed()
        audits._check_report_unsigned()
        return super().create(vals_list)

    def write(self, vals):
        if "nonconformity_id" in vals:
            raise AccessError(
                self.env._("A finding is linked to its nonconformity by raising it.")
            )
        self.audit_id._check_not_closed()
        self.audit_id._check_report_unsigned()
        if "audit_id" in vals:
            self.env["sales.qms.audit"].browse(vals["audit_id"])._check_not_closed()
        if "result" in vals and vals["result"] not in NC_RESULTS:
            raised = self.filtered("nonconformity_id")
            if raised:
                raise UserError(
                    self.env._(
                        "The finding “%(question)s” has raised the nonconformity "
                        "%(nc)s: it stays a nonconformity. Cancel the "
                        "nonconformity report if it was a mistake.",
                        question=raised[0].question,
                        nc=raised[0].nonconformity_id.name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.audit_id._check_not_closed()
        self.audit_id._check_report_unsigned()
        if self.filtered("nonconformity_id"):
            raise UserError(
                self.env._("A finding that raised a nonconformity cannot be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_raise_nonconformity(self):
        """Raise the nonconformity report of a finding and open it.

        Open to whoever may edit the finding (the audit's auditors, the
        quality representative); the report is then created with the
        system's rights, as an auditor does not manage nonconformities.
        """
        self.ensure_one()
        self.check_access("write")
        self.audit_id._check_can_manage()
        self.audit_id._check_not_closed()
        if self.result not in NC_RESULTS:
            raise UserError(
                self.env._(
                    "Only a finding of minor or major nonconformity raises a "
                    "nonconformity report; an observation does not."
                )
            )
        if self.audit_id.state not in ("in_progress", "reported"):
            raise UserError(
                self.env._(
                    "Findings raise nonconformities while the audit is carried out "
                    "or reported."
                )
            )
        if not self.nonconformity_id:
            nonconformity = (
                self.env["sales.qms.nonconformity"]
                .sudo()
                .create(self._prepare_nonconformity_vals())
            )
            # raised by the auditor, not by the system
            nonconformity._write_state({"raised_by_id": self.env.uid})
            super(SalesQmsAuditLine, self.sudo()).write(
                {"nonconformity_id": nonconformity.id}
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.qms.nonconformity",
            "res_id": self.nonconformity_id.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _prepare_nonconformity_vals(self):
        self.ensure_one()
        audit = self.audit_id
        team = audit.auditee_team_ids[:1]
        description = self.question
        if self.evidence:
            description = f"{self.question}\n\n{self.evidence}"
        return {
            "origin": "audit",
            "audit_line_id": self.id,
            "company_id": audit.company_id.id,
            "severity": "major" if self.result == "major_nc" else "minor",
            "description": description,
            "clause_id": self.clause_id.id,
            "process_id": self.process_id.id,
            "team_id": team.id,
            "responsible_id": team.user_id.id,
        }
