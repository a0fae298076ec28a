from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# Written from the invitation and the customer's answers only (_write_answers):
# users choose how an answer is entered, nothing else.
ANSWER_FIELDS = {
    "campaign_id",
    "partner_id",
    "contact_id",
    "user_input_id",
    "salesperson_id",
    "team_id",
    "invitation_date",
    "invitation_sent_on",
    "reminder_sent_on",
    "state",
    "answer_date",
    "entered_by_id",
    "score",
    "score_ids",
    "low_score_notified",
}
SCORE_BANDS = [
    ("below_60", "Below 60"),
    ("60_70", "60 – 70"),
    ("70_80", "70 – 80"),
    ("80_90", "80 – 90"),
    ("90_100", "90 – 100"),
]


class SalesQmsSatisfactionResponse(models.Model):
    """One customer's invitation to a satisfaction campaign and its answer.

    The answer lives in Odoo's survey (``user_input_id``, with its personal
    link); when it is done, it is scored per dimension from the survey's own
    answer scores, and the overall score is the weighted sum.
    """

    _name = "sales.qms.satisfaction.response"
    _description = "Customer Satisfaction Response"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "campaign_id desc, partner_id, id"
    _rec_name = "partner_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    campaign_id = fields.Many2one(
        "sales.qms.satisfaction.campaign",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    contact_id = fields.Many2one(
        "res.partner",
        readonly=True,
        help="Who was invited to answer for the customer.",
    )
    user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Answer", readonly=True, ondelete="restrict"
    )
    salesperson_id = fields.Many2one(
        "res.users",
        index=True,
        readonly=True,
        help="The customer's salesperson when the customer was invited.",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    invitation_date = fields.Date(required=True, readonly=True, index=True)
    invitation_sent_on = fields.Datetime(readonly=True, copy=False)
    reminder_due_date = fields.Date(
        compute="_compute_reminder_due_date", store=True, index=True
    )
    reminder_sent_on = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        [("invited", "Invited"), ("answered", "Answered")],
        required=True,
        default="invited",
        readonly=True,
        index=True,
    )
    answer_date = fields.Date(readonly=True, index=True)
    entry_mode = fields.Selection(
        [
            ("online", "Online by the Customer"),
            ("phone", "By Phone"),
            ("paper", "On Paper"),
        ],
        default="online",
        required=True,
        help="Phone and paper answers are entered by staff on the customer's behalf.",
    )
    entered_by_id = fields.Many2one("res.users", readonly=True)
    score = fields.Float(
        string="Overall Score", readonly=True, aggregator="avg", digits=(16, 2)
    )
    score_band = fields.Selection(
        SCORE_BANDS, compute="_compute_score_band", store=True, index=True
    )
    score_ids = fields.One2many(
        "sales.qms.satisfaction.score",
        "response_id",
        string="Scores per Dimension",
        readonly=True,
    )
    low_score_notified = fields.Boolean(readonly=True, copy=False)
    survey_url = fields.Char(compute="_compute_survey_url")

    _sql_constraints = [
        (
            "campaign_partner_uniq",
            "UNIQUE(campaign_id, partner_id)",
            "A customer is invited once per campaign.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("invitation_date", "campaign_id.reminder_days")
    def _compute_reminder_due_date(self):
        for response in self:
            response.reminder_due_date = response.invitation_date and fields.Date.add(
                response.invitation_date, days=response.campaign_id.reminder_days
            )

    @api.depends("score", "state")
    def _compute_score_band(self):
        for response in self:
            if response.state != "answered":
                response.score_band = False
                continue
            bounds = (60, 70, 80, 90)
            index = sum(
                1 for bound in bounds if float_compare(response.score, bound, 2) >= 0
            )
            response.score_band = SCORE_BANDS[index][0]

    def _compute_survey_url(self):
        for response in self:
            user_input = response.user_input_id.sudo()
            response.survey_url = user_input and (
                response.get_base_url() + user_input.get_start_url()
            )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if ANSWER_FIELDS & vals.keys():
            raise UserError(
                self.env._(
                    "A satisfaction score comes from the customer's answers: it is "
                    "never written by hand."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_enter_by_phone(self):
        return self._enter_answers("phone")

    def action_enter_on_paper(self):
        return self._enter_answers("paper")

    def action_open_answer(self):
        """The customer's answers in the survey app (survey users)."""
        self.ensure_one()
        self.user_input_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.user_input",
            "res_id": self.user_input_id.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _enter_answers(self, mode):
        """Staff enter an answer taken by phone or on paper: the invitation's
        own survey link, marked as entered on the customer's behalf."""
        self.ensure_one()
        self.check_access("write")
        if self.state == "answered":
            raise UserError(
                self.env._(
                    "%(customer)s has already answered.", customer=self.partner_id.name
                )
            )
        if self.campaign_id.state != "running":
            raise UserError(self.env._("The campaign is not running."))
        self.write({"entry_mode": mode})
        self.sudo()._write_answers({"entered_by_id": self.env.uid})
        return {"type": "ir.actions.act_url", "url": self.survey_url, "target": "new"}

    def _write_answers(self, vals):
        """Write what comes from the answers: private, the answers' own path."""
        return super().write(vals)

    def _send_invitations(self):
        template = self.env.ref("sales_qms.mail_template_satisfaction_invitation")
        with_address = self.filtered(lambda r: r.contact_id.email)
        # one rendering for all the invitations, not one per customer
        template.send_mail_batch(
            with_address.ids, email_layout_xmlid="mail.mail_notification_light"
        )
        with_address._write_answers({"invitation_sent_on": fields.Datetime.now()})

    def _record_answers(self):
        """Score the done survey answers: per dimension, the weighted mean of
        its questions' scores (answer score ÷ best score × 100); overall, the
        weighted mean of every mapped question. Asks the salesperson to
        follow up a score below the campaign's threshold, once."""
        # private and server-side: the answers, not the user, write the scores
        responses = self.sudo()
        Score = responses.env["sales.qms.satisfaction.score"]
        for response in responses.filtered(lambda r: r.user_input_id.state == "done"):
            lines = response.campaign_id.question_line_ids
            earned = {}
            for answer in response.user_input_id.user_input_line_ids:
                earned[answer.question_id] = (
                    earned.get(answer.question_id, 0.0) + answer.answer_score
                )
            per_dimension = {}
            total = 0.0
            for line in lines:
                share = earned.get(line.question_id, 0.0) / line.best_score
                score = min(max(share, 0.0), 1.0) * 100
                weighted, weights = per_dimension.get(line.dimension_id, (0.0, 0.0))
                per_dimension[line.dimension_id] = (
                    weighted + score * line.weight,
                    weights + line.weight,
                )
                total += score * line.weight
            response.score_ids.unlink()
            Score.create(
                [
                    {
                        "response_id": response.id,
                        "dimension_id": dimension.id,
                        "score": weighted / weights,
                        "weight": weights,
                    }
                    for dimension, (weighted, weights) in per_dimension.items()
                ]
            )
            response._write_answers(
                {
                    "state": "answered",
                    "answer_date": fields.Date.context_today(response),
                    "score": total / 100,
                }
            )
        responses._notify_low_scores()

    def _notify_low_scores(self):
        low = self.filtered(
            lambda r: (
                r.state == "answered"
                and not r.low_score_notified
                and float_compare(r.score, r.campaign_id.low_score_threshold, 2) < 0
            )
        )
        for response in low:
            response.activity_schedule(
                "sales_qms.mail_activity_type_low_satisfaction",
                user_id=(response.salesperson_id or response.campaign_id.user_id).id,
                note=self.env._(
                    "%(customer)s rated us %(score)s out of 100 in %(campaign)s: call "
                    "them, understand why and record what is done.",
                    customer=response.partner_id.name,
                    score=round(response.score, 2),
                    campaign=response.campaign_id.name,
                ),
            )
        low._write_answers({"low_score_notified": True})

    @api.model
    def _cron_send_reminders(self, batch_size=200):
        """Daily: remind the customers who have not answered, once each, in
        batches that resume."""
        domain = [
            ("state", "=", "invited"),
            ("campaign_id.state", "=", "running"),
            ("reminder_sent_on", "=", False),
            ("reminder_due_date", "<=", fields.Date.context_today(self)),
            ("contact_id.email", "!=", False),
        ]
        responses = self.search(domain, limit=batch_size)
        template = self.env.ref("sales_qms.mail_template_satisfaction_reminder")
        template.send_mail_batch(
            responses.ids, email_layout_xmlid="mail.mail_notification_light"
        )
        responses._write_answers({"reminder_sent_on": fields.Datetime.now()})
        self.env["ir.cron"]._notify_progress(
            done=len(responses), remaining=self.search_count(domain)
        )
        return responses
