from odoo import fields, models


class SalesAppraisalTargetRevision(models.Model):
    """A revision of a confirmed target tree: the figures every node had
    before the tree was reopened, who reopened it, when and why."""

    _name = "sales.appraisal.target.revision"
    _description = "Sales Target Revision"
    _order = "target_id, revision desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    target_id = fields.Many2one(
        "sales.appraisal.target",
        string="Target Tree",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="target_id.company_id", store=True, index=True, precompute=True
    )
    revision = fields.Integer(
        required=True,
        readonly=True,
        help="The revision of the tree whose figures are kept here.",
    )
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Revised By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(
        string="Revised On", required=True, readonly=True, default=fields.Datetime.now
    )
    line_ids = fields.One2many(
        "sales.appraisal.target.revision.line",
        "revision_id",
        string="Figures",
        readonly=True,
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_display_name(self):
        for revision in self:
            revision.display_name = self.env._(
                "%(tree)s, revision %(revision)s",
                tree=revision.target_id.name,
                revision=revision.revision,
            )
