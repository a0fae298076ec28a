from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.sales_qms.models.sales_qms_indicator import month_starts

# targets refreshed per batch of the scheduled action
REFRESH_BATCH_SIZE = 20
# rows per INSERT of the upsert (the parameters of one statement are bounded)
UPSERT_CHUNK_SIZE = 2000
ACHIEVEMENT_COLUMNS = [
    "line_id",
    "target_id",
    "company_id",
    "fiscal_year_id",
    "indicator_id",
    "level",
    "team_id",
    "user_id",
    "month",
    "month_index",
    "quarter",
    "target",
    "actual",
    "numerator",
    "denominator",
    "rate",
    "is_met",
]


class SalesAppraisalTarget(models.Model):
    # achievements and the breakdown table in a file of their own: the tree
    # itself (splitting, balance, confirmation) lives in sales_appraisal_target.py
    _inherit = "sales.appraisal.target"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    achievement_ids = fields.One2many(
        "sales.appraisal.achievement", "target_id", string="Achievements"
    )
    achievement_count = fields.Integer(compute="_compute_achievement_count")
    achievement_date = fields.Datetime(
        string="Achievements Refreshed On",
        readonly=True,
        copy=False,
        help="When the actuals of the tree were last measured by the indicator engine.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_achievement_count(self):
        counts = dict(
            self.env["sales.appraisal.achievement"]._read_group(
                [("target_id", "in", self.ids)], ["target_id"], ["__count"]
            )
        )
        for target in self:
            target.achievement_count = counts.get(target, 0)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_refresh_achievements(self):
        """Measure the actuals of the trees now (managers of the trees)."""
        # the rows are written by the engine's figures, not by the user: the
        # right to change the trees is the right to refresh them
        self.check_access("write")
        self.sudo()._refresh_achievements()
        return True

    def action_view_achievements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_appraisal.sales_appraisal_achievement_action"
        )
        action["domain"] = [("target_id", "=", self.id)]
        action["context"] = {"search_default_group_by_level": 1}
        return action

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("target_breakdown", self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_achievement_months(self):
        """The (at most twelve) months of the fiscal year: ``month_01`` is
        the first one."""
        self.ensure_one()
        return month_starts(self.date_from, self.date_to)[:12]

    def _refresh_achievements(self):
        """Measure every node of the trees for every month of their fiscal
        year through the indicator engine, and upsert one achievement per
        (node, month).

        Per tree: one engine query per level (company, teams, salespeople,
        all nodes of a level at once), one upsert, one clean-up; whatever
        the number of nodes, months or measured records. Running it twice
        changes nothing.
        """
        targets = self.filtered(lambda target: target.state != "cancel")
        if not targets:
            return
        targets.line_ids.fetch(
            ["level", "team_id", "user_id", "parent_id", "company_id"]
            + [f"month_{index:02d}" for index in range(1, 13)]
        )
        Achievement = self.env["sales.appraisal.achievement"]
        rows = []
        for target in targets:
            rows.extend(target._achievement_rows())
        self.env.flush_all()
        for start in range(0, len(rows), UPSERT_CHUNK_SIZE):
            self._upsert_achievements(rows[start : start + UPSERT_CHUNK_SIZE])
        # rows of months outside the fiscal year (its dates changed); rows of
        # removed nodes went with them (ondelete cascade)
        self.env.cr.execute(
            SQL(
                """DELETE FROM sales_appraisal_achievement achievement
                         USING sales_appraisal_target target,
                               sales_qms_fiscal_year year
                         WHERE achievement.target_id IN %(targets)s
                           AND target.id = achievement.target_id
                           AND year.id = target.fiscal_year_id
                           AND (achievement.month < date_trunc('month', year.date_from)
                                OR achievement.month > year.date_to)""",
                targets=tuple(targets.ids),
            )
        )
        Achievement.invalidate_model()
        targets.achievement_date = fields.Datetime.now()

    def _achievement_rows(self):
        """The achievement rows of one tree, as tuples of ``ACHIEVEMENT_COLUMNS``."""
        self.ensure_one()
        months = self._get_achievement_months()
        indicator = self.indicator_id
        spec = indicator._get_source_spec()
        nodes_by_scope = defaultdict(list)
        for line in self.line_ids:
            scope_type, scope = line._get_scope()
            scope_id = scope.id
            nodes_by_scope[scope_type].append((line, scope_id))
        values = {}
        for scope_type, nodes in nodes_by_scope.items():
            scope_ids = sorted({scope_id for _line, scope_id in nodes if scope_id})
            if scope_ids and scope_type in spec["scope_fields"] | {"company": True}:
                values[scope_type] = indicator._compute_values(
                    months[0],
                    months[-1] + relativedelta(months=1, days=-1),
                    scope_type,
                    scope_ids,
                    company_ids=[self.company_id.id],
                )
        Achievement = self.env["sales.appraisal.achievement"]
        rows = []
        for scope_type, nodes in nodes_by_scope.items():
            scope_values = values.get(scope_type, {})
            for line, scope_id in nodes:
                team = line.team_id or line.parent_id.team_id
                for index, month in enumerate(months, start=1):
                    value, numerator, denominator = scope_values.get(
                        (indicator.id, month, scope_id), (0.0, 0.0, 0.0)
                    )
                    actual = value or 0.0
                    target = Achievement._month_target(line, index)
                    rate, met = Achievement._rate_and_met(
                        target, actual, indicator.direction
                    )
                    rows.append(
                        (
                            line.id,
                            self.id,
                            line.company_id.id,
                            self.fiscal_year_id.id,
                            indicator.id,
                            line.level,
                            team.id or None,
                            line.user_id.id or None,
                            month,
                            index,
                            f"q{(index - 1) // 3 + 1}",
                            target,
                            actual,
                            numerator,
                            denominator,
                            rate,
                            met,
                        )
                    )
        return rows

    @api.model
    def _upsert_achievements(self, rows):
        """Insert or update achievement rows in one statement, keyed by the
        unique (node, month)."""
        if not rows:
            return
        uid = self.env.uid
        now = fields.Datetime.now()
        columns = [
            *ACHIEVEMENT_COLUMNS,
            "create_uid",
            "create_date",
            "write_uid",
            "write_date",
        ]
        updated = [
            column
            for column in ACHIEVEMENT_COLUMNS
            if column not in ("line_id", "month")
        ]
        self.env.cr.execute(
            SQL(
                """INSERT INTO sales_appraisal_achievement (%(columns)s)
                   VALUES %(values)s
                   ON CONFLICT (line_id, month) DO UPDATE SET %(updates)s""",
                columns=SQL(", ").join(SQL.identifier(column) for column in columns),
                values=SQL(", ").join(
                    SQL("(%s)", SQL(", ").join([*row, uid, now, uid, now]))
                    for row in rows
                ),
                updates=SQL(", ").join(
                    SQL(
                        "%s = EXCLUDED.%s",
                        SQL.identifier(column),
                        SQL.identifier(column),
                    )
                    for column in [*updated, "write_uid", "write_date"]
                ),
            )
        )

    @api.model
    def _cron_refresh_achievements(self):
        """Daily: refresh the confirmed trees of the current and the last
        fiscal year, by batches; a tree refreshed today is skipped, so a run
        interrupted resumes where it stopped and a second run adds nothing."""
        today = fields.Date.context_today(self)
        day_start = fields.Datetime.to_datetime(today)
        domain = [
            ("state", "=", "confirmed"),
            ("fiscal_year_id.date_from", "<=", today),
            ("fiscal_year_id.date_to", ">=", today - relativedelta(years=1)),
            "|",
            ("achievement_date", "=", False),
            ("achievement_date", "<", day_start),
        ]
        targets = self.search(domain, limit=REFRESH_BATCH_SIZE)
        targets._refresh_achievements()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(targets), remaining=remaining)

    def _tree_order(self):
        """``[(node, depth)]`` depth first, children by sequence then id."""
        self.ensure_one()
        children = defaultdict(list)
        for line in self.line_ids.sorted(lambda line: (line.sequence, line.id)):
            children[line.parent_id.id].append(line)
        ordered = []

        def visit(parent_id, depth):
            for line in children[parent_id]:
                ordered.append((line, depth))
                visit(line.id, depth + 1)

        visit(False, 0)
        return ordered

    def _xlsx_target_breakdown(self):
        """销售目标分解表: one sheet per tree, one row per node (indented by
        its depth), its year, quarter and month targets, and per month the
        actual and the achievement rate, as numbers."""
        achievements = self.env["sales.appraisal.achievement"].search_read(
            [("target_id", "in", self.ids)],
            ["line_id", "month_index", "actual", "rate"],
            load=None,
        )
        measured = {
            (row["line_id"], row["month_index"]): (row["actual"], row["rate"])
            for row in achievements
        }
        level_labels = dict(
            self.env["sales.appraisal.target.line"]
            ._fields["level"]
            ._description_selection(self.env)
        )
        sheets = []
        for target in self:
            months = target._get_achievement_months()
            number_type = "amount" if target.unit == "amount" else "number"
            columns = [
                {"label": self.env._("Node"), "width": 28},
                {"label": self.env._("Level"), "width": 10},
                {"label": self.env._("Year Target"), "width": 14, "type": number_type},
                *(
                    {"label": f"Q{quarter}", "width": 12, "type": number_type}
                    for quarter in range(1, 5)
                ),
            ]
            for index, month in enumerate(months, start=1):
                label = f"M{index} ({month:%Y-%m})"
                columns += [
                    {
                        "label": self.env._("%(month)s Target", month=label),
                        "width": 12,
                        "type": number_type,
                    },
                    {
                        "label": self.env._("%(month)s Actual", month=label),
                        "width": 12,
                        "type": number_type,
                    },
                    {
                        "label": self.env._("%(month)s Achievement", month=label),
                        "width": 10,
                        "type": "percent",
                    },
                ]

            def rows(target=target, months=months):
                for line, depth in target._tree_order():
                    row = [
                        "    " * depth + (line.display_name or ""),
                        level_labels.get(line.level, ""),
                        line.year_target,
                        line.quarter_1,
                        line.quarter_2,
                        line.quarter_3,
                        line.quarter_4,
                    ]
                    for index in range(1, len(months) + 1):
                        actual, rate = measured.get((line.id, index), (None, None))
                        month_target = line[f"month_{index:02d}"]
                        row += [
                            month_target,
                            actual,
                            rate if month_target else None,
                        ]
                    yield row

            refreshed = (
                fields.Datetime.context_timestamp(self, target.achievement_date)
                if target.achievement_date
                else None
            )
            sheets.append(
                {
                    "name": target.name,
                    "title": self.env._(
                        "Sales Target Breakdown: %(name)s", name=target.name
                    ),
                    "subtitle": self.env._(
                        "%(year)s · %(metric)s · actuals measured on %(date)s",
                        year=target.fiscal_year_id.display_name,
                        metric=target.indicator_id.display_name,
                        date=refreshed.strftime("%Y-%m-%d %H:%M")
                        if refreshed
                        else self.env._("(never)"),
                    ),
                    "columns": columns,
                    "rows": rows(),
                }
            )
        title = self.env._("Sales Target Breakdown")
        content = self.env["sales.qms.xlsx"]._render_table(sheets, title=title)
        return "sales_target_breakdown.xlsx", content
