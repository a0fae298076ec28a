from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from .sales_qms_objective import COMPARISONS

# 完成率 is printed as a percentage with one decimal.
RATE_FORMAT = '0.0"%"'


class SalesQmsAchievementReport(models.Model):
    """质量目标完成情况表: the quality objectives of a fiscal year month by
    month up to a closed month, as the company files it — form number and
    revision, per month the actual, 完成率 and 达成/未达成, the year target
    beside the year actual, corrected months marked — signed off 编制 / 审核
    / 批准 like every controlled record.

    The same table is exported from the objectives list, then with blank
    signature lines (``_achievement_sheets``).
    """

    _name = "sales.qms.achievement.report"
    _description = "Quality Objectives Achievement Report"
    # the sign-off first: its write guard runs before the tracking of mail.thread
    _inherit = ["sales.qms.signoff.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    fiscal_year_id = fields.Many2one(
        "sales.qms.fiscal.year",
        required=True,
        check_company=True,
        tracking=True,
    )
    period_id = fields.Many2one(
        "sales.qms.period",
        string="Up to Month",
        required=True,
        check_company=True,
        tracking=True,
        domain="[('fiscal_year_id', '=', fiscal_year_id)]",
        help="The last month the report covers; every month up to it must be "
        "closed before the report is prepared, so its figures never move.",
    )
    date_to = fields.Date(related="period_id.date_to", store=True)
    objective_ids = fields.Many2many(
        "sales.qms.objective",
        string="Quality Objectives",
        check_company=True,
        compute="_compute_objective_ids",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('fiscal_year_id', '=', fiscal_year_id)]",
    )
    form_number = fields.Char(
        compute="_compute_form",
        store=True,
        readonly=False,
        precompute=True,
        help="The number of the form in the company's document system (表单编号).",
    )
    form_revision = fields.Char(
        compute="_compute_form",
        store=True,
        readonly=False,
        precompute=True,
    )
    analysis = fields.Html(
        help="What the figures say: objectives not met, their causes and actions."
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("fiscal_year_id", "period_id")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "Quality Objectives Achievement %(year)s (to %(month)s)",
                year=report.fiscal_year_id.name or "",
                month=report.period_id.name or "",
            )

    @api.depends("fiscal_year_id")
    def _compute_objective_ids(self):
        for report in self:
            report.objective_ids = self.env["sales.qms.objective"].search(
                [
                    ("fiscal_year_id", "=", report.fiscal_year_id.id),
                    ("company_id", "=", report.company_id.id),
                ]
            )

    @api.depends("company_id")
    def _compute_form(self):
        for report in self:
            report.form_number = report.company_id.qms_achievement_form_number
            report.form_revision = report.company_id.qms_achievement_form_revision

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("achievement_report", self)

    def action_print(self):
        return self.env.ref(
            "sales_qms.action_report_sales_qms_achievement_report"
        ).report_action(self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _signoff_check_ready(self):
        """Prepared over closed months only: the signed figures are frozen."""
        for report in self:
            if not report.objective_ids:
                raise UserError(
                    self.env._("%(report)s lists no objective.", report=report.name)
                )
            open_months = report._periods().filtered(lambda p: p.state != "closed")
            if open_months:
                raise UserError(
                    self.env._(
                        "Close %(months)s before preparing %(report)s: a signed "
                        "report shows figures that no longer change.",
                        months=", ".join(open_months.mapped("name")),
                        report=report.name,
                    )
                )
        return super()._signoff_check_ready()

    def _signoff_report_xmlid(self):
        return "sales_qms.action_report_sales_qms_achievement_report"

    def _periods(self):
        """The months the report covers, in order."""
        self.ensure_one()
        return self.fiscal_year_id.period_ids.filtered(
            lambda p: p.date_from <= self.period_id.date_from
        ).sorted("date_from")

    def _xlsx_achievement_report(self):
        sheets = []
        for report in self:
            sheets += self._achievement_sheets(
                report.objective_ids.sorted(lambda o: (o.sequence, o.id)),
                report._periods(),
                form_number=report.form_number,
                form_revision=report.form_revision,
                signoff_lines=report._signoff_lines(),
            )
        content = self.env["sales.qms.xlsx"]._render_table(
            sheets, title=self.env._("Quality Objectives Achievement")
        )
        return self.env._("Quality Objectives Achievement.xlsx"), content

    @api.model
    def _achievement_rows(self, objectives, periods):
        """The table's content, one dict per objective: what the XLSX and the
        PDF print. Read from the objectives' measurements, in memory."""
        statuses = dict(
            self.env["sales.qms.measurement"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        symbols = dict(COMPARISONS)
        rows = []
        for number, objective in enumerate(objectives, start=1):
            months = {
                m.date_from: m
                for m in objective.measurement_ids
                if m.period_type == "month"
            }
            cells = [
                self._achievement_cell(
                    months.get(period.date_from),
                    objective._get_month_target(period),
                    statuses,
                )
                for period in periods
            ]
            year_target = objective._year_target(months)
            measured = self.env["sales.qms.measurement"].concat(
                *(months[p.date_from] for p in periods if p.date_from in months)
            )
            year = self._achievement_year(objective, measured, year_target, statuses)
            rows.append(
                {
                    "number": number,
                    "objective": objective,
                    "comparison": symbols.get(objective.comparison, ""),
                    "target": objective.target,
                    "year_target": year_target,
                    "num_format": objective._xlsx_number_format(),
                    "months": cells,
                    "year": year,
                }
            )
        return rows

    @api.model
    def _achievement_cell(self, measurement, target, statuses):
        status = measurement.status if measurement else "no_data"
        value = measurement.value if status != "no_data" else None
        return {
            "value": value,
            "rate": value / target * 100 if value is not None and target else None,
            "status": status,
            "status_label": statuses[status],
            "corrected": bool(measurement and measurement.is_corrected),
        }

    @api.model
    def _achievement_year(self, objective, months, year_target, statuses):
        """The year so far, as the objective's own year roll-up computes it
        over the months covered (met or not against the targets of those
        months, or the year's own target); its 完成率 is the progress towards
        the year target."""
        rollup = objective._rollup_values(months, "year")
        value = rollup["value"] if rollup["status"] != "no_data" else None
        return {
            "value": value,
            "rate": value / year_target * 100
            if value is not None and year_target
            else None,
            "status": rollup["status"],
            "status_label": statuses[rollup["status"]],
            "corrected": any(months.mapped("is_corrected")),
        }

    @api.model
    def _achievement_sheets(
        self,
        objectives,
        periods,
        form_number=None,
        form_revision=None,
        signoff_lines=None,
    ):
        """The 质量目标完成情况表 as sheets of ``_render_table``: one per fiscal
        year, three lines per objective (actual, 完成率, 达成), then one sheet
        of the corrected months with their reasons."""
        _ = self.env._
        sheets = []
        corrections = []
        causes = []
        for year in objectives.fiscal_year_id.sorted("date_from"):
            year_periods = periods.filtered(
                lambda p, y=year: p.fiscal_year_id == y
            ).sorted("date_from")
            year_objectives = objectives.filtered(
                lambda o, y=year: o.fiscal_year_id == y
            )
            columns = [
                {"label": _("No."), "width": 6, "type": "integer"},
                {"label": _("Quality Objective"), "width": 30},
                {"label": _("Indicator"), "width": 20},
                {"label": _("Measured On"), "width": 14},
                {"label": _("Owner"), "width": 10},
                {"label": _("Target"), "width": 14, "type": "number"},
                {"label": _("Year Target"), "width": 14, "type": "number"},
                {"label": _("Item"), "width": 10},
            ]
            columns += [
                {
                    "label": _("Month %(number)s", number=period.date_from.month),
                    "width": 11,
                    "type": "number",
                }
                for period in year_periods
            ]
            columns.append({"label": _("Year to Date"), "width": 13, "type": "number"})
            rows = []
            covered = set(year_periods.mapped("date_from"))
            for row in self._achievement_rows(year_objectives, year_periods):
                objective = row["objective"]
                number_format = row["num_format"]
                target_format = f'"{row["comparison"]} "{number_format}'
                head = [
                    row["number"],
                    objective.name,
                    objective.indicator_id.name,
                    objective.scope_display,
                    objective.owner_id.name or "",
                    {"value": row["target"], "num_format": target_format},
                    {"value": row["year_target"], "num_format": target_format},
                ]
                cells = row["months"] + [row["year"]]
                rows.append(
                    head
                    + [_("Actual")]
                    + [
                        {"value": c["value"], "num_format": number_format}
                        for c in cells
                    ]
                )
                rows.append(
                    [None] * len(head)
                    + [_("Achievement Rate")]
                    + [{"value": c["rate"], "num_format": RATE_FORMAT} for c in cells]
                )
                rows.append(
                    [None] * len(head)
                    + [_("Met?")]
                    + [self._achievement_mark(c) for c in cells]
                )
                causes += [
                    [
                        objective.name,
                        measurement.name,
                        {"value": measurement.value, "num_format": number_format},
                        {"value": measurement.target, "num_format": target_format},
                        measurement.cause_analysis or "",
                        measurement.action_taken or "",
                        measurement.analysed_by_id.name or "",
                    ]
                    for measurement in objective.measurement_ids.filtered(
                        lambda m, dates=covered: (
                            m.period_type == "month"
                            and m.status == "not_met"
                            and m.date_from in dates
                        )
                    ).sorted("date_from")
                ]
                corrections += [
                    [
                        objective.name,
                        measurement.name,
                        {"value": measurement.value, "num_format": number_format},
                        measurement.correction_reason or "",
                        measurement.corrected_by_id.name or "",
                        fields.Datetime.context_timestamp(
                            self, measurement.corrected_on
                        ).strftime("%Y-%m-%d %H:%M")
                        if measurement.corrected_on
                        else "",
                    ]
                    for measurement in objective.measurement_ids.filtered(
                        lambda m, dates=covered: (
                            m.period_type == "month"
                            and m.is_corrected
                            and m.date_from in dates
                        )
                    ).sorted("date_from")
                ]
            subtitle = [year.company_id.name]
            number, revision = form_number, form_revision
            if form_number is None:
                # exported from the objectives: the form of their company
                number = year.company_id.qms_achievement_form_number
                revision = year.company_id.qms_achievement_form_revision
            if number:
                subtitle.append(_("Form No. %(number)s", number=number))
            if revision:
                subtitle.append(_("Revision %(revision)s", revision=revision))
            if year_periods:
                subtitle.append(_("to %(month)s", month=year_periods[-1:].name))
            sheets.append(
                {
                    "name": year.name,
                    "title": _(
                        "Quality Objectives Achievement %(year)s", year=year.name
                    ),
                    "subtitle": " · ".join(subtitle),
                    "columns": columns,
                    "rows": rows,
                    "footer": self._achievement_footer(signoff_lines),
                }
            )
        sheets.append(self._planning_sheet(objectives))
        sheets.append(
            {
                "name": _("Causes and Actions"),
                "title": _("Months Not Met: Causes and Actions Taken"),
                "columns": [
                    {"label": _("Quality Objective"), "width": 30},
                    {"label": _("Month"), "width": 12},
                    {"label": _("Actual"), "width": 14, "type": "number"},
                    {"label": _("Target"), "width": 14, "type": "number"},
                    {"label": _("Cause Analysis"), "width": 45},
                    {"label": _("Action Taken"), "width": 45},
                    {"label": _("Analysed By"), "width": 12},
                ],
                "rows": causes
                or [
                    [
                        _("Every objective was met in the months covered."),
                        "",
                        None,
                        None,
                        "",
                        "",
                        "",
                    ]
                ],
            }
        )
        sheets.append(
            {
                "name": _("Corrections"),
                "title": _("Months Corrected After Closing"),
                "columns": [
                    {"label": _("Quality Objective"), "width": 30},
                    {"label": _("Month"), "width": 12},
                    {"label": _("Corrected Value"), "width": 16, "type": "number"},
                    {"label": _("Reason"), "width": 50},
                    {"label": _("Corrected By"), "width": 12},
                    {"label": _("Corrected On"), "width": 18},
                ],
                "rows": corrections
                or [[_("No month was corrected after closing."), "", None, "", "", ""]],
            }
        )
        return sheets

    @api.model
    def _planning_sheet(self, objectives):
        """ISO 9001 §6.2.2: how each objective is to be achieved and
        evaluated, as planned on the objective."""
        _ = self.env._
        frequencies = dict(
            objectives._fields["measurement_frequency"]._description_selection(self.env)
        )
        symbols = dict(COMPARISONS)
        rows = []
        for number, objective in enumerate(objectives, start=1):
            formula, data_source = objective.indicator_id._definition()
            rows.append(
                [
                    number,
                    objective.name,
                    {
                        "value": objective.target,
                        "num_format": '"{} "{}'.format(
                            symbols.get(objective.comparison, ""),
                            objective._xlsx_number_format(),
                        ),
                    },
                    html2plaintext(objective.action_plan or "").strip(),
                    objective.resources or "",
                    objective.responsible_department or "",
                    objective.owner_id.name or "",
                    objective.due_date,
                    formula,
                    data_source,
                    frequencies[objective.measurement_frequency],
                ]
            )
        return {
            "name": _("Planning"),
            "title": _("Quality Objectives: Planning (ISO 9001 §6.2.2)"),
            "columns": [
                {"label": _("No."), "width": 6, "type": "integer"},
                {"label": _("Quality Objective"), "width": 30},
                {"label": _("Target"), "width": 14, "type": "number"},
                {"label": _("What Will Be Done"), "width": 40},
                {"label": _("Resources Required"), "width": 24},
                {"label": _("Responsible Department"), "width": 14},
                {"label": _("Responsible Person"), "width": 12},
                {"label": _("To Be Completed By"), "width": 14, "type": "date"},
                {"label": _("Formula"), "width": 36},
                {"label": _("Data Source"), "width": 28},
                {"label": _("Evaluated"), "width": 10},
            ],
            "rows": rows,
        }

    @api.model
    def _achievement_mark(self, cell):
        labels = {
            "met": self.env._("Met"),
            "not_met": self.env._("Not Met"),
            "no_data": "",
        }
        mark = labels[cell["status"]]
        return f"{mark} *" if cell["corrected"] and mark else mark

    @api.model
    def _achievement_footer(self, signoff_lines):
        """Under the table: how to read it, then 编制 / 审核 / 批准 with their
        names and dates, or blank lines to sign by hand."""
        _ = self.env._
        footer = [
            [
                _(
                    "Achievement rate = actual ÷ target; year to date: progress "
                    "towards the year target, met or not against the targets of the "
                    "months so far; * a month corrected after closing (see the sheet "
                    "Corrections)."
                )
            ],
        ]
        if signoff_lines:
            footer += [[label, name, date] for label, name, date in signoff_lines]
        else:
            footer += [
                [label, "", _("Date:")]
                for label in (
                    _("Prepared by (编制)"),
                    _("Reviewed by (审核)"),
                    _("Approved by (批准)"),
                )
            ]
        return footer
