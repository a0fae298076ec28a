from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# The customer of the distance tests, and points placed by hand north of it:
# along a meridian the great-circle distance is R x delta-latitude (radians),
# R = 6,371,008.8 m: 0.0027 deg -> 300.23 m, 0.018 deg -> 2,001.51 m.
CUSTOMER_LAT, CUSTOMER_LON = 31.2304, 121.4737
NEAR_LAT = CUSTOMER_LAT + 0.0027
FAR_LAT = CUSTOMER_LAT + 0.018


class AfterSalesVisitCommon(TransactionCase):
    """A company of its own with two salespeople and their customers, a
    customer-service user, an after-sales manager, a quality auditor and a
    salesperson of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # the scheduled actions work on every confirmed plan: those of other
        # data (demo) are closed so that the tests count only their own
        cls.env["after.sales.visit.plan"].search([("state", "=", "confirmed")]).write(
            {"state": "done"}
        )
        cls.company = cls.env["res.company"].create({"name": "Visit Test Co"})
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.other_company = cls.env["res.company"].create({"name": "Visit Other Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.salesman_1 = new_test_user(
            cls.env,
            "as_sp1",
            groups="sales_team.group_sale_salesman,after_sales.group_after_sales_user",
            **companies,
        )
        cls.salesman_2 = new_test_user(
            cls.env,
            "as_sp2",
            groups="sales_team.group_sale_salesman,after_sales.group_after_sales_user",
            **companies,
        )
        cls.service_user = new_test_user(
            cls.env,
            "as_service",
            groups="after_sales.group_after_sales_service",
            **companies,
        )
        cls.manager = new_test_user(
            cls.env,
            "as_manager",
            groups="after_sales.group_after_sales_manager,sales_team.group_sale_salesman",
            **companies,
        )
        cls.auditor = new_test_user(
            cls.env,
            "as_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            **companies,
        )
        cls.other_salesman = new_test_user(
            cls.env,
            "as_other_sp",
            groups="after_sales.group_after_sales_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.team_1 = cls.env["crm.team"].create(
            {
                "name": "East",
                "company_id": cls.company.id,
                "member_ids": [Command.set(cls.salesman_1.ids)],
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
                "user_id": cls.salesman_1.id,
                "category_id": [Command.set(cls.key_account.ids)],
                "partner_latitude": CUSTOMER_LAT,
                "partner_longitude": CUSTOMER_LON,
            }
        )
        cls.cust_1_contact = Partner.create(
            {"name": "Buyer", "parent_id": cls.cust_1.id, "company_id": cls.company.id}
        )
        cls.cust_2 = Partner.create(
            {
                "name": "Cust 2",
                "is_company": True,
                "company_id": cls.company.id,
                "user_id": cls.salesman_2.id,
                "category_id": [Command.set(cls.key_account.ids)],
            }
        )
        cls.cust_3 = Partner.create(
            {"name": "Cust 3", "is_company": True, "company_id": cls.company.id}
        )
        cls.other_customer = Partner.create(
            {
                "name": "Other Co Customer",
                "is_company": True,
                "company_id": cls.other_company.id,
            }
        )

    @classmethod
    def _visit(cls, partner, user, date_planned="2026-04-10", **vals):
        return (
            cls.env["after.sales.visit"]
            .with_company(cls.company)
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "company_id": cls.company.id,
                    "date_planned": date_planned,
                    **vals,
                }
            )
        )

    @classmethod
    def _plan(cls, **vals):
        return (
            cls.env["after.sales.visit.plan"]
            .with_company(cls.company)
            .create(
                {
                    "name": "Plan",
                    "year": 2026,
                    "company_id": cls.company.id,
                    "customer_rule": "list",
                    "partner_ids": [Command.set((cls.cust_1 | cls.cust_2).ids)],
                    "visits_per_customer": 3,
                    "month_from": "7",
                    "month_to": "9",
                    **vals,
                }
            )
        )
