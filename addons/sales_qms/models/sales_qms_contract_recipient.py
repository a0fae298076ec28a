from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesQmsContractRecipient(models.Model):
    """A department told about every order its company confirms
    (签订合同后及时将合同信息反馈给相关部门): production, warehouse,
    finance… Its users, and the members of its group, get one message per
    order with the order's key terms."""

    _name = "sales.qms.contract.recipient"
    _inherit = ["sales.qms.company.config.mixin"]
    _description = "Department Notified of Confirmed Orders"
    _order = "sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(string="Department", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_ids = fields.Many2many(
        "res.users",
        "sales_qms_contract_recipient_res_users_rel",
        "recipient_id",
        "user_id",
        string="Users",
        domain=[("share", "=", False)],
    )
    group_id = fields.Many2one(
        "res.groups", help="Every member of this group is notified too."
    )
    product_categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Only orders selling a product of these categories (or of their "
        "sub-categories) are sent to this department. Empty: every order.",
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("name", "user_ids", "group_id")
    def _check_someone(self):
        for recipient in self:
            if not recipient.user_ids and not recipient.group_id:
                raise ValidationError(
                    self.env._(
                        "Name the users or the group of the department %(department)s.",
                        department=recipient.name,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _get_company_recipients(self, companies):
        recipient_ids = [
            recipient_id
            for company in companies
            for recipient_id in self._get_active_ids(company.id)
        ]
        return self.sudo().browse(recipient_ids)

    def _applies_to(self, order):
        """Whether the department wants to hear about ``order``."""
        self.ensure_one()
        if self.company_id != order.company_id:
            return False
        if not self.product_categ_ids:
            return True
        paths = self.product_categ_ids.mapped("parent_path")
        categ_paths = order.order_line.product_id.categ_id.mapped("parent_path")
        return any(
            categ_path.startswith(path) for categ_path in categ_paths for path in paths
        )

    def _get_partners(self):
        users = self.user_ids | self.group_id.users
        return users.filtered(lambda user: user.active and not user.share).partner_id
