from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round

MONTH_FIELDS = [f"month_{n:02d}" for n in range(1, 13)]
QUARTER_FIELDS = [f"quarter_{n}" for n in range(1, 5)]
FIGURE_FIELDS = ["year_target", *QUARTER_FIELDS, *MONTH_FIELDS]
# What shapes the tree: locked with the figures once the tree is confirmed.
STRUCTURE_FIELDS = {"target_id", "parent_id", "level", "team_id", "user_id"}
LOCKED_FIELDS = {*FIGURE_FIELDS, *STRUCTURE_FIELDS, "weight", "daily_target"}
LEVEL_DEPTH = {"company": 0, "team": 1, "user": 2}


class SalesAppraisalTargetLine(models.Model):
    """A node of a target tree: the company, a sales team or a salesperson,
    with its year target, its four quarter targets and its twelve month
    targets (``month_01`` is the first month of the fiscal year).

    Balanced means: children sum to their parent (year, quarters, months),
    the quarters to the year, and each quarter's months to the quarter.
    """

    _name = "sales.appraisal.target.line"
    _description = "Sales Target Node"
    _parent_store = True
    _order = "target_id, parent_path, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    target_id = fields.Many2one(
        "sales.appraisal.target", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="target_id.company_id", store=True, index=True, precompute=True
    )
    fiscal_year_id = fields.Many2one(
        related="target_id.fiscal_year_id", store=True, index=True, precompute=True
    )
    indicator_id = fields.Many2one(
        related="target_id.indicator_id", store=True, index=True, precompute=True
    )
    state = fields.Selection(related="target_id.state", store=True, precompute=True)
    parent_id = fields.Many2one(
        "sales.appraisal.target.line",
        string="Parent Node",
        index=True,
        ondelete="cascade",
        domain="[('target_id', '=', target_id)]",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "sales.appraisal.target.line", "parent_id", string="Children"
    )
    sequence = fields.Integer(default=10)
    level = fields.Selection(
        [("company", "Company"), ("team", "Sales Team"), ("user", "Salesperson")],
        required=True,
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", index=True, check_company=True
    )
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    weight = fields.Float(
        digits=(16, 4),
        help="Share of the parent's target when splitting by weight.",
    )
    year_target = fields.Float(string="Year", digits=(16, 2), aggregator="sum")
    quarter_1 = fields.Float(string="Q1", digits=(16, 2), aggregator="sum")
    quarter_2 = fields.Float(string="Q2", digits=(16, 2), aggregator="sum")
    quarter_3 = fields.Float(string="Q3", digits=(16, 2), aggregator="sum")
    quarter_4 = fields.Float(string="Q4", digits=(16, 2), aggregator="sum")
    month_01 = fields.Float(
        string="M1",
        digits=(16, 2),
        aggregator="sum",
        help="First month of the fiscal year (January for a calendar year).",
    )
    month_02 = fields.Float(
        string="M2",
        digits=(16, 2),
        aggregator="sum",
        help="Second month of the fiscal year.",
    )
    month_03 = fields.Float(
        string="M3",
        digits=(16, 2),
        aggregator="sum",
        help="Third month of the fiscal year.",
    )
    month_04 = fields.Float(
        string="M4",
        digits=(16, 2),
        aggregator="sum",
        help="Fourth month of the fiscal year.",
    )
    month_05 = fields.Float(
        string="M5",
        digits=(16, 2),
        aggregator="sum",
        help="Fifth month of the fiscal year.",
    )
    month_06 = fields.Float(
        string="M6",
        digits=(16, 2),
        aggregator="sum",
        help="Sixth month of the fiscal year.",
    )
    month_07 = fields.Float(
        string="M7",
        digits=(16, 2),
        aggregator="sum",
        help="Seventh month of the fiscal year.",
    )
    month_08 = fields.Float(
        string="M8",
        digits=(16, 2),
        aggregator="sum",
        help="Eighth month of the fiscal year.",
    )
    month_09 = fields.Float(
        string="M9",
        digits=(16, 2),
        aggregator="sum",
        help="Ninth month of the fiscal year.",
    )
    month_10 = fields.Float(
        string="M10",
        digits=(16, 2),
        aggregator="sum",
        help="Tenth month of the fiscal year.",
    )
    month_11 = fields.Float(
        string="M11",
        digits=(16, 2),
        aggregator="sum",
        help="Eleventh month of the fiscal year.",
    )
    month_12 = fields.Float(
        string="M12",
        digits=(16, 2),
        aggregator="sum",
        help="Last month of the fiscal year (December for a calendar year).",
    )
    daily_target = fields.Float(
        string="Per Working Day",
        digits=(16, 2),
        help="Per-working-day trees: the figure of one working day. A "
        "salesperson's month target is this figure times their working days "
        "in the month; a node without one takes its parent's.",
    )
    node_label = fields.Char(
        string="Node",
        compute="_compute_node_label",
        help="The node's name, indented by its level in the tree.",
    )
    objective_id = fields.Many2one(
        "sales.qms.objective",
        string="Quality Objective",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The quality objective measuring this node, made from the confirmed tree.",
    )

    _sql_constraints = [
        (
            "node_uniq",
            "UNIQUE NULLS NOT DISTINCT (target_id, level, team_id, user_id)",
            "A team or a salesperson appears only once at a level of a target tree.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("level", "team_id", "user_id", "company_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for line in self:
            if line.level == "user":
                line.display_name = line.user_id.name or ""
            elif line.level == "team":
                line.display_name = line.team_id.name or ""
            else:
                line.display_name = line.company_id.name or ""

    @api.depends("display_name", "level")
    @api.depends_context("lang")
    def _compute_node_label(self):
        # full-width spaces: they survive the list's whitespace collapsing
        for line in self:
            line.node_label = "\u3000\u3000" * LEVEL_DEPTH.get(line.level, 0) + (
                line.display_name or ""
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains(*FIGURE_FIELDS, "daily_target", "weight")
    def _check_not_negative(self):
        for line in self:
            for fname in [*FIGURE_FIELDS, "daily_target", "weight"]:
                if line[fname] < 0:
                    raise ValidationError(
                        self.env._(
                            "Targets cannot be negative: %(node)s, %(column)s is "
                            "%(value)s.",
                            node=line.display_name,
                            column=line._column_label(fname),
                            value=line[fname],
                        )
                    )

    @api.constrains("level", "parent_id", "team_id", "user_id", "target_id")
    def _check_structure(self):
        """Company → sales teams → salespeople, in one tree."""
        for line in self:
            parent = line.parent_id
            if parent and parent.target_id != line.target_id:
                raise ValidationError(
                    self.env._("A node and its parent belong to the same target tree.")
                )
            expected_parent_level = {
                "company": False,
                "team": "company",
                "user": "team",
            }
            if (parent.level or False) != expected_parent_level[line.level]:
                raise ValidationError(
                    self.env._(
                        "%(node)s: the company node is the root of the tree, a sales "
                        "team sits under the company and a salesperson under a "
                        "sales team.",
                        node=line.display_name or line.level,
                    )
                )
            if line.level in ("team", "user") and not line.team_id:
                raise ValidationError(
                    self.env._("A team or salesperson node needs its sales team.")
                )
            if line.level == "user" and (
                not line.user_id or line.team_id != parent.team_id
            ):
                raise ValidationError(
                    self.env._(
                        "A salesperson node needs the salesperson, in the sales "
                        "team of its parent node."
                    )
                )

    @api.constrains("year_target", "level")
    def _check_plan(self):
        """The company's year target departs from the annual business plan's
        figure only with a reason."""
        for line in self.filtered(lambda n: n.level == "company"):
            target = line.target_id
            plan_line = target.business_plan_line_id.sudo()
            if (
                plan_line
                and float_compare(
                    line.year_target, plan_line.planned_value, precision_digits=2
                )
                != 0
                and not (target.plan_deviation_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "The company's year target %(value)s differs from the annual "
                        "business plan's %(plan)s: give the reason for departing "
                        "from the plan.",
                        value=target._format_figure(line.year_target),
                        plan=target._format_figure(plan_line.planned_value),
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        targets = self.env["sales.appraisal.target"].browse(
            {vals["target_id"] for vals in vals_list if vals.get("target_id")}
        )
        targets._check_draft()
        for vals in vals_list:
            # a salesperson's node is in the sales team of its parent
            if vals.get("parent_id") and not vals.get("team_id"):
                vals["team_id"] = self.browse(vals["parent_id"]).team_id.id
        return super().create(vals_list)

    def write(self, vals):
        # figures and structure of a confirmed tree change only through a
        # revision, whoever writes and whatever the context says
        if LOCKED_FIELDS & vals.keys():
            self.target_id._check_draft()
            if "target_id" in vals:
                self.env["sales.appraisal.target"].browse(
                    vals["target_id"]
                )._check_draft()
        # a revised tree tells in its chatter what changed since the revision
        tracked = [fname for fname in FIGURE_FIELDS if fname in vals]
        revised = self.filtered(lambda n: n.target_id.revision) if tracked else self
        before = {line: {fname: line[fname] for fname in tracked} for line in revised}
        result = super().write(vals)
        if before:
            revised._post_figure_changes(before)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self.target_id.exists()._check_draft()

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _post_figure_changes(self, before):
        """Log on each tree the figures changed: node, column, old → new."""
        for target, lines in self.grouped("target_id").items():
            changes = [
                self.env._(
                    "%(node)s %(column)s: %(old)s → %(new)s",
                    node=line.display_name,
                    column=line._column_label(fname),
                    old=target._format_figure(old),
                    new=target._format_figure(line[fname]),
                )
                for line in lines
                for fname, old in before[line].items()
                if float_compare(old, line[fname], precision_digits=2)
            ]
            if changes:
                target.message_post(
                    body=Markup("<br/>").join(changes),
                    subtype_xmlid="mail.mt_note",
                )

    def _column_label(self, fname):
        """What a user calls a column: Year, Q1, M3 (with its calendar month)."""
        self.ensure_one()
        if fname in MONTH_FIELDS:
            return self.target_id._month_label(MONTH_FIELDS.index(fname))
        return self._fields[fname]._description_string(self.env)

    def _get_scope(self):
        """The engine's scope type and record of this node."""
        self.ensure_one()
        if self.level == "user":
            return "user", self.user_id
        if self.level == "team":
            return "team", self.team_id
        return "company", self.company_id

    def _get_figures(self):
        """``{column: value}`` of the node's figures."""
        self.ensure_one()
        return {fname: self[fname] for fname in FIGURE_FIELDS}

    @api.model
    def _figures_from_months(self, months):
        """Quarters and year as the sums of twelve month values."""
        figures = dict(zip(MONTH_FIELDS, months, strict=True))
        for index, fname in enumerate(QUARTER_FIELDS):
            figures[fname] = sum(months[index * 3 : index * 3 + 3])
        figures["year_target"] = sum(months)
        return self._rounded(figures)

    def _rounded(self, figures):
        digits = self.env["sales.appraisal.target"]._digits_of(self.indicator_id)
        return {
            fname: float_round(value, precision_digits=digits)
            for fname, value in figures.items()
        }

    def _raise_if_no_children(self):
        for line in self:
            if not line.child_ids:
                raise UserError(
                    self.env._(
                        "%(node)s has no nodes under it to split its target to.",
                        node=line.display_name,
                    )
                )
