from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import formatLang


class SalesQmsBusinessMetric(models.Model):
    """A figure of the business plans (经营计划): sales, new customers, market
    share… Its actuals are typed, or computed by a quality indicator."""

    _name = "sales.qms.business.metric"
    _description = "Business Plan Metric"
    _order = "sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the metric with every company.",
    )
    unit = fields.Char(
        translate=True, help="Shown after the values, e.g. 万元, %, 家, 分."
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    indicator_id = fields.Many2one(
        "sales.qms.indicator",
        check_company=True,
        help="The quality indicator computing the actual value of each year for "
        "the company (button “Update Actuals” on the plan). Leave empty to type "
        "the actuals.",
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("name")
    def _check_name(self):
        for metric in self:
            if not (metric.name or "").strip():
                raise ValidationError(self.env._("Give the business metric a name."))

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _format_value(self, value):
        """A value as users read it, with the metric's unit."""
        self.ensure_one()
        if value is None or value is False:
            return ""
        digits = 0 if float(value).is_integer() else 2
        text = formatLang(self.env, value, digits=digits)
        return f"{text} {self.unit}" if self.unit else text
