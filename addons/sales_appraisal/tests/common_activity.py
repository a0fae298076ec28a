from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

INDICATOR_XMLIDS = {
    "calls": "sales_appraisal.indicator_activity_calls",
    "meetings": "sales_appraisal.indicator_activity_meetings",
    "quotations": "sales_appraisal.indicator_activity_quotations",
    "opportunities": "sales_appraisal.indicator_activity_opportunities",
}


class SalesAppraisalActivityCommon(TransactionCase):
    """A company of its own in Asia/Shanghai (UTC+8) with two sales teams:
    East (leader ``leader``, member ``salesman_1``) and South (member
    ``salesman_2``), a sales manager, a quality auditor, customers, a
    2026 fiscal year, and a salesperson of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                no_mail_to_attendees=True,
            )
        )
        cls.company = cls.env["res.company"].create({"name": "Activity Test Co"})
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.other_company = cls.env["res.company"].create({"name": "Activity Other Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
            "tz": "Asia/Shanghai",
        }
        cls.salesman_1 = new_test_user(
            cls.env, "sa_sp1", groups="sales_team.group_sale_salesman", **companies
        )
        cls.salesman_2 = new_test_user(
            cls.env, "sa_sp2", groups="sales_team.group_sale_salesman", **companies
        )
        cls.leader = new_test_user(
            cls.env, "sa_leader", groups="sales_team.group_sale_salesman", **companies
        )
        cls.manager = new_test_user(
            cls.env, "sa_manager", groups="sales_team.group_sale_manager", **companies
        )
        cls.auditor = new_test_user(
            cls.env,
            "sa_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            **companies,
        )
        cls.other_salesman = new_test_user(
            cls.env,
            "sa_other_sp",
            groups="sales_team.group_sale_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.team_1 = cls.env["crm.team"].create(
            {
                "name": "East",
                "company_id": cls.company.id,
                "user_id": cls.leader.id,
                "member_ids": [Command.set((cls.salesman_1 | cls.leader).ids)],
            }
        )
        cls.team_2 = cls.env["crm.team"].create(
            {
                "name": "South",
                "company_id": cls.company.id,
                "member_ids": [Command.set(cls.salesman_2.ids)],
            }
        )
        cls.key_account = cls.env["res.partner.category"].create({"name": "Key"})
        Partner = cls.env["res.partner"]
        cls.cust_1 = Partner.create(
            {
                "name": "Cust 1",
                "is_company": True,
                "company_id": cls.company.id,
                "category_id": [Command.set(cls.key_account.ids)],
            }
        )
        cls.cust_1_buyer = Partner.create(
            {
                "name": "Buyer 1",
                "parent_id": cls.cust_1.id,
                "company_id": cls.company.id,
            }
        )
        cls.cust_2 = Partner.create(
            {"name": "Cust 2", "is_company": True, "company_id": cls.company.id}
        )
        cls.year = cls.env["sales.qms.fiscal.year"].create(
            {
                "name": "FY2026",
                "company_id": cls.company.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        cls.indicators = {
            key: cls.env.ref(xmlid) for key, xmlid in INDICATOR_XMLIDS.items()
        }

    @classmethod
    def _values(cls, key, date_from, date_to, scope_type, scope_ids):
        """``{(month, scope_id): value}`` of an activity indicator."""
        indicator = cls.indicators[key]
        values = indicator._compute_values(
            date_from, date_to, scope_type, scope_ids, company_ids=[cls.company.id]
        )
        return {
            (month, scope_id): value
            for (_indicator, month, scope_id), (value, _n, _d) in values.items()
        }

    @classmethod
    def _tree(cls, indicator, nodes, **vals):
        """A draft tree of ``indicator`` for the 2026 year with ``nodes``:
        a list of ``(key, parent key, values)``; returns (tree, {key: node})."""
        target = cls.env["sales.appraisal.target"].create(
            {
                "name": "Tree",
                "company_id": cls.company.id,
                "fiscal_year_id": cls.year.id,
                "indicator_id": indicator.id,
                **vals,
            }
        )
        lines = {}
        for key, parent, values in nodes:
            lines[key] = cls.env["sales.appraisal.target.line"].create(
                {
                    "target_id": target.id,
                    "parent_id": lines[parent].id if parent else False,
                    **values,
                }
            )
        return target, lines


def months_of(*values):
    """``{"month_01": v1, …}`` from twelve values."""
    return {f"month_{index:02d}": value for index, value in enumerate(values, start=1)}


class SalesAppraisalAchievementCommon(SalesAppraisalActivityCommon):
    """A tree of customer meetings: company (2 a month), East (1 a month)
    and its salesperson sp1 (1 a month), South (1 a month) and sp2 (1 a
    month); meetings with customers: sp1 two in April and one in May
    (2026-04-30 17:00 UTC, May 1st in Shanghai), sp2 one in April."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        one, two = months_of(*[1.0] * 12), months_of(*[2.0] * 12)
        quarters = {f"quarter_{quarter}": 3.0 for quarter in range(1, 5)}
        cls.tree, cls.nodes = cls._tree(
            cls.indicators["meetings"],
            [
                ("company", None, {"level": "company", "year_target": 24.0, **two}),
                (
                    "east",
                    "company",
                    {
                        "level": "team",
                        "team_id": cls.team_1.id,
                        "year_target": 12.0,
                        **quarters,
                        **one,
                    },
                ),
                (
                    "sp1",
                    "east",
                    {
                        "level": "user",
                        "user_id": cls.salesman_1.id,
                        "year_target": 12.0,
                        **quarters,
                        **one,
                    },
                ),
                (
                    "south",
                    "company",
                    {
                        "level": "team",
                        "team_id": cls.team_2.id,
                        "year_target": 12.0,
                        **one,
                    },
                ),
                (
                    "sp2",
                    "south",
                    {
                        "level": "user",
                        "user_id": cls.salesman_2.id,
                        "year_target": 12.0,
                        **one,
                    },
                ),
            ],
        )
        Event = cls.env["calendar.event"]
        for organizer, customer, start in (
            (cls.salesman_1, cls.cust_1, datetime(2026, 4, 8, 2)),
            (cls.salesman_1, cls.cust_2, datetime(2026, 4, 9, 2)),
            (cls.salesman_1, cls.cust_1, datetime(2026, 4, 30, 17)),
            (cls.salesman_2, cls.cust_2, datetime(2026, 4, 10, 2)),
        ):
            Event.create(
                {
                    "name": "Visit",
                    "user_id": organizer.id,
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "partner_ids": [Command.set((organizer.partner_id | customer).ids)],
                }
            )

    def _achievement(self, node_key, month):
        return self.env["sales.appraisal.achievement"].search(
            [("line_id", "=", self.nodes[node_key].id), ("month", "=", month)]
        )
