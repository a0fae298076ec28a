from odoo import http
from odoo.http import request


class AfterSalesComplaintController(http.Controller):
    """The customer's confirmation of a complaint's resolution (顾客确认):
    a public page reached by the signed, single-use link of the mail."""

    def _get_complaint(self, complaint_id, token):
        complaint = (
            request.env["after.sales.complaint"].sudo().browse(complaint_id).exists()
        )
        if not complaint or not complaint._check_confirmation_token(token):
            return None
        return complaint

    def _render_invalid(self):
        return request.render(
            "after_sales.complaint_confirmation_invalid", {}, status=403
        )

    @http.route(
        "/after_sales/complaint/confirm/<int:complaint_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def complaint_confirm_page(self, complaint_id, token, **kwargs):
        complaint = self._get_complaint(complaint_id, token)
        if complaint is None:
            return self._render_invalid()
        lang = (complaint.contact_id or complaint.partner_id).lang
        if lang:
            request.update_context(lang=lang)
            complaint = complaint.with_context(lang=lang)
        return request.render(
            "after_sales.complaint_confirmation_page",
            {"complaint": complaint, "token": token, "error": kwargs.get("error")},
        )

    @http.route(
        "/after_sales/complaint/confirm/<int:complaint_id>/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def complaint_confirm_submit(
        self, complaint_id, token, decision=None, rating=None, comment=None, **kwargs
    ):
        complaint = self._get_complaint(complaint_id, token)
        if complaint is None:
            return self._render_invalid()
        try:
            rating_value = int(rating or 0)
        except ValueError:
            rating_value = 0
        comment = (comment or "").strip()
        accepted = decision == "confirm"
        if (
            decision not in ("confirm", "reject")
            or not 1 <= rating_value <= 5
            or (not accepted and not comment)
        ):
            return request.render(
                "after_sales.complaint_confirmation_page",
                {
                    "complaint": complaint,
                    "token": token,
                    "error": True,
                },
                status=400,
            )
        who = (complaint.contact_id or complaint.partner_id).name
        complaint._apply_confirmation(accepted, rating_value, comment, "link", who)
        return request.render(
            "after_sales.complaint_confirmation_done",
            {"complaint": complaint, "accepted": accepted},
        )
