"""Demo of the contract review: requested, answered and confirmed as the
demo users would, through the same methods as the form's buttons.

Loaded by ``demo/sales_qms_review_demo.xml`` only.
"""

from odoo import api, models

OVERRIDE_REASON = (
    "客户生产线停线抢修，急需伺服电机；年度框架协议已经过合同评审，"
    "总经理同意先发货，评审记录随后补齐。"
)


class SalesQmsReviewDemo(models.AbstractModel):
    _name = "sales.qms.review.demo"
    _description = "Contract Review Demo Data"

    @api.model
    def _load_review_demo(self):
        """One quotation reviewed, approved and confirmed; one confirmed by
        a sales manager's override; one waiting for its reviewers.

        Does nothing when the demo reviews already exist.
        """
        env = self.env["sales.qms.demo"]._in_chinese().env
        approved = env.ref("sales_qms.sale_order_demo_review_approved")
        if approved.qms_review_ids or approved.state != "draft":
            return False
        self._approve_and_confirm(approved)

        overridden = env.ref("sales_qms.sale_order_demo_review_override")
        manager = env.ref("sales_qms.res_users_demo_zhou_min")
        overridden.with_user(manager)._qms_record_override(OVERRIDE_REASON)
        overridden.with_user(overridden.user_id).action_confirm()

        pending = env.ref("sales_qms.sale_order_demo_review_pending")
        pending.with_user(pending.user_id).action_qms_request_review()
        review = pending.qms_review_ids
        quality = env.ref("sales_qms.review_role_quality")
        self._answer(
            review,
            quality,
            manager,
            "ok_conditions",
            "油口位置修改后须按新图纸做 100% 保压试验，首件送质量部检验。",
        )
        return True

    @api.model
    def _approve_and_confirm(self, order):
        salesperson = order.user_id
        order.with_user(salesperson).action_qms_request_review()
        review = order.qms_review_ids
        for line in review.line_ids:
            # a colleague reviews, not the salesperson of the order
            reviewers = line._get_allowed_users() - salesperson
            self._answer(review, line.role_id, reviewers[:1], "ok")
        order.with_user(salesperson).action_confirm()

    @api.model
    def _answer(self, review, role, user, result, comment=None):
        answers = review.answer_ids.filtered(
            lambda answer: (
                answer.role_id == role
                or (not answer.role_id and len(review.missing_role_ids) == 1)
            )
        )
        answers.with_user(user).write({"result": "ok"})
        line = review.line_ids.filtered(lambda line: line.role_id == role)
        if comment:
            line.with_user(user).write({"comment": comment})
        line.with_user(user)._answer(result)
