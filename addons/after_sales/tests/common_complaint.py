from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


def utc(shanghai_naive):
    """The naive UTC datetime of a Shanghai wall-clock time (UTC+8, no DST)."""
    return shanghai_naive.replace(tzinfo=None) - (
        datetime(2026, 1, 1, 8) - datetime(2026, 1, 1, 0)
    )


class AfterSalesComplaintCommon(TransactionCase):
    """A company in Shanghai working Mon-Fri 8:00-12:00 and 13:00-17:00, with
    1 May 2026 (a Friday) a public holiday, and an SLA policy for major
    complaints: first response 4 working hours, resolution 16, early warning
    at 75 %, the quality representative 4 working hours after a breach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Shanghai 40h",
                "tz": "Asia/Shanghai",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for hour_from, hour_to, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.company = cls.env["res.company"].create(
            {"name": "AS Complaint Co", "resource_calendar_id": cls.calendar.id}
        )
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.calendar.company_id = cls.company
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "劳动节",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
                "date_from": utc(datetime(2026, 5, 1, 0, 0)),
                "date_to": utc(datetime(2026, 5, 1, 23, 59, 59)),
            }
        )
        cls.other_company = cls.env["res.company"].create({"name": "AS Other Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
            "tz": "Asia/Shanghai",
        }
        cls.salesperson = new_test_user(
            cls.env,
            "as_sp1",
            groups="after_sales.group_after_sales_user,sales_team.group_sale_salesman",
            **companies,
        )
        cls.salesperson_2 = new_test_user(
            cls.env,
            "as_sp2",
            groups="after_sales.group_after_sales_user,sales_team.group_sale_salesman",
            **companies,
        )
        cls.service_user = new_test_user(
            cls.env,
            "as_service",
            groups="after_sales.group_after_sales_service,sales_team.group_sale_salesman",
            **companies,
        )
        cls.manager = new_test_user(
            cls.env,
            "as_manager",
            groups="after_sales.group_after_sales_manager,sales_team.group_sale_salesman",
            **companies,
        )
        cls.quality_rep = new_test_user(
            cls.env,
            "as_quality",
            groups="sales_qms.group_sales_qms_manager",
            **companies,
        )
        cls.auditor = new_test_user(
            cls.env,
            "as_auditor",
            groups="sales_qms.group_sales_qms_auditor",
            **companies,
        )
        cls.other_service = new_test_user(
            cls.env,
            "as_other_service",
            groups="after_sales.group_after_sales_service",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "华东",
                "company_id": cls.company.id,
                "user_id": cls.manager.id,
                "member_ids": [Command.set((cls.salesperson | cls.salesperson_2).ids)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "宁波测试客户",
                "is_company": True,
                "email": "buyer@customer.example.com",
                "user_id": cls.salesperson.id,
                "company_id": cls.company.id,
            }
        )
        cls.customer_2 = cls.env["res.partner"].create(
            {
                "name": "苏州测试客户",
                "is_company": True,
                "user_id": cls.salesperson_2.id,
                "company_id": cls.company.id,
            }
        )
        cls.customer_other = cls.env["res.partner"].create(
            {
                "name": "Other Co Customer",
                "is_company": True,
                "company_id": cls.other_company.id,
            }
        )
        cls.policy = cls.env["after.sales.sla.policy"].create(
            {
                "name": "重大客诉",
                "company_id": cls.company.id,
                "severity": "major",
                "response_hours": 4,
                "resolution_hours": 16,
                "warning_percent": 75,
                "escalation_delay_hours": 4,
                "manager_id": cls.manager.id,
                "quality_user_id": cls.quality_rep.id,
            }
        )
        ref = cls.env.ref
        cls.stage_new = ref("after_sales.complaint_stage_new")
        cls.stage_investigating = ref("after_sales.complaint_stage_investigating")
        cls.stage_waiting = ref("after_sales.complaint_stage_waiting")
        cls.stage_resolved = ref("after_sales.complaint_stage_resolved")
        cls.stage_confirmed = ref("after_sales.complaint_stage_confirmed")
        cls.stage_closed = ref("after_sales.complaint_stage_closed")

    @classmethod
    def _complaint(cls, **values):
        return cls.env["after.sales.complaint"].create(
            {
                "company_id": cls.company.id,
                "partner_id": cls.customer.id,
                "severity": "major",
                "category": "quality",
                "description": "阀块泄漏",
                **values,
            }
        )
