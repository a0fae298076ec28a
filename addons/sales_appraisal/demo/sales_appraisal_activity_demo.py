"""Demo of the activity indicators: calls done and customer meetings of the
four demo salespeople over the last months, then the achievements of the
confirmed demo target trees (if any) measured.

Loaded by ``demo/sales_appraisal_activity_demo.xml`` only.
"""

from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

# (salesperson, customers, calls per month, meetings per month)
DEMO_PEOPLE = [
    (
        "res_users_demo_zhang_wei",
        ["suzhou_precision", "ningbo_haitian", "wuxi_huaguang", "shanghai_shentong"],
        34,
        6,
    ),
    (
        "res_users_demo_li_na",
        ["changzhou_hengli", "hangzhou_zhongrui", "hefei_jinding", "qingdao_haichuang"],
        41,
        8,
    ),
    (
        "res_users_demo_wang_qiang",
        [
            "foshan_meilian",
            "dongguan_hengchang",
            "shenzhen_pengda",
            "guangzhou_nanfang",
        ],
        29,
        5,
    ),
    (
        "res_users_demo_liu_yang",
        ["xiamen_tongchuang", "zhongshan_kaili", "nanning_guixin", "wenzhou_yonggu"],
        38,
        7,
    ),
]
CALL_SUMMARIES = [
    "电话跟进报价",
    "确认交期",
    "回访使用情况",
    "询问下季度需求",
    "催收货款",
]
MEETING_SUBJECTS = [
    "技术交流会",
    "年度合作洽谈",
    "新品推介",
    "样品确认",
    "质量问题现场沟通",
]
DEMO_MONTHS = 4


class SalesAppraisalActivityDemo(models.AbstractModel):
    _name = "sales.appraisal.activity.demo"
    _description = "Activity Indicators Demo Data"

    @api.model
    def _load_activity_demo(self):
        """Calls marked done and customer meetings over the last months;
        does nothing once done (the first demo meeting exists)."""
        Event = self.env["calendar.event"].with_context(
            mail_create_nolog=True, mail_notrack=True, no_mail_to_attendees=True
        )
        first_user = self.env.ref(f"sales_qms.{DEMO_PEOPLE[0][0]}")
        if Event.search_count(
            [
                ("user_id", "=", first_user.id),
                ("name", "=like", f"{MEETING_SUBJECTS[0]}%"),
            ],
            limit=1,
        ):
            return False
        call_type = self.env.ref("mail.mail_activity_data_call")
        now = fields.Datetime.now()
        this_month = now.date().replace(day=1)
        for person_index, (user_xmlid, customers, calls, meetings) in enumerate(
            DEMO_PEOPLE
        ):
            user = self.env.ref(f"sales_qms.{user_xmlid}")
            partners = [
                self.env.ref(f"sales_qms.res_partner_demo_{name}") for name in customers
            ]
            for month_back in range(DEMO_MONTHS):
                month = this_month - relativedelta(months=month_back)
                # fewer in the current month: it is not over
                days = 28 if month_back else max(now.day - 1, 1)
                scale = days / 28
                month_calls = round((calls - 2 * month_back + person_index) * scale)
                month_meetings = round((meetings - month_back % 2) * scale)
                self._create_demo_calls(
                    user, partners, call_type, month, days, month_calls
                )
                self._create_demo_meetings(user, partners, month, days, month_meetings)
        self.env["sales.appraisal.target"].search(
            [("state", "=", "confirmed")]
        )._refresh_achievements()
        return True

    @api.model
    def _create_demo_calls(self, user, partners, call_type, month, days, count):
        """``count`` call activities on the customers, marked done by the
        salesperson, spread over the ``days`` first days of ``month``."""
        model = self.env["ir.model"]._get_id("res.partner")
        # followers first: the activities of one batch would each add the
        # salesperson to the same customers' followers
        for partner in partners:
            partner.message_subscribe(user.partner_id.ids)
        done_dates = [
            datetime.combine(
                month + timedelta(days=index % days), time(1 + index % 8, 15)
            )
            for index in range(count)
        ]
        activities = (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": model,
                        "res_id": partners[index % len(partners)].id,
                        "activity_type_id": call_type.id,
                        "summary": CALL_SUMMARIES[index % len(CALL_SUMMARIES)],
                        "user_id": user.id,
                        "date_deadline": done_at.date(),
                    }
                    for index, done_at in enumerate(done_dates)
                ]
            )
        )
        messages, _next = activities.with_user(user)._action_done()
        # marked done on the day of the call, not on the day of the demo
        for message, done_at in zip(messages.sudo(), done_dates, strict=True):
            message.date = done_at

    @api.model
    def _create_demo_meetings(self, user, partners, month, days, count):
        Event = self.env["calendar.event"].with_context(
            mail_create_nolog=True, mail_notrack=True, no_mail_to_attendees=True
        )
        for index in range(count):
            partner = partners[(index + 1) % len(partners)]
            start = datetime.combine(
                month + timedelta(days=(index * 5 + 2) % days), time(2 + index % 5, 0)
            )
            Event.create(
                {
                    "name": f"{MEETING_SUBJECTS[index % len(MEETING_SUBJECTS)]} · "
                    f"{partner.name}",
                    "user_id": user.id,
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "partner_ids": [Command.set([user.partner_id.id, partner.id])],
                }
            )
