from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RESULTS = [
    ("ok", "OK"),
    ("ok_conditions", "OK with Conditions"),
    ("not_ok", "Not OK"),
]
# the results that approve a role
APPROVING_RESULTS = ("ok", "ok_conditions")


class SalesQmsReviewLine(models.Model):
    """The answer of one role to a contract review.

    Only the users the review rules allow for the role (named users, members
    of the rule's group) answer it, and only while the review is open: an
    approved or obsolete review keeps its answers as they were.
    """

    _name = "sales.qms.review.line"
    _description = "Contract Review Role Answer"
    _order = "review_id, sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    review_id = fields.Many2one(
        "sales.qms.review", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    review_state = fields.Selection(related="review_id.state")
    sequence = fields.Integer(readonly=True)
    role_id = fields.Many2one(
        "sales.qms.review.role", required=True, readonly=True, ondelete="restrict"
    )
    user_ids = fields.Many2many(
        "res.users",
        "sales_qms_review_line_res_users_rel",
        "line_id",
        "user_id",
        string="Allowed Users",
        readonly=True,
    )
    group_ids = fields.Many2many(
        "res.groups",
        "sales_qms_review_line_res_groups_rel",
        "line_id",
        "group_id",
        string="Allowed Groups",
        readonly=True,
    )
    result = fields.Selection(RESULTS, readonly=True, copy=False)
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False)
    answered_on = fields.Datetime(readonly=True, copy=False)
    comment = fields.Text(
        help="The conditions of an approval, the reasons of a rejection."
    )
    can_answer = fields.Boolean(compute="_compute_can_answer")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("review_id.state", "user_ids", "group_ids")
    @api.depends_context("uid")
    def _compute_can_answer(self):
        for line in self:
            line.can_answer = line.review_id.state in (
                "pending",
                "rejected",
            ) and line._is_allowed(self.env.user)

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._("The roles of a contract review come from its rules.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if vals.keys() - {"comment"}:
                raise AccessError(
                    self.env._(
                        "A role's answer is given with the buttons OK, OK with "
                        "Conditions or Not OK."
                    )
                )
            self._check_can_answer()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_open_review(self):
        if not self.env.su:
            raise AccessError(
                self.env._("The roles of a contract review come from its rules.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_ok(self):
        return self._answer("ok")

    def action_ok_conditions(self):
        return self._answer("ok_conditions")

    def action_not_ok(self):
        return self._answer("not_ok")

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _is_allowed(self, user):
        """Whether ``user`` may answer for the role of this line."""
        self.ensure_one()
        return user in self.user_ids or bool(self.group_ids & user.groups_id)

    def _is_approved(self):
        self.ensure_one()
        return self.result in APPROVING_RESULTS

    def _get_allowed_users(self):
        users = self.user_ids | self.group_ids.users
        return users.filtered(lambda user: user.active and not user.share)

    def _check_can_answer(self):
        """The current user answers for these roles, on open reviews."""
        user = self.env.user
        for line in self:
            if not line._is_allowed(user):
                raise AccessError(
                    self.env._(
                        "You may not answer for %(role)s on the contract review "
                        "%(review)s: the review rules name other reviewers.",
                        role=line.role_id.name,
                        review=line.review_id.name,
                    )
                )
            if line.review_id.state not in ("pending", "rejected"):
                raise UserError(
                    self.env._(
                        "The contract review %(review)s is closed: its answers "
                        "cannot change any more.",
                        review=line.review_id.name,
                    )
                )

    def _answer(self, result):
        """Record the current user's answer for these roles, then the state
        of their reviews. Checks the caller's rights before writing as
        superuser."""
        self._check_can_answer()
        labels = dict(self._fields["result"]._description_selection(self.env))
        for line in self:
            if result != "ok" and not (line.comment or "").strip():
                raise UserError(
                    self.env._(
                        "Write the conditions or the reasons for %(role)s in the "
                        "comment of its line first.",
                        role=line.role_id.name,
                    )
                )
        if result in APPROVING_RESULTS:
            self._check_checklist_answered()
        now = fields.Datetime.now()
        self.sudo().write(
            {"result": result, "reviewer_id": self.env.uid, "answered_on": now}
        )
        for line in self:
            body = Markup("%s") % self.env._(
                "%(role)s: %(result)s", role=line.role_id.name, result=labels[result]
            )
            if line.comment:
                body += Markup("<br/>%s") % line.comment
            line.review_id.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        self.review_id._close_activities()
        self.review_id._update_state()
        return True

    def _check_checklist_answered(self):
        """Roles approve once they answered their checklist items; the last
        roles approve once the items of no role are answered too."""
        for review in self.review_id:
            approving = self.filtered(lambda line, r=review: line.review_id == r)
            unanswered = review.answer_ids.filtered(
                lambda answer, roles=approving.role_id: (
                    not answer.result and answer.role_id in roles
                )
            )
            others = review.line_ids - approving
            if all(line._is_approved() for line in others):
                unanswered |= review.answer_ids.filtered(
                    lambda answer: not answer.result and not answer.role_id
                )
            if unanswered:
                raise UserError(
                    self.env._(
                        "Answer the checklist of the contract review %(review)s "
                        "before approving it: %(items)s",
                        review=review.name,
                        items="; ".join(unanswered.mapped("name")),
                    )
                )
