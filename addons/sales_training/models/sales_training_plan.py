from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class SalesTrainingPlan(models.Model):
    """The annual training plan (年度培训计划) and, as the year goes, its
    execution (sessions held, people trained, hours, cost)."""

    _name = "sales.training.plan"
    _description = "Annual Training Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("done", "Closed")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "sales.training.plan.line", "plan_id", string="Planned Trainings", copy=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Html()
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_approved = fields.Date(readonly=True, copy=False)
    budget_total = fields.Monetary(compute="_compute_totals", string="Budget")
    cost_total = fields.Monetary(compute="_compute_totals", string="Actual Cost")
    session_held_total = fields.Integer(
        compute="_compute_totals", string="Sessions Held"
    )
    trained_total = fields.Integer(compute="_compute_totals", string="People Trained")
    hours_total = fields.Float(compute="_compute_totals", string="Training Hours")
    completion_rate = fields.Float(
        compute="_compute_totals",
        string="Completion (%)",
        help="Plan lines with a held session, out of all lines.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends(
        "line_ids.budget",
        "line_ids.cost_actual",
        "line_ids.session_held_count",
        "line_ids.trained_count",
        "line_ids.hours_actual",
    )
    def _compute_totals(self):
        for plan in self:
            lines = plan.line_ids
            plan.budget_total = sum(lines.mapped("budget"))
            plan.cost_total = sum(lines.mapped("cost_actual"))
            plan.session_held_total = sum(lines.mapped("session_held_count"))
            plan.trained_total = sum(lines.mapped("trained_count"))
            plan.hours_total = sum(lines.mapped("hours_actual"))
            plan.completion_rate = (
                100.0 * len(lines.filtered("has_held_session")) / len(lines)
                if lines
                else 0.0
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("year")
    def _check_year(self):
        if any(not 2000 <= plan.year <= 2100 for plan in self):
            raise ValidationError(
                self.env._("The year of a plan is between 2000 and 2100.")
            )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("Only a draft training plan can be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_training_manager(self):
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group(
            "sales_training.group_sales_training_manager"
        ):
            raise AccessError(self.env._("Only a training manager may do this."))

    def action_approve(self):
        """Approve the plan: its lines are locked until it goes back to draft."""
        self._check_training_manager()
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("Only a draft plan can be approved."))
        if any(not plan.line_ids for plan in self):
            raise UserError(
                self.env._("A plan without planned trainings cannot be approved.")
            )
        self.write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "date_approved": fields.Date.context_today(self),
            }
        )
        return True

    def action_close(self):
        self._check_training_manager()
        if any(plan.state != "approved" for plan in self):
            raise UserError(self.env._("Only an approved plan can be closed."))
        self.write({"state": "done"})
        return True

    def action_back_to_draft(self):
        """Ask the reason, then reopen the approved plan (see the wizard)."""
        self.ensure_one()
        self._check_training_manager()
        if self.state != "approved":
            raise UserError(self.env._("Only an approved plan goes back to draft."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Back to Draft"),
            "res_model": "sales.training.plan.reset",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def _back_to_draft(self, reason):
        """Reopen approved plans, the reason in the chatter."""
        self._check_training_manager()
        if any(plan.state != "approved" for plan in self):
            raise UserError(self.env._("Only an approved plan goes back to draft."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for reopening the plan."))
        self.write({"state": "draft", "approved_by_id": False, "date_approved": False})
        for plan in self:
            plan.message_post(
                body=self.env._("Back to draft: %(reason)s", reason=reason.strip())
            )
        return True

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_training.sales_training_session_action"
        )
        action["domain"] = [("plan_line_id", "in", self.line_ids.ids)]
        action["context"] = {}
        return action

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("training_plan", self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _xlsx_training_plan(self):
        """年度培训计划及实施表: one sheet per plan, one row per line with
        what was planned and what was done."""
        columns = [
            {"label": self.env._("No."), "width": 6, "type": "integer"},
            {"label": self.env._("Planned Month"), "width": 10},
            {"label": self.env._("Course"), "width": 28},
            {"label": self.env._("Category"), "width": 14},
            {"label": self.env._("Audience"), "width": 30},
            {"label": self.env._("Trainer / Provider"), "width": 16},
            {"label": self.env._("Budget"), "width": 12, "type": "amount"},
            {"label": self.env._("Sessions Held"), "width": 10, "type": "integer"},
            {"label": self.env._("People Trained"), "width": 10, "type": "integer"},
            {"label": self.env._("Training Hours"), "width": 10, "type": "number"},
            {"label": self.env._("Actual Cost"), "width": 12, "type": "amount"},
            {"label": self.env._("Status"), "width": 10},
        ]
        Course = self.env["sales.training.course"]
        categories = dict(Course._fields["category"]._description_selection(self.env))
        done, not_done = self.env._("Done"), self.env._("Not done")
        sheets = []
        for plan in self:
            rows = []
            for index, line in enumerate(plan.line_ids, start=1):
                rows.append(
                    [
                        index,
                        line.planned_month.strftime("%Y-%m"),
                        line.course_id.name,
                        categories.get(line.course_id.category, ""),
                        line.audience_description or "",
                        line.trainer_id.name or line.provider_id.name or "",
                        line.budget,
                        line.session_held_count,
                        line.trained_count,
                        line.hours_actual,
                        line.cost_actual,
                        done if line.has_held_session else not_done,
                    ]
                )
            rows.append(
                [
                    None,
                    "",
                    self.env._("Total"),
                    "",
                    "",
                    "",
                    plan.budget_total,
                    plan.session_held_total,
                    plan.trained_total,
                    plan.hours_total,
                    plan.cost_total,
                    "",
                ]
            )
            sheets.append(
                {
                    "name": plan.name,
                    "title": self.env._("Annual Training Plan and Implementation"),
                    "subtitle": self.env._(
                        "%(plan)s (%(year)s) - %(company)s",
                        plan=plan.name,
                        year=plan.year,
                        company=plan.company_id.name,
                    ),
                    "columns": columns,
                    "rows": rows,
                }
            )
        title = self.env._("Annual Training Plan and Implementation")
        content = self.env["sales.qms.xlsx"]._render_table(sheets, title=title)
        return "training_plan.xlsx", content
