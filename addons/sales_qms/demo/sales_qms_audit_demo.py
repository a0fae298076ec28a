"""Demo of the internal audit: carried out, reported and closed as the
demo users would, through the same methods as the form's buttons.

Loaded by ``demo/sales_qms_audit_demo.xml`` only.
"""

from datetime import date, timedelta

from odoo import Command, api, models

EVIDENCE = {
    10: (
        "minor_nc",
        "抽查 2026 年 2 月的 5 份已确认订单：订单 “液压泵站 3 套” 于 2 月 9 日确认，"
        "合同评审记录 2 月 11 日才由生产部签字，评审晚于确认。",
    ),
    20: ("conformity", "2 份变更订单均重新评审，并通知了生产部和仓库。"),
    30: (
        "observation",
        "10 份报价中 9 份四小时内发出；1 份因价格审批延误到次日上午，未超过一天。",
    ),
    40: ("conformity", "3 月发运记录均跟踪至客户签收，并核对数量无误。"),
    50: ("conformity", "2025 年度顾客满意度汇总及基准比较表已编制，平均 96.5 分。"),
}
CAUSES = [
    (
        "method",
        "为什么订单在评审批准前被确认？业务员在评审未完成时就确认了订单。",
        False,
    ),
    ("man", "为什么业务员提前确认？客户催交期，业务员认为评审只是手续。", False),
    (
        "method",
        "为什么系统没有阻止？当时评审规则未覆盖液压泵站类产品，确认未被拦截。",
        True,
    ),
]


class SalesQmsAuditDemo(models.AbstractModel):
    _name = "sales.qms.audit.demo"
    _description = "Internal Audit Demo Data"

    @api.model
    def _load_audit_demo(self):
        """The East China audit carried out and closed, its nonconformity
        analysed with two actions (one verified effective, one open).

        Does nothing when the demo audit was already carried out.
        """
        env = self.env["sales.qms.demo"]._in_chinese().env
        audit = env.ref("sales_qms.sales_qms_audit_demo_east_china")
        if audit.state != "planned":
            return False
        lead = env.ref("sales_qms.res_users_demo_he_jing")
        manager = env.ref("sales_qms.res_users_demo_zhou_min")
        leader = env.ref("sales_qms.res_users_demo_zhang_wei")
        audit = audit.with_user(lead)
        audit.action_load_checklist()
        audit.action_start()
        audit.write({"date_start": date(2026, 3, 16), "date_end": date(2026, 3, 17)})
        for line in audit.line_ids:
            result, evidence = EVIDENCE[line.sequence]
            line.write({"result": result, "evidence": evidence})
        audit.write(
            {
                "strengths": "<p>客户档案完整；发运跟踪做到客户签收并核对无误。</p>",
                "improvements": "<p>报价价格审批可授权给部门经理，"
                "缩短书面报价时间。</p>",
                "conclusion": "<p>华东销售部的销售过程总体符合 ISO 9001:2015 要求，"
                "发现 1 项轻微不符合、1 项观察项。</p>",
            }
        )
        audit.action_report()
        finding = audit.line_ids.filtered(lambda line: line.result == "minor_nc")
        finding.action_raise_nonconformity()
        # the report: prepared by the lead auditor, reviewed by the quality
        # representative, approved by the general manager
        env["sales.qms.demo"]._sign_off(
            "sales.qms.audit",
            audit.ids,
            [lead.id, manager.id, env.ref("sales_qms.res_users_demo_lin_jianguo").id],
            "2026-03-20 02:00:00",
        )
        audit.action_close()

        nonconformity = finding.nonconformity_id.with_user(manager)
        nonconformity.write(
            {
                "date": date(2026, 3, 17),
                "deadline": max(date(2026, 4, 30), nonconformity.create_date.date()),
                "containment": "对 2026 年 1–3 月已确认但评审未完成的订单逐一补评审，"
                "未发现交付风险。",
                "cause_ids": [
                    Command.create(
                        {
                            "sequence": index,
                            "category": cat,
                            "why": why,
                            "is_root": root,
                        }
                    )
                    for index, (cat, why, root) in enumerate(CAUSES, start=1)
                ],
                "root_cause": "合同评审规则未覆盖全部需评审的产品类别，系统无法在评审"
                "批准前阻止订单确认。",
            }
        )
        nonconformity.with_user(leader).action_start()
        today = max(date.today(), nonconformity.create_date.date())
        Action = env["sales.qms.action"].with_user(manager)
        rule_action = Action.create(
            {
                "nonconformity_id": nonconformity.id,
                "action_type": "corrective",
                "description": "将液压泵站及备件类别加入合同评审规则，"
                "确认订单前必须评审批准。",
                "responsible_id": leader.id,
                "deadline": today,
                "done_note": "评审规则已更新，测试订单在评审前无法确认。",
            }
        )
        rule_action.with_user(leader).action_done()
        rule_action._record_verification(
            "effective", "抽查 4 月 6 份订单，均在评审批准后确认。"
        )
        Action.create(
            {
                "nonconformity_id": nonconformity.id,
                "action_type": "preventive",
                "description": "对华东、华南销售部全员开展合同评审程序培训并考核。",
                "responsible_id": leader.id,
                "deadline": today + timedelta(days=30),
            }
        )
        return True
