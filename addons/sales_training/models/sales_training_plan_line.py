from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PRESENT_STATES = ("present", "late")


class SalesTrainingPlanLine(models.Model):
    _name = "sales.training.plan.line"
    _description = "Annual Training Plan Line"
    _order = "plan_id, planned_month, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    plan_id = fields.Many2one(
        "sales.training.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    course_id = fields.Many2one(
        "sales.training.course", required=True, check_company=True
    )
    job_ids = fields.Many2many("hr.job", string="Jobs")
    department_ids = fields.Many2many("hr.department", string="Departments")
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    planned_month = fields.Date(
        required=True, help="The first day of the month the training is planned in."
    )
    budget = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="plan_id.currency_id")
    trainer_id = fields.Many2one("res.users")
    provider_id = fields.Many2one("res.partner")
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    session_ids = fields.One2many(
        "sales.training.session", "plan_line_id", string="Sessions"
    )
    has_held_session = fields.Boolean(
        string="Held",
        compute="_compute_has_held_session",
        store=True,
        help="At least one session of this line was held.",
    )
    audience_description = fields.Char(
        string="Audience", compute="_compute_audience_description"
    )
    session_held_count = fields.Integer(
        string="Sessions Held", compute="_compute_actuals"
    )
    trained_count = fields.Integer(
        string="People Trained",
        compute="_compute_actuals",
        help="Attendees present or late at the held sessions.",
    )
    hours_actual = fields.Float(
        string="Training Hours",
        compute="_compute_actuals",
        help="Course hours x people trained.",
    )
    cost_actual = fields.Monetary(
        string="Actual Cost", compute="_compute_actuals", currency_field="currency_id"
    )
    budget_variance = fields.Monetary(
        string="Budget - Cost", compute="_compute_actuals", currency_field="currency_id"
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("session_ids.state")
    def _compute_has_held_session(self):
        for line in self:
            line.has_held_session = any(
                session.state == "done" for session in line.session_ids
            )

    @api.depends("job_ids", "department_ids", "employee_ids")
    def _compute_audience_description(self):
        for line in self:
            line.audience_description = ", ".join(
                line.job_ids.mapped("name")
                + line.department_ids.mapped("name")
                + line.employee_ids.mapped("name")
            )

    @api.depends("plan_id.name", "planned_month", "course_id.name")
    def _compute_display_name(self):
        for line in self:
            month = line.planned_month.strftime("%Y-%m") if line.planned_month else ""
            line.display_name = (
                f"{line.plan_id.name} / {month} {line.course_id.name or ''}"
            )

    def _compute_actuals(self):
        """Plan vs actual of all the lines at once: two grouped queries."""
        lines = self.filtered("id")
        session_data = {
            line: (count, cost)
            for line, count, cost in self.env["sales.training.session"]
            .sudo()
            ._read_group(
                [("plan_line_id", "in", lines.ids), ("state", "=", "done")],
                ["plan_line_id"],
                ["__count", "cost:sum"],
            )
        }
        trained_data = dict(
            self.env["sales.training.attendance"]
            .sudo()
            ._read_group(
                [
                    ("plan_line_id", "in", lines.ids),
                    ("session_id.state", "=", "done"),
                    ("attendance_state", "in", PRESENT_STATES),
                ],
                ["plan_line_id"],
                ["__count"],
            )
        )
        for line in self:
            count, cost = session_data.get(line.sudo(), (0, 0.0))
            trained = trained_data.get(line.sudo(), 0)
            line.session_held_count = count
            line.cost_actual = cost
            line.trained_count = trained
            line.hours_actual = trained * line.course_id.duration_hours
            line.budget_variance = line.budget - cost

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("planned_month", "plan_id")
    def _check_planned_month(self):
        for line in self:
            if line.planned_month.year != line.plan_id.year:
                raise ValidationError(
                    self.env._(
                        "The training of %(course)s is planned in %(month)s, outside "
                        "the plan's year %(year)s.",
                        course=line.course_id.name,
                        month=line.planned_month.strftime("%Y-%m"),
                        year=line.plan_id.year,
                    )
                )

    @api.constrains("budget")
    def _check_budget(self):
        if any(line.budget < 0 for line in self):
            raise ValidationError(self.env._("A budget cannot be negative."))

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("planned_month"):
                vals["planned_month"] = fields.Date.to_date(
                    vals["planned_month"]
                ).replace(day=1)
        lines = super().create(vals_list)
        lines._check_plan_draft()
        return lines

    def write(self, vals):
        self._check_plan_draft()
        if vals.get("planned_month"):
            vals["planned_month"] = fields.Date.to_date(vals["planned_month"]).replace(
                day=1
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._check_plan_draft()

    def _check_plan_draft(self):
        # an approved plan is what was agreed: its lines change only after
        # "back to draft" with a reason, kept in the chatter
        if any(line.plan_id.state != "draft" for line in self):
            raise UserError(
                self.env._(
                    "The plan is approved or closed: put it back to draft (with a "
                    "reason) to change its lines."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_create_session(self):
        """Open a new session prefilled from this line."""
        self.ensure_one()
        self.env["sales.training.session"].check_access("create")
        if self.plan_id.state != "approved":
            raise UserError(self.env._("Sessions are created from an approved plan."))
        start = datetime.combine(self.planned_month, time(1, 0))
        end = datetime.combine(
            self.planned_month,
            time(min(23, 1 + max(1, int(self.course_id.duration_hours or 1))), 0),
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Session"),
            "res_model": "sales.training.session",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_course_id": self.course_id.id,
                "default_plan_line_id": self.id,
                "default_trainer_id": self.trainer_id.id or self.env.user.id,
                "default_provider_id": self.provider_id.id,
                "default_session_type": "external" if self.provider_id else "internal",
                "default_company_id": self.company_id.id,
                "default_date_start": fields.Datetime.to_string(start),
                "default_date_end": fields.Datetime.to_string(end),
            },
        }

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_training.sales_training_session_action"
        )
        action["domain"] = [("plan_line_id", "=", self.id)]
        action["context"] = {
            "default_plan_line_id": self.id,
            "default_course_id": self.course_id.id,
        }
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_audience_employees(self):
        """The employees the line is for: its jobs, departments and named
        employees, of the line's company."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        audience = self.employee_ids
        if self.job_ids:
            audience |= self.env["hr.employee"].search(
                domain + [("job_id", "in", self.job_ids.ids)]
            )
        if self.department_ids:
            audience |= self.env["hr.employee"].search(
                domain + [("department_id", "child_of", self.department_ids.ids)]
            )
        return audience
