from odoo import api, fields, models, tools


class SalesQmsSignoffRule(models.Model):
    """Who reviews (审核) and approves (批准) a type of controlled record in a
    company. Without a rule, quality representatives do both."""

    _name = "sales.qms.signoff.rule"
    _description = "Sign-off Rule of Controlled Records"
    _inherit = ["mail.thread"]
    _order = "res_model, company_id"
    _check_company_auto = True

    res_model = fields.Selection(
        selection="_selection_res_model",
        string="Record Type",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    reviewer_group_ids = fields.Many2many(
        "res.groups",
        "sales_qms_signoff_rule_reviewer_group_rel",
        string="Reviewer Groups",
        help="Members of these groups may review (审核).",
    )
    reviewer_user_ids = fields.Many2many(
        "res.users",
        "sales_qms_signoff_rule_reviewer_user_rel",
        string="Reviewers",
        check_company=True,
        help="These users may review (审核), whatever their groups.",
    )
    approver_group_ids = fields.Many2many(
        "res.groups",
        "sales_qms_signoff_rule_approver_group_rel",
        string="Approver Groups",
        help="Members of these groups may approve (批准).",
    )
    approver_user_ids = fields.Many2many(
        "res.users",
        "sales_qms_signoff_rule_approver_user_rel",
        string="Approvers",
        check_company=True,
        help="These users may approve (批准), whatever their groups.",
    )
    distinct_signers = fields.Boolean(
        string="Three Different People",
        default=True,
        tracking=True,
        help="The author, the reviewer and the approver of a version must be "
        "three different people.",
    )

    _sql_constraints = [
        (
            "model_company_uniq",
            "UNIQUE(res_model, company_id)",
            "A record type has one sign-off rule per company.",
        ),
    ]

    @api.depends("res_model")
    def _compute_display_name(self):
        labels = dict(self._fields["res_model"]._description_selection(self.env))
        for rule in self:
            rule.display_name = labels.get(rule.res_model, rule.res_model or "")

    @api.model
    def _selection_res_model(self):
        """Every model carrying the sign-off mixin, by its description."""
        children = self.env.registry["sales.qms.signoff.mixin"]._inherit_children
        return sorted(
            (
                (name, self.env[name]._description)
                for name in children
                if not self.env[name]._abstract
            ),
            key=lambda item: item[1],
        )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _get_rule(self, model_name, company):
        rule_id = self._get_rule_id(model_name, company.id)
        return self.browse(rule_id).sudo() if rule_id else self.browse()

    @api.model
    @tools.ormcache("model_name", "company_id")
    def _get_rule_id(self, model_name, company_id):
        rule = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("res_model", "=", model_name), ("company_id", "=", company_id)],
                limit=1,
            )
        )
        return rule.id

    @api.model
    def _is_signer(self, rule, step, user):
        """``user`` may sign ``step`` ("review" or "approve") under ``rule``
        (quality representatives when there is no rule)."""
        if not rule:
            return user.has_group("sales_qms.group_sales_qms_manager")
        groups = (
            rule.reviewer_group_ids if step == "review" else rule.approver_group_ids
        )
        users = rule.reviewer_user_ids if step == "review" else rule.approver_user_ids
        return user in users or bool(groups & user.groups_id)
