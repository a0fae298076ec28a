from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsSatisfactionDimension(models.Model):
    """What customers rate: product quality, delivery, price, service…

    Survey questions are mapped to dimensions campaign by campaign; a
    dimension's indicator measures it month by month across campaigns.
    """

    _name = "sales.qms.satisfaction.dimension"
    _description = "Customer Satisfaction Dimension"
    _order = "sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short reference used in the record filters of the indicators.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    indicator_id = fields.Many2one(
        "sales.qms.indicator",
        help="The indicator measuring this dimension: its quality objective gives "
        "the target shown in the benchmark table.",
    )

    _sql_constraints = [
        ("code_uniq", "UNIQUE(code)", "The code of a dimension must be unique."),
    ]

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("name", "code")
    def _check_name(self):
        for dimension in self:
            if not (dimension.name or "").strip() or not (dimension.code or "").strip():
                raise ValidationError(
                    self.env._("A satisfaction dimension needs a name and a code.")
                )
