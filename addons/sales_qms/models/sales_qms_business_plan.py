from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Written only by the plan's buttons.
STATE_FIELDS = {"state"}
PLAN_YEARS = {"annual": 1, "five_year": 5}


class SalesQmsBusinessPlan(models.Model):
    """A business plan (经营计划): annual (年度) or five-year (五年), a table of
    metrics × years with the planned, actual and competitors' values. The
    management review reviews it (经营计划评审)."""

    _name = "sales.qms.business.plan"
    _description = "Business Plan"
    # a controlled record: its approval (编制/审核/批准) puts it in force
    _inherit = ["sales.qms.signoff.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year_start desc, plan_type desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    plan_type = fields.Selection(
        [("annual", "Annual Business Plan"), ("five_year", "Five-Year Business Plan")],
        string="Type",
        required=True,
        default="annual",
        tracking=True,
    )
    year_start = fields.Integer(
        string="First Year",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    year_end = fields.Integer(
        string="Last Year", compute="_compute_year_end", store=True
    )
    line_ids = fields.One2many(
        "sales.qms.business.plan.line", "plan_id", string="Figures", copy=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("archived", "Archived")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    note = fields.Html(string="Strategy and Comments")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("plan_type", "year_start")
    def _compute_year_end(self):
        for plan in self:
            plan.year_end = plan.year_start + PLAN_YEARS.get(plan.plan_type, 1) - 1

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("year_start", "plan_type")
    def _check_years(self):
        for plan in self:
            if not 1900 <= plan.year_start <= 2999:
                raise ValidationError(
                    self.env._(
                        "The first year of the business plan %(plan)s is not a "
                        "valid year (%(year)s).",
                        plan=plan.name,
                        year=plan.year_start,
                    )
                )
        self.line_ids._check_year()

    @api.constrains("name")
    def _check_name(self):
        for plan in self:
            if not (plan.name or "").strip():
                raise ValidationError(self.env._("Give the business plan a name."))

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            raise AccessError(
                self.env._("A business plan is created as a draft, then activated.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if STATE_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "The state of a business plan is set by its buttons, never "
                    "written by hand."
                )
            )
        if {"plan_type", "year_start", "company_id"} & vals.keys():
            self.filtered(lambda p: p.state != "draft")._raise_not_draft()
        if vals.keys() - {"message_main_attachment_id"}:
            self.filtered(lambda p: p.state == "archived")._raise_archived()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(
                self.env._(
                    "Only a draft business plan can be deleted: archive an active one."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_activate(self):
        """Put the plan in force: the approval (批准) of a reviewed plan that
        has figures for each of its years."""
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "The business plan %(plan)s is not a draft.", plan=plan.name
                    )
                )
            plan._check_complete()
        return self.action_signoff_approve()

    def action_archive_plan(self):
        self._check_manager()
        if any(plan.state != "active" for plan in self):
            raise UserError(self.env._("Only an active business plan can be archived."))
        self._write_state("archived")
        return True

    def action_draft(self):
        """Revise an active plan: its next version, signed off again."""
        return self.action_signoff_new_version()

    def action_signoff_new_version(self):
        if any(plan.state != "active" for plan in self):
            raise UserError(self.env._("Only an active business plan can be revised."))
        result = super().action_signoff_new_version()
        self.sudo()._write_state("draft")
        return result

    def action_update_actuals(self):
        """Fill the actual values of the metrics computed by an indicator, for
        every year of the plan that has started (the current year to date).

        One engine call per indicator for the whole span of years, whatever
        the number of plans, metrics and years.
        """
        self._check_manager()
        if any(plan.state == "archived" for plan in self):
            self.filtered(lambda p: p.state == "archived")._raise_archived()
        self.check_access("write")
        lines = self.line_ids.filtered(lambda line: line.metric_id.indicator_id)
        Indicator = self.env["sales.qms.indicator"].sudo()
        updated = 0
        for (indicator, company), group in lines.grouped(
            lambda line: (line.metric_id.indicator_id, line.plan_id.company_id)
        ).items():
            today = self.env["sales.qms.objective"]._today(company)
            group = group.filtered(lambda line, today=today: line.year <= today.year)
            if not group or not indicator.sudo().source_installed:
                continue
            date_from = date(min(group.mapped("year")), 1, 1)
            date_to = min(date(max(group.mapped("year")), 12, 31), today)
            values = Indicator.browse(indicator.id)._compute_values(
                date_from, date_to, "company", company.ids, company_ids=company.ids
            )
            by_year = {}
            for (_indicator, month, _scope), (_v, num, den) in values.items():
                sums = by_year.setdefault(month.year, [0.0, 0.0])
                sums[0] += num
                sums[1] += den
            for line in group:
                num, den = by_year.get(line.year, (0.0, 0.0))
                value = Indicator.browse(indicator.id)._value_from(num, den)
                line.write({"actual_value": value or 0.0, "has_actual": True})
                updated += 1
        if updated:
            for plan in self:
                plan.message_post(
                    body=self.env._(
                        "Actual values updated from the quality indicators."
                    )
                )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if updated else "warning",
                "message": self.env._(
                    "%(count)s actual values updated from the indicators.",
                    count=updated,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_complete(self):
        """Every year of the plan has figures (refused with the missing years)."""
        for plan in self:
            years = set(range(plan.year_start, plan.year_end + 1))
            missing = sorted(years - set(plan.line_ids.mapped("year")))
            if missing:
                raise ValidationError(
                    self.env._(
                        "The business plan %(plan)s has no figures for %(years)s: "
                        "give each of its years its planned values before "
                        "activating it.",
                        plan=plan.name,
                        years=", ".join(str(year) for year in missing),
                    )
                )

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("business_plan", self)

    def _xlsx_business_plan(self):
        """经营计划: one sheet per plan, a row per metric and year, the
        sign-off under the table."""
        sheets = []
        for plan in self:
            years = f"{plan.year_start}" + (
                f"–{plan.year_end}" if plan.year_end != plan.year_start else ""
            )
            sheets.append(
                {
                    "name": f"{years} {plan.name}",
                    "title": plan.name,
                    "subtitle": f"{plan.company_id.name} · {years}",
                    "columns": [
                        {"label": self.env._("Metric"), "width": 24},
                        {"label": self.env._("Year"), "width": 8, "type": "integer"},
                        {"label": self.env._("Planned"), "width": 14, "type": "number"},
                        {"label": self.env._("Actual"), "width": 14, "type": "number"},
                        {
                            "label": self.env._("Competitors"),
                            "width": 14,
                            "type": "number",
                        },
                        {"label": self.env._("Unit"), "width": 10},
                        {"label": self.env._("Gap with Competitors"), "width": 40},
                    ],
                    "rows": [
                        [
                            line.metric_id.name,
                            line.year,
                            line.planned_value,
                            line.actual_value if line.has_actual else None,
                            line.competitor_value or None,
                            line.unit or "",
                            line.gap_comment or "",
                        ]
                        for line in plan.line_ids.sorted(
                            lambda line: (
                                line.metric_sequence,
                                line.metric_id.id,
                                line.year,
                            )
                        )
                    ],
                    "footer": plan._signoff_xlsx_footer(),
                }
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Business Plan")
        )
        return self.env._("Business Plan.xlsx"), content

    def _write_state(self, state):
        return super().write({"state": state})

    @api.model
    def _signoff_exempt_fields(self):
        return super()._signoff_exempt_fields() | STATE_FIELDS

    def _signoff_check_ready(self):
        # a plan is signed off complete: a figure for each of its years
        self._check_complete()
        return super()._signoff_check_ready()

    def _signoff_report_xmlid(self):
        return "sales_qms.action_report_business_plan"

    def _signoff_on_approved(self):
        self.sudo()._write_state("active")
        return super()._signoff_on_approved()

    def _raise_not_draft(self):
        if self:
            raise UserError(
                self.env._(
                    "The type, years and company of the business plan %(plan)s are "
                    "fixed once it is active.",
                    plan=self[0].name,
                )
            )

    def _raise_archived(self):
        if self:
            raise UserError(
                self.env._(
                    "The business plan %(plan)s is archived and cannot be changed.",
                    plan=self[0].name,
                )
            )

    def _check_manager(self):
        if not (
            self.env.su or self.env.user.has_group("sales_qms.group_sales_qms_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the quality representative manages the business plans."
                )
            )
