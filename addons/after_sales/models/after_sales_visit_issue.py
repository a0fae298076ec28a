from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# written by the issue's buttons only
LINK_FIELDS = {"activity_id", "complaint_id"}
ISSUE_CATEGORIES = [
    ("quality", "Quality"),
    ("delivery", "Delivery"),
    ("price", "Price"),
    ("service", "Service"),
    ("other", "Other"),
]


class AfterSalesVisitIssue(models.Model):
    _name = "after.sales.visit.issue"
    _description = "Issue Raised During a Return Visit"
    _order = "visit_id, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    sequence = fields.Integer(default=10)
    visit_id = fields.Many2one(
        "after.sales.visit", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="visit_id.company_id", store=True)
    partner_id = fields.Many2one(related="visit_id.partner_id", store=True)
    user_id = fields.Many2one(related="visit_id.user_id", store=True)
    team_id = fields.Many2one(related="visit_id.team_id", store=True)
    # the month of the visit places the issue in an indicator
    date = fields.Date(related="visit_id.date_planned", store=True)
    category = fields.Selection(
        ISSUE_CATEGORIES, required=True, default="quality", index=True
    )
    description = fields.Text(required=True)
    answer = fields.Text("Answer on the Spot")
    needs_follow_up = fields.Boolean("Needs Follow-up")
    activity_id = fields.Many2one(
        "mail.activity", "Follow-up Activity", readonly=True, ondelete="set null"
    )
    # a follow-up the customer expects an answer to becomes a complaint
    complaint_id = fields.Many2one(
        "after.sales.complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    visit_state = fields.Selection(related="visit_id.state")
    visit_verified = fields.Boolean(related="visit_id.is_verified", store=True)

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("visit_id.name", "description")
    def _compute_display_name(self):
        for issue in self:
            text = (issue.description or "").strip().splitlines()[:1]
            text = text[0][:40] if text else ""
            issue.display_name = " · ".join(filter(None, [issue.visit_id.name, text]))

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_links(vals)
        issues = super().create(vals_list)
        issues.visit_id._check_editable()
        return issues

    def write(self, vals):
        self._check_links(vals)
        self.visit_id._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_visit(self):
        self.visit_id._check_editable()

    # ------------------------------------------------------------
    # ACTION METHODS
    # ------------------------------------------------------------

    def action_schedule_follow_up(self):
        """Schedule the follow-up of the issue for the visit's salesperson,
        in one click; the issue keeps the link."""
        activity_type = self.env.ref("after_sales.mail_activity_type_visit_follow_up")
        self.check_access("write")
        for issue in self:
            if issue.activity_id:
                raise UserError(
                    self.env._("This issue already has a follow-up activity.")
                )
            activity = issue.visit_id.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._(
                    "Follow up: %(issue)s",
                    issue=(issue.description or "")[:80],
                ),
                note=issue.answer or False,
                user_id=(issue.visit_id.user_id or self.env.user).id,
            )
            # the link is the issue's own: written by the ORM after the
            # rights were checked above
            issue.sudo().write({"activity_id": activity.id, "needs_follow_up": True})
        return True

    def _check_links(self, vals):
        # the follow-up activity and the complaint are linked by their
        # buttons, which check the user's rights first
        if not self.env.su and LINK_FIELDS & vals.keys():
            raise AccessError(
                self.env._(
                    "An issue is linked to its follow-up activity or complaint by "
                    "their buttons, never by hand."
                )
            )

    def action_create_complaint(self):
        """Turn the issue into a complaint of the customer, in one click,
        linked both ways; the complaint opens."""
        self.ensure_one()
        self.check_access("write")
        if self.complaint_id:
            raise UserError(
                self.env._(
                    "This issue is already the complaint %(complaint)s.",
                    complaint=self.complaint_id.name,
                )
            )
        visit = self.visit_id
        description = self.description
        if self.answer:
            description += "\n" + self.env._(
                "Answer given on the spot: %(answer)s", answer=self.answer
            )
        # created with the user's own rights: a salesperson opens complaints
        # of their customers
        complaint = self.env["after.sales.complaint"].create(
            {
                "company_id": visit.company_id.id,
                "partner_id": visit.partner_id.id,
                "contact_id": visit.contact_id.id,
                "user_id": visit.user_id.id,
                "channel": "visit",
                "category": self.category,
                "description": description,
            }
        )
        # the link is the issue's own, written once the rights were checked
        self.sudo().write({"complaint_id": complaint.id, "needs_follow_up": True})
        complaint.message_post(
            body=self.env._(
                "Raised during the return visit %(visit)s.", visit=visit.name
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "after.sales.complaint",
            "res_id": complaint.id,
            "view_mode": "form",
            "target": "current",
        }
