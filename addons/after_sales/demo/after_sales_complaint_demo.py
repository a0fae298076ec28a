"""Demo of the complaints: handled through the same methods as the buttons.

Loaded by ``demo/after_sales_complaint_demo.xml`` only.
"""

from odoo import api, models


class AfterSalesComplaintDemo(models.AbstractModel):
    _name = "after.sales.complaint.demo"
    _description = "Complaint Demo Data"

    @api.model
    def _load_complaint_demo(self):
        """Move the demo complaints through their stages; does nothing once done."""
        env = self.env["sales.qms.demo"]._in_chinese(("sales_qms", "after_sales")).env
        ref = env.ref
        investigating = ref("after_sales.complaint_stage_investigating")
        waiting = ref("after_sales.complaint_stage_waiting")
        resolved = ref("after_sales.complaint_stage_resolved")
        late = ref("after_sales.complaint_demo_investigating")
        if late.stage_id != ref("after_sales.complaint_stage_new"):
            return False
        late.stage_id = investigating
        ref("after_sales.complaint_demo_waiting").stage_id = investigating
        ref("after_sales.complaint_demo_waiting").stage_id = waiting
        for xmlid in (
            "complaint_demo_resolved",
            "complaint_demo_confirmed",
            "complaint_demo_closed",
        ):
            complaint = ref(f"after_sales.{xmlid}")
            complaint.stage_id = investigating
            complaint.stage_id = resolved
        ref("after_sales.complaint_demo_confirmed")._apply_confirmation(
            True,
            5,
            "更换批次后试装 200 件全部合格，感谢贵司快速响应。",
            "link",
            "赵工（采购部）",
        )
        closed = ref("after_sales.complaint_demo_closed")
        closed.write(
            {
                "close_reason": (
                    "顾客已停产该机型并连续三次电话未回复确认；"
                    "补偿已随下批货抵扣，经售后经理批准关闭。"
                ),
                "closed_by_id": ref("sales_qms.res_users_demo_zhou_min").id,
                "stage_id": ref("after_sales.complaint_stage_closed").id,
            }
        )
        env["after.sales.complaint.sla"]._cron_escalate()
        return True
