from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SalesQmsReviewAnswer(models.Model):
    """The answer to one checklist item of a contract review. The question is
    copied from the checklist: editing a checklist later never rewrites what
    was reviewed."""

    _name = "sales.qms.review.answer"
    _description = "Contract Review Checklist Answer"
    _order = "review_id, sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    review_id = fields.Many2one(
        "sales.qms.review", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    item_id = fields.Many2one(
        "sales.qms.review.checklist.item", readonly=True, ondelete="set null"
    )
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Review Item", required=True, readonly=True)
    role_id = fields.Many2one(
        "sales.qms.review.role",
        readonly=True,
        ondelete="restrict",
        help="Empty: any reviewer of the review answers it.",
    )
    result = fields.Selection(
        [("ok", "OK"), ("not_ok", "Not OK"), ("na", "Not Applicable")]
    )
    comment = fields.Char()
    answered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    answered_on = fields.Datetime(readonly=True, copy=False)
    can_answer = fields.Boolean(compute="_compute_can_answer")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("review_id.state", "role_id", "review_id.line_ids.user_ids")
    @api.depends_context("uid")
    def _compute_can_answer(self):
        for answer in self:
            answer.can_answer = answer.review_id.state in (
                "pending",
                "rejected",
            ) and bool(answer._get_answering_lines(self.env.user))

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._("The checklist of a contract review comes from its rules.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if vals.keys() - {"result", "comment"}:
                raise AccessError(
                    self.env._("Only the result and the comment of an item change.")
                )
            self._check_can_answer()
            vals = dict(
                vals, answered_by_id=self.env.uid, answered_on=fields.Datetime.now()
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        if not self.env.su:
            raise AccessError(
                self.env._("The checklist of a contract review comes from its rules.")
            )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_answering_lines(self, user):
        """The role lines through which ``user`` answers this item."""
        self.ensure_one()
        return self.review_id.line_ids.filtered(
            lambda line: (
                (not self.role_id or line.role_id == self.role_id)
                and line._is_allowed(user)
            )
        )

    def _check_can_answer(self):
        user = self.env.user
        for answer in self:
            if not answer._get_answering_lines(user):
                raise AccessError(
                    self.env._(
                        "You may not answer “%(item)s” on the contract review "
                        "%(review)s.",
                        item=answer.name,
                        review=answer.review_id.name,
                    )
                )
            if answer.review_id.state not in ("pending", "rejected"):
                raise UserError(
                    self.env._(
                        "The contract review %(review)s is closed: its answers "
                        "cannot change any more.",
                        review=answer.review_id.name,
                    )
                )
