from odoo import api, fields, models


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
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    fiscal_year_id = fields.Many2one(
        "sales.qms.fiscal.year",
        string="Fiscal Year",
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
        string="Target Basis",
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
        help="The annual business plan's figure of this metric for this year: "
        "the company node's proposed target.",
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

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("fiscal_year_id", "indicator_id")
    def _compute_display_name(self):
        for target in self:
            target.display_name = target.name or ""
