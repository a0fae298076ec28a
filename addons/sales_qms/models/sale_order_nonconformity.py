from odoo import fields, models


class SaleOrder(models.Model):
    # the nonconformities raised on an order, apart from the contract review
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    qms_nonconformity_count = fields.Integer(
        string="Nonconformities",
        compute="_compute_qms_nonconformity_count",
        groups="sales_qms.group_sales_qms_user,sales_qms.group_sales_qms_auditor",
    )

    def _compute_qms_nonconformity_count(self):
        refs = {f"sale.order,{order._origin.id}": order for order in self}
        counts = dict(
            self.env["sales.qms.nonconformity"]._read_group(
                [("res_ref", "in", list(refs))], ["res_ref"], ["__count"]
            )
        )
        for order in self:
            order.qms_nonconformity_count = counts.get(
                f"sale.order,{order._origin.id}", 0
            )

    def action_qms_raise_nonconformity(self):
        """Open a new nonconformity report about this order."""
        self.ensure_one()
        self.env["sales.qms.nonconformity"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Raise Nonconformity"),
            "res_model": "sales.qms.nonconformity",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_origin": "manual",
                "default_res_ref": f"sale.order,{self.id}",
                "default_company_id": self.company_id.id,
                "default_team_id": self.team_id.id,
            },
        }

    def action_qms_view_nonconformities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_nonconformity_action"
        )
        action["domain"] = [("res_ref", "=", f"sale.order,{self.id}")]
        action["context"] = {
            "default_origin": "manual",
            "default_res_ref": f"sale.order,{self.id}",
            "default_company_id": self.company_id.id,
        }
        return action
