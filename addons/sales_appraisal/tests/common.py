from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class SalesAppraisalTargetCommon(TransactionCase):
    """A company of its own (Asia/Shanghai) with three sales teams, a sales
    manager, a team leader, salespeople, an all-leads reader, a quality
    auditor and a manager of another company; fiscal year 2027 (the targets)
    and confirmed orders in 2026 (the history), by hand:

    ========== ====== ====== ====== ====== =====
    2026       Jan    Feb    Mar    Dec    year
    ========== ====== ====== ====== ====== =====
    sp_east_1  1000          4000          5000
    sp_east_2         2000                 2000
    sp_south                        3000   3000
    company    1000   2000   4000   3000   10000
    ========== ====== ====== ====== ====== =====

    East (leader: leader_east) has sp_east_1 and sp_east_2, South (leader:
    the manager) sp_south, North (no leader) sp_north_1 and sp_north_2, who
    sold nothing.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "Target Test Co"})
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.other_company = cls.env["res.company"].create({"name": "Target Other Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
            "tz": "Asia/Shanghai",
        }
        salesman = "sales_team.group_sale_salesman"
        cls.manager = new_test_user(
            cls.env, "sa_manager", groups="sales_team.group_sale_manager", **companies
        )
        cls.leader_east = new_test_user(
            cls.env, "sa_leader", groups=salesman, **companies
        )
        # allowed to export: the export must still give their own node only
        cls.sp_east_1 = new_test_user(
            cls.env,
            "sa_east_1",
            groups=f"{salesman},base.group_allow_export",
            **companies,
        )
        cls.sp_east_2 = new_test_user(
            cls.env, "sa_east_2", groups=salesman, **companies
        )
        cls.sp_south = new_test_user(cls.env, "sa_south", groups=salesman, **companies)
        cls.sp_north_1 = new_test_user(
            cls.env, "sa_north_1", groups=salesman, **companies
        )
        cls.sp_north_2 = new_test_user(
            cls.env, "sa_north_2", groups=salesman, **companies
        )
        cls.all_leads = new_test_user(
            cls.env,
            "sa_all_leads",
            groups="sales_team.group_sale_salesman_all_leads",
            **companies,
        )
        cls.auditor = new_test_user(
            cls.env,
            "sa_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            **companies,
        )
        cls.other_manager = new_test_user(
            cls.env,
            "sa_other_manager",
            groups="sales_team.group_sale_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        Team = cls.env["crm.team"]
        cls.team_east = Team.create(
            {
                "name": "East",
                "sequence": 1,
                "company_id": cls.company.id,
                "user_id": cls.leader_east.id,
                "member_ids": [Command.set((cls.sp_east_1 | cls.sp_east_2).ids)],
            }
        )
        cls.team_south = Team.create(
            {
                "name": "South",
                "sequence": 2,
                "company_id": cls.company.id,
                "user_id": cls.manager.id,
                "member_ids": [Command.set(cls.sp_south.ids)],
            }
        )
        cls.team_north = Team.create(
            {
                "name": "North",
                "sequence": 3,
                "company_id": cls.company.id,
                "user_id": False,
                "member_ids": [Command.set((cls.sp_north_1 | cls.sp_north_2).ids)],
            }
        )
        cls.fiscal_year = cls.env["sales.qms.fiscal.year"].create(
            {
                "name": "2027",
                "company_id": cls.company.id,
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
            }
        )
        cls.amount = cls.env.ref("sales_qms.indicator_sale_amount")
        cls.count = cls.env.ref("sales_qms.indicator_sale_count")
        cls.conversion = cls.env.ref("sales_qms.indicator_quotation_conversion")
        cls.product = cls.env["product.product"].create(
            {"name": "Valve", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Cust", "is_company": True}
        )
        cls._order(cls.sp_east_1, cls.team_east, 1000, "2026-01-10 02:00")
        cls._order(cls.sp_east_1, cls.team_east, 4000, "2026-03-10 02:00")
        cls._order(cls.sp_east_2, cls.team_east, 2000, "2026-02-10 02:00")
        cls._order(cls.sp_south, cls.team_south, 3000, "2026-12-10 02:00")

    @classmethod
    def _order(cls, user, team, amount, confirmed):
        """A confirmed order of ``amount`` (untaxed) at a UTC time."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "user_id": user.id,
                "team_id": team.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        # the date and state as if confirmed then: only SQL can backdate
        cls.env.cr.execute(
            "UPDATE sale_order SET date_order = %s, state = 'sale' WHERE id = %s",
            (datetime.fromisoformat(confirmed), order.id),
        )
        order.invalidate_recordset()
        return order

    @classmethod
    def _tree(cls, indicator=None, year=0.0, basis="total", build=True):
        """A draft tree of fiscal year 2027 made by the sales manager, built
        from the teams, with the company's year target."""
        target = (
            cls.env["sales.appraisal.target"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "2027 targets",
                    "company_id": cls.company.id,
                    "fiscal_year_id": cls.fiscal_year.id,
                    "indicator_id": (indicator or cls.amount).id,
                    "target_basis": basis,
                }
            )
        )
        if build:
            target.action_build_tree()
            if year:
                cls._node(target).year_target = year
        return target

    @staticmethod
    def _node(target, team=None, user=None):
        """The company node, a team's node or a salesperson's node."""
        if user:
            return target.line_ids.filtered(lambda n: n.user_id == user)
        if team:
            return target.line_ids.filtered(
                lambda n: n.level == "team" and n.team_id == team
            )
        return target.line_ids.filtered(lambda n: n.level == "company")

    @staticmethod
    def _months(node):
        return [node[f"month_{n:02d}"] for n in range(1, 13)]

    @staticmethod
    def _quarters(node):
        return [node[f"quarter_{n}"] for n in range(1, 5)]
