from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_round, formatLang
from odoo.tools.misc import format_date

from odoo.addons.sales_qms.models.sales_qms_indicator import month_starts

from .sales_appraisal_target_line import (
    MONTH_FIELDS,
    QUARTER_FIELDS,
)

CONFIRM_ACTIVITY = "sales_appraisal.mail_activity_type_target_confirm"
# Written only by the buttons (confirm, revise, cancel, reset).
STATE_FIELDS = {"state", "revision"}
# What a confirmed tree keeps as it was confirmed (a revision reopens it).
LOCKED_FIELDS = {
    "name",
    "company_id",
    "fiscal_year_id",
    "indicator_id",
    "target_basis",
    "business_plan_line_id",
    "plan_deviation_reason",
    "line_ids",
}


class SalesAppraisalTarget(models.Model):
    """A target tree (销售目标分解): one metric of one fiscal year, from the
    company's figure down to sales teams and salespeople, and over time down to
    quarters and months. Its nodes are ``sales.appraisal.target.line``.
    """

    _name = "sales.appraisal.target"
    _description = "Sales Target Breakdown"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "fiscal_year_id desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        help="Document number, given when the tree is created.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    fiscal_year_id = fields.Many2one(
        "sales.qms.fiscal.year",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    date_from = fields.Date(related="fiscal_year_id.date_from")
    date_to = fields.Date(related="fiscal_year_id.date_to")
    indicator_id = fields.Many2one(
        "sales.qms.indicator",
        string="Metric",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="The indicator of the engine the targets are set on and the "
        "achievements are measured with.",
    )
    unit = fields.Selection(related="indicator_id.unit")
    currency_id = fields.Many2one(related="company_id.currency_id")
    target_basis = fields.Selection(
        [
            ("total", "Total of the Period"),
            ("per_working_day", "Per Working Day"),
        ],
        required=True,
        default="total",
        tracking=True,
        help="Per working day: a salesperson's month target is the daily "
        "figure multiplied by the working days of their calendar in the month "
        "(public holidays and leaves of the calendar excluded).",
    )
    business_plan_line_id = fields.Many2one(
        "sales.qms.business.plan.line",
        string="Business Plan Figure",
        check_company=True,
        compute="_compute_business_plan_line_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The annual business plan's figure of this metric for this year: "
        "the company node's proposed target.",
    )
    plan_value = fields.Float(
        string="Business Plan Target",
        related="business_plan_line_id.planned_value",
        groups="sales_team.group_sale_salesman_all_leads,"
        "sales_qms.group_sales_qms_auditor",
    )
    plan_deviation_reason = fields.Text(
        string="Reason for Departing from the Plan",
        tracking=True,
        help="Why the company's year target differs from the annual business "
        "plan's figure; required when it does.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    revision = fields.Integer(default=0, copy=False, readonly=True, tracking=True)
    line_ids = fields.One2many(
        "sales.appraisal.target.line", "target_id", string="Nodes", copy=True
    )
    note = fields.Html()
    node_count = fields.Integer(compute="_compute_node_count")
    revision_ids = fields.One2many(
        "sales.appraisal.target.revision",
        "target_id",
        string="Revisions",
        groups="sales_team.group_sale_salesman_all_leads,"
        "sales_qms.group_sales_qms_auditor",
    )
    objective_count = fields.Integer(compute="_compute_objective_count")
    reader_ids = fields.Many2many(
        "res.users",
        "sales_appraisal_target_reader_rel",
        "target_id",
        "user_id",
        string="Readers",
        compute="_compute_reader_ids",
        store=True,
        help="The salespeople with a node in the tree and the leaders of its "
        "teams: those of the sales team who read the tree.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("fiscal_year_id", "indicator_id")
    def _compute_display_name(self):
        for target in self:
            target.display_name = target.name or ""

    @api.depends("fiscal_year_id", "indicator_id", "company_id")
    def _compute_business_plan_line_id(self):
        # the plan is the quality representative's: read it whatever the
        # manager's rights on it, only to find the figure
        Line = self.env["sales.qms.business.plan.line"].sudo()
        for target in self:
            if not (target.fiscal_year_id and target.indicator_id):
                target.business_plan_line_id = False
                continue
            target.business_plan_line_id = Line.search(
                [
                    ("plan_id.state", "=", "active"),
                    ("plan_id.plan_type", "=", "annual"),
                    ("company_id", "=", target.company_id.id),
                    ("metric_id.indicator_id", "=", target.indicator_id.id),
                    ("year", "=", target.fiscal_year_id.date_from.year),
                ],
                order="id desc",
                limit=1,
            ).id

    @api.depends("line_ids.user_id", "line_ids.team_id.user_id")
    def _compute_reader_ids(self):
        # the record rule reads this column, not the nodes: the ORM checks
        # rules by evaluating them as superuser, which would fill the cache
        # of the tree's nodes with every node, colleagues' included
        for target in self:
            target.reader_ids = (
                target.line_ids.user_id | target.line_ids.team_id.user_id
            )

    def _compute_node_count(self):
        counts = dict(
            self.env["sales.appraisal.target.line"]._read_group(
                [("target_id", "in", self.ids)], ["target_id"], ["__count"]
            )
        )
        for target in self:
            target.node_count = counts.get(target, 0)

    def _compute_objective_count(self):
        counts = dict(
            self.env["sales.appraisal.target.line"]._read_group(
                [("target_id", "in", self.ids), ("objective_id", "!=", False)],
                ["target_id"],
                ["__count"],
            )
        )
        for target in self:
            target.objective_count = counts.get(target, 0)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("indicator_id")
    def _check_indicator(self):
        for target in self:
            if target.indicator_id.aggregation != "sum":
                raise ValidationError(
                    self.env._(
                        "The indicator %(indicator)s is not a sum (a rate or an "
                        "average does not add up over teams and months): it cannot "
                        "carry a target tree.",
                        indicator=target.indicator_id.display_name,
                    )
                )

    @api.constrains("fiscal_year_id")
    def _check_fiscal_year(self):
        for target in self:
            year = target.fiscal_year_id
            if len(month_starts(year.date_from, year.date_to)) != 12:
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s does not have twelve months: a "
                        "target tree breaks a year down to four quarters of three "
                        "months.",
                        year=year.name,
                    )
                )

    @api.constrains("plan_deviation_reason", "business_plan_line_id")
    def _check_plan_deviation(self):
        self.line_ids.filtered(lambda line: line.level == "company")._check_plan()

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            raise UserError(self.env._("A target tree is created as a draft."))
        for vals in vals_list:
            vals.pop("revision", None)
            if vals.get("fiscal_year_id"):
                self._check_year_open(
                    self.env["sales.qms.fiscal.year"].browse(vals["fiscal_year_id"])
                )
        targets = super().create(vals_list)
        targets._schedule_confirmation()
        for target in targets:
            target.reference = (
                self.env["ir.sequence"]
                .with_company(target.company_id)
                .next_by_code("sales.appraisal.target")
                or target.reference
            )
        return targets

    def write(self, vals):
        if STATE_FIELDS & vals.keys():
            raise UserError(
                self.env._(
                    "The state and revision of a target tree are set by its "
                    "buttons, never written by hand."
                )
            )
        if LOCKED_FIELDS & vals.keys():
            self._check_draft()
        if vals.get("fiscal_year_id"):
            self._check_year_open(
                self.env["sales.qms.fiscal.year"].browse(vals["fiscal_year_id"])
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(target.state == "confirmed" for target in self):
            raise UserError(
                self.env._(
                    "A confirmed target tree cannot be deleted: revise it (with a "
                    "reason), then cancel it."
                )
            )

    def copy(self, default=None):
        # the nodes point to their parents: copy them level by level so the
        # copy's nodes point to the copy's parents
        default = dict(default or {}, line_ids=[])
        new_targets = super().copy(default)
        for target, new_target in zip(self, new_targets, strict=True):
            mapping = {}
            for line in target.line_ids.sorted(
                lambda n: (len(n.parent_path or ""), n.id)
            ):
                mapping[line] = line.copy(
                    {
                        "target_id": new_target.id,
                        "parent_id": mapping[line.parent_id].id
                        if line.parent_id
                        else False,
                        "objective_id": False,
                    }
                )
        return new_targets

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for target, vals in zip(self, vals_list, strict=True):
            vals["name"] = self.env._("%(name)s (copy)", name=target.name)
        return vals_list

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_build_tree(self):
        """Create the company node, a node per sales team of the company that
        has members and a node per member. Nodes already there are kept: run
        twice, it adds only the teams and people that joined since."""
        self._check_manager()
        self._check_draft()
        Line = self.env["sales.appraisal.target.line"]
        for target in self:
            company_node = target.line_ids.filtered(lambda n: n.level == "company")[:1]
            if not company_node:
                company_node = Line.create(
                    {
                        "target_id": target.id,
                        "level": "company",
                        "sequence": 0,
                        "year_target": (
                            target.business_plan_line_id.sudo().planned_value
                        ),
                    }
                )
            teams = self.env["crm.team"].search(
                [
                    ("company_id", "in", [target.company_id.id, False]),
                    ("member_ids", "!=", False),
                ],
                order="sequence, id",
            )
            existing = {
                (line.level, line.team_id, line.user_id) for line in target.line_ids
            }
            team_nodes = {
                line.team_id: line for line in target.line_ids if line.level == "team"
            }
            for sequence, team in enumerate(teams, start=1):
                members = team.member_ids.filtered(
                    lambda u, t=target: t.company_id in u.company_ids and not u.share
                )
                node = team_nodes.get(team)
                if not members and not node:
                    continue
                if not node:
                    node = Line.create(
                        {
                            "target_id": target.id,
                            "level": "team",
                            "parent_id": company_node.id,
                            "team_id": team.id,
                            "sequence": sequence * 10,
                        }
                    )
                Line.create(
                    [
                        {
                            "target_id": target.id,
                            "level": "user",
                            "parent_id": node.id,
                            "team_id": team.id,
                            "user_id": user.id,
                            "sequence": index * 10,
                        }
                        for index, user in enumerate(members, start=1)
                        if ("user", team, user) not in existing
                    ]
                )
        return True

    def action_open_split(self):
        self.ensure_one()
        self._check_manager()
        self._check_draft()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Split Targets"),
            "res_model": "sales.appraisal.target.split",
            "view_mode": "form",
            "target": "new",
            "context": {"default_target_id": self.id},
        }

    def action_compute_working_days(self):
        """Per-working-day trees: fill the months from the daily figures."""
        self._check_manager()
        self._check_draft()
        for target in self:
            if target.target_basis != "per_working_day":
                raise UserError(
                    self.env._(
                        "The tree %(tree)s is not set per working day.",
                        tree=target.name,
                    )
                )
            target._compute_working_day_targets()
        return True

    def action_check_balance(self):
        """Say whether the tree balances, without confirming it (for those
        who set the targets: others see only some of the nodes)."""
        self.ensure_one()
        self._check_manager()
        problem = self._get_imbalance()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if problem else "success",
                "sticky": bool(problem),
                "title": self.env._("Balance Check"),
                "message": problem or self.env._("The target tree balances."),
            },
        }

    def action_confirm(self):
        """Confirm a balanced draft tree: its figures are locked from then on."""
        self._check_manager()
        for target in self:
            if target.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft target tree can be confirmed: %(tree)s is not "
                        "one.",
                        tree=target.name,
                    )
                )
            if not target.line_ids:
                raise UserError(
                    self.env._(
                        "The target tree %(tree)s has no nodes: build it first.",
                        tree=target.name,
                    )
                )
            target.line_ids.filtered(lambda n: n.level == "company")._check_plan()
            problem = target._get_imbalance()
            if problem:
                raise UserError(
                    self.env._(
                        "The target tree does not balance and cannot be confirmed:\n"
                        "%(problem)s",
                        problem=problem,
                    )
                )
        self._write_state({"state": "confirmed"})
        self.activity_feedback([CONFIRM_ACTIVITY])
        return True

    def action_open_revise(self):
        self.ensure_one()
        self._check_manager()
        self._check_confirmed()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Revise Targets"),
            "res_model": "sales.appraisal.target.revise",
            "view_mode": "form",
            "target": "new",
            "context": {"default_target_id": self.id},
        }

    def action_cancel(self):
        """Cancel a draft tree. A confirmed one is revised first (with a
        reason, its figures kept), so cancelling and resetting it never
        changes confirmed targets without a trace."""
        self._check_manager()
        if any(target.state != "draft" for target in self):
            raise UserError(
                self.env._(
                    "Only a draft target tree can be cancelled: revise a confirmed "
                    "one first."
                )
            )
        self._write_state({"state": "cancel"})
        return True

    def action_reset_draft(self):
        """Back to draft from cancelled (a confirmed tree goes through a revision)."""
        self._check_manager()
        if any(target.state != "cancel" for target in self):
            raise UserError(
                self.env._(
                    "Only a cancelled target tree goes back to draft; revise a "
                    "confirmed one."
                )
            )
        self._write_state({"state": "draft"})
        return True

    def action_open_grid(self):
        """The nodes one per line, every figure editable while draft."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_appraisal.sales_appraisal_target_line_action"
        )
        action.update(
            {
                "name": self.display_name,
                "domain": [("target_id", "=", self.id)],
                "context": {"default_target_id": self.id},
            }
        )
        return action

    def action_create_objectives(self):
        """One quality objective per node of a confirmed tree, each month
        measured against the node's month target. Nodes that have one keep
        it: run twice, it creates nothing twice."""
        self._check_manager()
        self._check_confirmed()
        # sales managers set targets but do not create quality objectives by
        # their access rights: done as superuser once checked above
        Objective = self.env["sales.qms.objective"].sudo()
        linked = Objective.with_context(active_test=False).search(
            [("target_line_id", "in", self.line_ids.ids)]
        )
        done = set(linked.target_line_id.ids)
        vals_list, lines = [], []
        for target in self:
            for line in target.line_ids:
                if line.objective_id or line.id in done:
                    continue
                scope_type, scope = line._get_scope()
                owner = line.user_id or line.team_id.user_id or self.env.user
                vals_list.append(
                    {
                        "name": f"{target.name} · {line.display_name}",
                        "company_id": target.company_id.id,
                        "indicator_id": target.indicator_id.id,
                        "fiscal_year_id": target.fiscal_year_id.id,
                        "scope_type": scope_type,
                        "team_id": scope.id if scope_type == "team" else False,
                        "user_id": scope.id if scope_type == "user" else False,
                        "owner_id": owner.id,
                        # the average month: each month is measured against
                        # its own target (_get_month_target)
                        "target": float_round(
                            line.year_target / 12, precision_digits=2
                        ),
                        "target_line_id": line.id,
                    }
                )
                lines.append(line)
        objectives = Objective.create(vals_list)
        for line, objective in zip(lines, objectives, strict=True):
            line.objective_id = objective
        for target, created in objectives.grouped(
            lambda o: o.target_line_id.target_id
        ).items():
            target.message_post(
                body=self.env._(
                    "%(count)s quality objectives created from the target tree.",
                    count=len(created),
                )
            )
        objectives._compute_measurements_safely()
        return self.action_view_objectives()

    def action_view_objectives(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_objective_action"
        )
        action["domain"] = [("target_line_id.target_id", "in", self.ids)]
        action["context"] = {}
        return action

    def action_view_revisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_appraisal.sales_appraisal_target_revision_action"
        )
        action["domain"] = [("target_id", "=", self.id)]
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _schedule_confirmation(self):
        """Ask the current user (the sales manager working on the tree) to
        confirm it, once: a pending request is not repeated."""
        activity_type = self.env.ref(CONFIRM_ACTIVITY)
        for target in self:
            if not target.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ):
                target.activity_schedule(CONFIRM_ACTIVITY, user_id=self.env.uid)

    def _write_state(self, vals):
        """Private: the buttons' own path (``write`` refuses the state)."""
        return super().write(vals)

    def _check_manager(self):
        """Only those who may change the tree (sales managers, by the access
        rights and rules) act on it."""
        self.check_access("write")

    def _check_draft(self):
        for target in self:
            if target.state != "draft":
                raise UserError(
                    self.env._(
                        "The target tree %(tree)s is %(state)s: its figures and "
                        "nodes are locked. Revise it (with a reason) to change them.",
                        tree=target.name,
                        state=dict(
                            target._fields["state"]._description_selection(self.env)
                        )[target.state],
                    )
                )

    def _check_confirmed(self):
        for target in self:
            if target.state != "confirmed":
                raise UserError(
                    self.env._(
                        "The target tree %(tree)s is not confirmed.", tree=target.name
                    )
                )

    @api.model
    def _check_year_open(self, year):
        """A tree is for a year that can still be measured: not ended, not
        with every month closed."""
        today = self.env["sales.qms.objective"]._today(year.company_id)
        if year.date_to < today:
            raise ValidationError(
                self.env._(
                    "The fiscal year %(year)s has ended: no target tree can be set "
                    "for it.",
                    year=year.name,
                )
            )
        periods = year.sudo().period_ids
        if periods and all(period.state == "closed" for period in periods):
            raise ValidationError(
                self.env._(
                    "Every month of the fiscal year %(year)s is closed: no target "
                    "tree can be set for it.",
                    year=year.name,
                )
            )

    @api.model
    def _digits_of(self, indicator):
        """The precision of the figures: counts are whole, amounts 2 decimals."""
        return 0 if indicator.unit == "count" else 2

    def _month_label(self, index):
        """The calendar month of the fiscal year's month ``index`` (0-based),
        as the user's language names it (3月, Mar)."""
        self.ensure_one()
        month = self.fiscal_year_id.date_from + relativedelta(months=index)
        return format_date(self.env, month, date_format="MMM")

    def _format_figure(self, value):
        self.ensure_one()
        return formatLang(self.env, value, digits=self._digits_of(self.indicator_id))

    def _get_imbalance(self):
        """The first row that does not balance, in words, or False.

        First each node on its own (a quarter's months to the quarter, the
        quarters to the year), top down; then each parent against its children
        (months, quarters, year), top down: the first message points to the
        cell that was typed rather than to the totals it upset.
        """
        self.ensure_one()
        digits = self._digits_of(self.indicator_id)
        lines = self.line_ids.sorted(
            lambda n: ({"company": 0, "team": 1, "user": 2}[n.level], n.sequence, n.id)
        )

        def problem(line, fname, found, expected, message):
            if float_compare(found, expected, precision_digits=digits) == 0:
                return False
            return message % {
                "node": line.display_name,
                "column": line._column_label(fname),
                "found": self._format_figure(found),
                "expected": self._format_figure(expected),
                "difference": self._format_figure(abs(expected - found)),
            }

        for line in lines:
            for index, quarter in enumerate(QUARTER_FIELDS):
                months = MONTH_FIELDS[index * 3 : index * 3 + 3]
                found = problem(
                    line,
                    quarter,
                    sum(line[m] for m in months),
                    line[quarter],
                    self.env._(
                        "%(node)s %(column)s: months total %(found)s, expected "
                        "%(expected)s (difference %(difference)s)"
                    ),
                )
                if found:
                    return found
            found = problem(
                line,
                "year_target",
                sum(line[q] for q in QUARTER_FIELDS),
                line.year_target,
                self.env._(
                    "%(node)s %(column)s: quarters total %(found)s, expected "
                    "%(expected)s (difference %(difference)s)"
                ),
            )
            if found:
                return found
        # the most precise cell first: a month, then a quarter, then the year
        columns = [*MONTH_FIELDS, *QUARTER_FIELDS, "year_target"]
        for line in lines.filtered("child_ids"):
            for fname in columns:
                found = problem(
                    line,
                    fname,
                    sum(line.child_ids.mapped(fname)),
                    line[fname],
                    self.env._(
                        "%(node)s %(column)s: children total %(found)s, expected "
                        "%(expected)s (difference %(difference)s)"
                    ),
                )
                if found:
                    return found
        return False

    @api.model
    def _split_amount(self, total, weights, digits):
        """``total`` in parts proportional to ``weights`` (even when they are
        all zero), rounded to ``digits``; the last part takes the remainder so
        the parts add up to the total exactly."""
        weights = list(weights)
        if not weights:
            return []
        if float_is_zero(sum(weights), precision_digits=6):
            weights = [1.0] * len(weights)
        whole = sum(weights)
        parts = [
            float_round(total * weight / whole, precision_digits=digits)
            for weight in weights[:-1]
        ]
        parts.append(float_round(total - sum(parts), precision_digits=digits))
        return parts

    def _history_by_scope(self, scope_type, scope_ids):
        """Last fiscal year's monthly values of the tree's indicator:
        ``{scope_id: [12 values]}``, month 1 being the first month of the
        year before this fiscal year. One engine call."""
        self.ensure_one()
        if not scope_ids:
            return {}
        start = self.fiscal_year_id.date_from - relativedelta(years=1)
        stop = self.fiscal_year_id.date_from - timedelta(days=1)
        starts = month_starts(start, stop)
        values = self.indicator_id.sudo()._compute_values(
            start, stop, scope_type, list(scope_ids), company_ids=self.company_id.ids
        )
        history = {scope_id: [0.0] * 12 for scope_id in scope_ids}
        for (_indicator, month, scope_id), (value, _num, _den) in values.items():
            if scope_id in history and month in starts:
                history[scope_id][starts.index(month)] += value or 0.0
        return history

    def _split_time(self, lines, method):
        """Year → quarters → months of ``lines``: even, or seasonal (last
        year's monthly shape of each node's scope; even without history).
        Quarters take the year by their share, months their quarter by their
        share in it; the last quarter and the last month of each quarter take
        the remainder."""
        self.ensure_one()
        digits = self._digits_of(self.indicator_id)
        shapes = {}
        if method == "seasonal":
            by_scope_type = defaultdict(list)
            for line in lines:
                scope_type, scope = line._get_scope()
                by_scope_type[scope_type].append(scope.id)
            history = {
                scope_type: self._history_by_scope(scope_type, ids)
                for scope_type, ids in by_scope_type.items()
            }
            for line in lines:
                scope_type, scope = line._get_scope()
                shapes[line] = history[scope_type].get(scope.id)
        for line in lines:
            shape = shapes.get(line) or [1.0] * 12
            quarters = self._split_amount(
                line.year_target,
                [sum(shape[index * 3 : index * 3 + 3]) for index in range(4)],
                digits,
            )
            months = []
            for index, quarter in enumerate(quarters):
                months += self._split_amount(
                    quarter, shape[index * 3 : index * 3 + 3], digits
                )
            line.write(line._figures_from_months(months))

    def _child_weights(self, parent, method):
        """The weights of ``parent``'s children: equal, their own weights, or
        their values of the indicator last fiscal year (equal without any)."""
        children = parent.child_ids.sorted(lambda n: (n.sequence, n.id))
        if method == "weight":
            if float_is_zero(sum(children.mapped("weight")), precision_digits=6):
                raise UserError(
                    self.env._(
                        "Give the nodes under %(node)s their weights before "
                        "splitting by weight.",
                        node=parent.display_name,
                    )
                )
            return children, children.mapped("weight")
        if method == "last_year":
            scope_type = "user" if children[:1].level == "user" else "team"
            history = self._history_by_scope(
                scope_type, [child._get_scope()[1].id for child in children]
            )
            return children, [
                sum(history.get(child._get_scope()[1].id, [0.0])) for child in children
            ]
        return children, [1.0] * len(children)

    def _split_children(self, parent, method):
        """Split ``parent``'s target to its children so that they add up to it
        in every column: the year by the weights (remainder on the last child),
        each child but the last spreads its year over the months in the
        parent's shape, the last child takes what remains of each month.
        Quarters and years are the sums of the months."""
        self.ensure_one()
        parent._raise_if_no_children()
        digits = self._digits_of(self.indicator_id)
        children, weights = self._child_weights(parent, method)
        years = self._split_amount(parent.year_target, weights, digits)
        parent_months = [parent[m] for m in MONTH_FIELDS]
        if float_is_zero(sum(parent_months), precision_digits=digits):
            # the parent has no months yet: only the year is split
            for child, year in zip(children, years, strict=True):
                child.write(
                    dict.fromkeys([*QUARTER_FIELDS, *MONTH_FIELDS], 0.0)
                    | {"year_target": year}
                )
            return
        given = [0.0] * 12
        for child, year in zip(children[:-1], years[:-1], strict=True):
            months = self._split_amount(year, parent_months, digits)
            given = [a + b for a, b in zip(given, months, strict=True)]
            child.write(child._figures_from_months(months))
        last = [
            float_round(total - part, precision_digits=digits)
            for total, part in zip(parent_months, given, strict=True)
        ]
        if any(value < 0 for value in last):
            raise UserError(
                self.env._(
                    "%(node)s cannot be split by these weights without a negative "
                    "month: give it its months first.",
                    node=parent.display_name,
                )
            )
        children[-1].write(children[-1]._figures_from_months(last))

    def _split(
        self, node, split_time, time_method, split_children, child_method, recursive
    ):
        """The split wizard's work, from ``node`` (the company node for the
        whole tree) down."""
        self.ensure_one()
        self._check_manager()
        self._check_draft()
        if split_time:
            self._split_time(node, time_method)
        if split_children:
            parents = node
            while parents:
                for parent in parents:
                    self._split_children(parent, child_method)
                parents = (
                    parents.child_ids.filtered("child_ids") if recursive else False
                )
        self.message_post(
            body=self.env._("Targets split from %(node)s.", node=node.display_name)
        )

    def _working_days(self, users):
        """``{user_id: [working days of each month of the fiscal year]}``:
        days with working time in the person's calendar (their employee's in
        the tree's company, else the company's), public holidays (leaves of
        the calendar without resource) and their own leaves excluded. One
        computation per calendar for the whole year, however many people."""
        self.ensure_one()
        year = self.fiscal_year_id
        starts = month_starts(year.date_from, year.date_to)
        # only day counts leave this method: read the working calendars
        # whatever the manager's HR rights
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("user_id", "in", users.ids), ("company_id", "=", self.company_id.id)]
            )
        )
        employee_of = {}
        for employee in employees:
            employee_of.setdefault(employee.user_id.id, employee)
        company_calendar = self.company_id.sudo().resource_calendar_id
        groups = defaultdict(list)
        for user in users:
            employee = employee_of.get(user.id)
            calendar = (employee and employee.resource_calendar_id) or company_calendar
            if not calendar:
                raise UserError(
                    self.env._(
                        "%(company)s has no working calendar: set one to count the "
                        "working days.",
                        company=self.company_id.name,
                    )
                )
            groups[calendar].append((user, employee.resource_id if employee else False))
        # a day of margin on each side: the calendars' timezones shift the days
        start_dt = pytz.utc.localize(
            datetime.combine(year.date_from - timedelta(days=1), time.min)
        )
        stop_dt = pytz.utc.localize(
            datetime.combine(year.date_to + timedelta(days=2), time.min)
        )
        result = {}
        for calendar, people in groups.items():
            resources = (
                self.env["resource.resource"]
                .sudo()
                .browse({resource.id for _user, resource in people if resource})
            )
            intervals = calendar.sudo()._work_intervals_batch(
                start_dt, stop_dt, resources=resources
            )
            for user, resource in people:
                days = {
                    start.date()
                    for start, _stop, _meta in intervals[
                        resource.id if resource else False
                    ]
                }
                counts = [0] * 12
                for day in days:
                    if year.date_from <= day <= year.date_to:
                        counts[starts.index(day.replace(day=1))] += 1
                result[user.id] = counts
        return result

    def _compute_working_day_targets(self):
        """Per working day: each salesperson's month = their daily figure (or
        their team's, or the company's) × their working days in the month;
        teams and the company are the sums of their nodes."""
        self.ensure_one()
        Line = self.env["sales.appraisal.target.line"]

        def daily(line):
            while line and not line.daily_target:
                line = line.parent_id
            return line.daily_target if line else 0.0

        user_lines = self.line_ids.filtered(lambda n: n.level == "user")
        days = self._working_days(user_lines.user_id)
        for line in user_lines:
            line.write(
                Line._figures_from_months(
                    [daily(line) * count for count in days[line.user_id.id]]
                )
            )
        for level in ("team", "company"):
            for line in self.line_ids.filtered(lambda n, lv=level: n.level == lv):
                if line.child_ids:
                    months = [sum(line.child_ids.mapped(m)) for m in MONTH_FIELDS]
                    line.write(Line._figures_from_months(months))

    def _revise(self, reason):
        """Keep every node's figures in a revision, then reopen the tree."""
        self._check_manager()
        self._check_confirmed()
        Revision = self.env["sales.appraisal.target.revision"]
        for target in self:
            Revision.create(
                {
                    "target_id": target.id,
                    "revision": target.revision,
                    "reason": reason,
                    "line_ids": [
                        Command.create(
                            {
                                "sequence": sequence,
                                "node_id": line.id,
                                "name": line.node_label,
                                "level": line.level,
                                "team_id": line.team_id.id,
                                "user_id": line.user_id.id,
                                **line._get_figures(),
                            }
                        )
                        for sequence, line in enumerate(target.line_ids)
                    ],
                }
            )
            target._write_state({"state": "draft", "revision": target.revision + 1})
            target._schedule_confirmation()
            target.message_post(
                body=self.env._(
                    "Revision %(revision)s opened: %(reason)s",
                    revision=target.revision,
                    reason=reason,
                )
            )
