"""回访记录: a return visit, its check-in (外勤签到) and its verification.

The fields that prove a visit took place (check-in/out times and positions,
distances, verification) are written by the actions only, never by a plain
``write``: a salesperson cannot type a check-in into the record.
"""

import logging
import math
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .after_sales_visit_plan import VISIT_TYPES

_logger = logging.getLogger(__name__)

EARTH_RADIUS_M = 6371008.8
# Fields written by the actions only (the evidence of the visit).
PROTECTED_FIELDS = {
    "state",
    "date_done",
    "check_in_time",
    "check_in_latitude",
    "check_in_longitude",
    "check_in_distance",
    "check_in_in_range",
    "check_out_time",
    "check_out_latitude",
    "check_out_longitude",
    "check_out_distance",
    "verified_manually",
    "verify_reason",
    "verified_by_id",
    "verified_date",
    "rescheduled_to_id",
}
LOCKED_STATES = ("cancel", "rescheduled")


def haversine_distance(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = math.radians(lat2 - lat1)
    d_lambda = math.radians(lon2 - lon1)
    a = (
        math.sin(d_phi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


class AfterSalesVisit(models.Model):
    _name = "after.sales.visit"
    _description = "Return Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, default="/", index=True
    )
    plan_id = fields.Many2one(
        "after.sales.visit.plan",
        "Visit Plan",
        readonly=True,
        check_company=True,
        index=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(
        "Visit No.", readonly=True, help="Rank of the visit in the customer's plan."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        check_company=True,
        domain="[('parent_id', '=', partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        check_company=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        check_company=True,
        compute="_compute_team_id",
        store=True,
        readonly=False,
    )
    visit_type = fields.Selection(
        VISIT_TYPES, "Type", required=True, default="on_site", tracking=True
    )
    date_planned = fields.Date(
        "Planned Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
    )
    date_done = fields.Datetime("Done On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("done", "Done"),
            ("missed", "Missed"),
            ("rescheduled", "Rescheduled"),
            ("cancel", "Cancelled"),
        ],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    participant_ids = fields.Many2many(
        "res.users", string="Our Participants", check_company=True
    )
    customer_participants = fields.Char()
    issue_ids = fields.One2many("after.sales.visit.issue", "visit_id", "Issues")
    issue_count = fields.Integer(compute="_compute_issue_count")
    rating = fields.Selection(
        [
            ("1", "Very Poor"),
            ("2", "Poor"),
            ("3", "Fair"),
            ("4", "Good"),
            ("5", "Excellent"),
        ],
        "Customer Rating",
        help="The customer's rating of the visit, 1 to 5.",
    )
    summary = fields.Html()
    rescheduled_from_id = fields.Many2one(
        "after.sales.visit", readonly=True, copy=False, index=True
    )
    rescheduled_to_id = fields.Many2one("after.sales.visit", readonly=True, copy=False)
    # check-in (外勤签到)
    partner_latitude = fields.Float(related="partner_id.partner_latitude")
    partner_longitude = fields.Float(related="partner_id.partner_longitude")
    check_in_time = fields.Datetime(readonly=True, copy=False)
    check_in_latitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    check_in_longitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    check_in_distance = fields.Float(
        "Check-in Distance (m)", digits=(16, 0), readonly=True, copy=False
    )
    check_in_in_range = fields.Boolean(
        "Checked In at the Customer",
        readonly=True,
        copy=False,
        help="The check-in was within the allowed distance of the customer's "
        "coordinates.",
    )
    check_out_time = fields.Datetime(readonly=True, copy=False)
    check_out_latitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    check_out_longitude = fields.Float(digits=(10, 7), readonly=True, copy=False)
    check_out_distance = fields.Float(
        "Check-out Distance (m)", digits=(16, 0), readonly=True, copy=False
    )
    duration = fields.Float(
        "Time Spent (h)", compute="_compute_duration", store=True, aggregator="sum"
    )
    photo = fields.Image(max_width=1920, max_height=1920, copy=False)
    # verification
    verified_manually = fields.Boolean(readonly=True, copy=False, tracking=True)
    verify_reason = fields.Text("Verification Reason", readonly=True, copy=False)
    verified_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    verified_date = fields.Datetime(readonly=True, copy=False)
    is_verified = fields.Boolean(
        "Verified",
        compute="_compute_is_verified",
        store=True,
        tracking=True,
        help="A done visit is verified when it was checked in at the customer "
        "(on site), when it is a phone or online call, or when a manager "
        "verified it by hand. Only verified visits count in the indicators.",
    )
    verification_status = fields.Selection(
        [
            ("pending", "Not Done"),
            ("verified", "Verified"),
            ("manual", "Verified by Hand"),
            ("unverified", "Unverified"),
        ],
        compute="_compute_verification_status",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("user_id")
    def _compute_team_id(self):
        teams = {}
        for visit in self:
            user = visit.user_id
            if user and user not in teams:
                teams[user] = self.env["crm.team"]._get_default_team_id(
                    user_id=user.id,
                    domain=[("company_id", "in", [False, visit.company_id.id])],
                )
            visit.team_id = teams.get(user, False) if user else False

    def _compute_issue_count(self):
        counts = dict(
            self.env["after.sales.visit.issue"]._read_group(
                [("visit_id", "in", self.ids)], ["visit_id"], ["__count"]
            )
        )
        for visit in self:
            visit.issue_count = counts.get(visit, 0)

    @api.depends("check_in_time", "check_out_time")
    def _compute_duration(self):
        for visit in self:
            if visit.check_in_time and visit.check_out_time:
                seconds = (visit.check_out_time - visit.check_in_time).total_seconds()
                visit.duration = round(seconds / 3600.0, 2)
            else:
                visit.duration = 0.0

    @api.depends("state", "visit_type", "check_in_in_range", "verified_manually")
    def _compute_is_verified(self):
        for visit in self:
            visit.is_verified = visit.state == "done" and (
                visit.verified_manually
                or visit.visit_type != "on_site"
                or visit.check_in_in_range
            )

    @api.depends("state", "is_verified", "verified_manually")
    def _compute_verification_status(self):
        for visit in self:
            if visit.state != "done":
                visit.verification_status = "pending"
            elif visit.verified_manually:
                visit.verification_status = "manual"
            elif visit.is_verified:
                visit.verification_status = "verified"
            else:
                visit.verification_status = "unverified"

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("partner_id", "contact_id")
    def _check_contact(self):
        for visit in self:
            if (
                visit.contact_id
                and visit.contact_id.commercial_partner_id
                != visit.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The contact %(contact)s does not belong to the customer "
                        "%(customer)s.",
                        contact=visit.contact_id.display_name,
                        customer=visit.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def init(self):
        # one visit per (plan, customer, rank) whatever runs the generation:
        # the cron's idempotence rests on this index, not on a search
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS after_sales_visit_plan_key_uniq "
                "ON after_sales_visit (plan_id, partner_id, sequence) "
                "WHERE plan_id IS NOT NULL AND rescheduled_from_id IS NULL"
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(PROTECTED_FIELDS & set(vals) for vals in vals_list):
            raise UserError(
                self.env._(
                    "The state, check-in and verification of a visit are set "
                    "by its buttons only."
                )
            )
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._next_names(len(unnamed)), strict=True):
            vals["name"] = name
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and PROTECTED_FIELDS & set(vals):
            raise UserError(
                self.env._(
                    "The state, check-in and verification of a visit are set "
                    "by its buttons only."
                )
            )
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            self._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        if any(visit.state not in ("planned", "cancel") for visit in self):
            raise UserError(
                self.env._(
                    "A visit done, missed or rescheduled is a record: cancel "
                    "it instead of deleting it."
                )
            )
        if any(visit.check_in_time for visit in self):
            raise UserError(self.env._("A checked-in visit cannot be deleted."))

    # ------------------------------------------------------------
    # ACTION METHODS
    # ------------------------------------------------------------

    def action_check_in(self, latitude, longitude):
        """外勤签到: record where and when the salesperson checked in.

        :param latitude: WGS84 latitude in degrees, from the browser
        :param longitude: WGS84 longitude in degrees
        """
        self.ensure_one()
        self.check_access("write")
        latitude, longitude = self._check_coordinates(latitude, longitude)
        if self.state != "planned":
            raise UserError(self.env._("Only a planned visit can be checked in."))
        if self.check_in_time:
            raise UserError(self.env._("This visit is already checked in."))
        distance, in_range = self._distance_to_customer(latitude, longitude)
        self.sudo().write(
            {
                "check_in_time": fields.Datetime.now(),
                "check_in_latitude": latitude,
                "check_in_longitude": longitude,
                "check_in_distance": distance if distance is not None else 0.0,
                "check_in_in_range": in_range,
            }
        )
        if distance is None:
            message = self.env._(
                "Checked in; the customer has no coordinates, so the distance "
                "is unknown and the visit cannot be verified by its check-in."
            )
        else:
            message = self.env._(
                "Checked in %(distance)s m from the customer (%(verdict)s).",
                distance=round(distance),
                verdict=self.env._("within range")
                if in_range
                else self.env._("too far"),
            )
        self.message_post(body=message)
        return True

    def action_check_out(self, latitude, longitude):
        """签退: record where and when the salesperson left."""
        self.ensure_one()
        self.check_access("write")
        latitude, longitude = self._check_coordinates(latitude, longitude)
        if not self.check_in_time:
            raise UserError(self.env._("Check in before checking out."))
        if self.check_out_time:
            raise UserError(self.env._("This visit is already checked out."))
        distance, _in_range = self._distance_to_customer(latitude, longitude)
        self.sudo().write(
            {
                "check_out_time": fields.Datetime.now(),
                "check_out_latitude": latitude,
                "check_out_longitude": longitude,
                "check_out_distance": distance if distance is not None else 0.0,
            }
        )
        return True

    def action_done(self):
        self.check_access("write")
        for visit in self:
            if visit.state not in ("planned", "missed"):
                raise UserError(
                    self.env._(
                        "Visit %(visit)s cannot be marked done in its state.",
                        visit=visit.name,
                    )
                )
            if not visit.rating:
                raise UserError(
                    self.env._(
                        "Visit %(visit)s: record the customer's rating first.",
                        visit=visit.name,
                    )
                )
        self.sudo().write({"state": "done", "date_done": fields.Datetime.now()})
        self.activity_feedback(
            ["after_sales.mail_activity_type_visit"],
            feedback=self.env._("Visit done"),
        )
        return True

    def action_cancel(self):
        self.check_access("write")
        if any(visit.state not in ("planned", "missed") for visit in self):
            raise UserError(self.env._("Only a planned or missed visit is cancelled."))
        self.sudo().write({"state": "cancel"})
        self.activity_unlink(["after_sales.mail_activity_type_visit"])
        return True

    def action_reschedule(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reschedule the Visit"),
            "res_model": "after.sales.visit.reschedule",
            "view_mode": "form",
            "target": "new",
            "context": {"default_visit_id": self.id},
        }

    def action_verify(self):
        self.ensure_one()
        self._check_verifier()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Verify the Visit by Hand"),
            "res_model": "after.sales.visit.verify",
            "view_mode": "form",
            "target": "new",
            "context": {"default_visit_id": self.id},
        }

    def action_export_xlsx(self):
        return self.env["sales.qms.xlsx"]._action_download("visit_record", self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_editable(self):
        if self.env.su:
            return
        for visit in self:
            if visit.state in LOCKED_STATES:
                raise UserError(
                    self.env._(
                        "Visit %(visit)s is cancelled or rescheduled: it can no "
                        "longer be changed.",
                        visit=visit.name,
                    )
                )

    def _check_verifier(self):
        if not self.env.user.has_group("after_sales.group_after_sales_manager"):
            raise UserError(
                self.env._("Only an after-sales manager verifies a visit by hand.")
            )

    @api.model
    def _check_coordinates(self, latitude, longitude):
        try:
            latitude, longitude = float(latitude), float(longitude)
        except (TypeError, ValueError):
            raise UserError(
                self.env._("The position sent by the device is not a number.")
            ) from None
        if not (
            math.isfinite(latitude)
            and math.isfinite(longitude)
            and -90.0 <= latitude <= 90.0
            and -180.0 <= longitude <= 180.0
        ):
            raise UserError(
                self.env._(
                    "The position sent by the device is not valid (latitude "
                    "-90 to 90, longitude -180 to 180)."
                )
            )
        return latitude, longitude

    def _distance_to_customer(self, latitude, longitude):
        """``(metres or None, within the company's max distance)``."""
        partner = self.partner_id.commercial_partner_id
        if not partner.partner_latitude and not partner.partner_longitude:
            return None, False
        distance = haversine_distance(
            latitude, longitude, partner.partner_latitude, partner.partner_longitude
        )
        max_distance = self.company_id.after_sales_checkin_max_distance
        return distance, distance <= max_distance

    @api.model
    def _next_names(self, count):
        """``count`` visit numbers from the sequence in one query."""
        if not count:
            return []
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "after.sales.visit"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence.next_by_id() for _i in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        return [sequence.get_next_char(row[0]) for row in self.env.cr.fetchall()]

    @api.model
    def _cron_generate_visits(self, batch_size=500):
        """Create the visits of confirmed plans due within the lead time
        (company setting), with an activity for the salesperson.

        One batch per call; the scheduler calls again while work remains
        (``_notify_progress``). Idempotent: what exists is skipped, and the
        unique index refuses a duplicate a concurrent run would create.
        """
        today = fields.Date.context_today(self)
        plans = self.env["after.sales.visit.plan"].search([("state", "=", "confirmed")])
        self.env["after.sales.visit"].flush_model(
            ["plan_id", "partner_id", "sequence", "rescheduled_from_id"]
        )
        existing = defaultdict(set)
        if plans:
            visits = (
                self.env["after.sales.visit"]
                .sudo()
                .search_fetch(
                    [
                        ("plan_id", "in", plans.ids),
                        ("rescheduled_from_id", "=", False),
                    ],
                    ["plan_id", "partner_id", "sequence"],
                    order="id",
                )
            )
            for visit in visits:
                existing[visit.plan_id.id].add((visit.partner_id.id, visit.sequence))
        lines_by_plan = defaultdict(list)
        if plans:
            lines = self.env["after.sales.visit.plan.line"].search_fetch(
                [("plan_id", "in", plans.ids)],
                ["plan_id", "partner_id", "user_id"],
                order="id",
            )
            for line in lines:
                lines_by_plan[line.plan_id.id].append(line)
        todo = []
        for plan in plans:
            lead = timedelta(days=plan.company_id.after_sales_visit_lead_days)
            plan_existing = existing[plan.id]
            for line in lines_by_plan[plan.id]:
                partner_id = line.partner_id.id
                for rank in range(1, plan.visits_per_customer + 1):
                    if (partner_id, rank) in plan_existing:
                        continue
                    planned = plan._planned_date(partner_id, rank)
                    if planned - lead <= today:
                        todo.append((plan, line, rank, planned))
        batch, remaining = todo[:batch_size], max(len(todo) - batch_size, 0)
        self._create_planned_visits(batch)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        return len(batch), remaining

    def _create_planned_visits(self, batch):
        if not batch:
            return self.browse()
        Visit = self.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_activity_quick_update=True,
        )
        teams = {}
        vals_list = []
        for plan, line, rank, planned in batch:
            user = line.user_id
            key = (user.id, plan.company_id.id)
            if user and key not in teams:
                teams[key] = (
                    self.env["crm.team"]
                    ._get_default_team_id(
                        user_id=user.id,
                        domain=[("company_id", "in", [False, plan.company_id.id])],
                    )
                    .id
                )
            vals_list.append(
                {
                    "plan_id": plan.id,
                    "partner_id": line.partner_id.id,
                    "sequence": rank,
                    "company_id": plan.company_id.id,
                    "user_id": user.id,
                    "team_id": teams.get(key) if user else False,
                    "visit_type": plan.visit_type,
                    "date_planned": planned,
                }
            )
        # the visit numbers come from the sequence of the visit's company:
        # one create per company, in the batch's order
        by_company = defaultdict(list)
        for index, (plan, _line, _rank, _date) in enumerate(batch):
            by_company[plan.company_id].append(index)
        created = {}
        for company, indexes in by_company.items():
            company_visits = (
                Visit.sudo()
                .with_company(company)
                .create([vals_list[index] for index in indexes])
            )
            created.update(zip(indexes, company_visits.ids, strict=True))
        visits = Visit.sudo().browse([created[index] for index in range(len(batch))])
        activity_type = self.env.ref("after_sales.mail_activity_type_visit")
        model_id = self.env["ir.model"]._get_id("after.sales.visit")
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": visit.id,
                    "activity_type_id": activity_type.id,
                    "date_deadline": visit.date_planned,
                    # a customer without salesperson: the plan's author
                    "user_id": visit.user_id.id or plan.create_uid.id,
                    "summary": visit.name,
                }
                for visit, (plan, _line, _rank, _date) in zip(
                    visits, batch, strict=True
                )
            ]
        )
        return visits

    @api.model
    def _cron_flag_missed(self, batch_size=1000):
        """Flag the planned visits whose date has passed as missed (one batch
        per call, idempotent: only planned visits are considered)."""
        today = fields.Date.context_today(self)
        domain = [("state", "=", "planned"), ("date_planned", "<", today)]
        visits = self.search(domain, limit=batch_size, order="id")
        remaining = self.search_count(domain) - len(visits) if visits else 0
        visits.sudo().with_context(tracking_disable=True).write({"state": "missed"})
        self.env["ir.cron"]._notify_progress(done=len(visits), remaining=remaining)
        return len(visits), remaining

    def _reschedule(self, new_date):
        """Move the visit to ``new_date``: a new planned visit replaces it and
        keeps its place in the plan; the old one stays as ``rescheduled``."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("planned", "missed"):
            raise UserError(
                self.env._("Only a planned or missed visit can be rescheduled.")
            )
        if self.check_in_time:
            raise UserError(self.env._("A checked-in visit cannot be rescheduled."))
        if not new_date or new_date < fields.Date.context_today(self):
            raise UserError(self.env._("Reschedule the visit to today or later."))
        new_visit = self.sudo().copy(
            {
                "date_planned": new_date,
                "rescheduled_from_id": self.id,
                "plan_id": self.plan_id.id,
                "sequence": self.sequence,
            }
        )
        self.sudo().write({"state": "rescheduled", "rescheduled_to_id": new_visit.id})
        self.activity_unlink(["after_sales.mail_activity_type_visit"])
        new_visit.sudo().activity_schedule(
            "after_sales.mail_activity_type_visit",
            date_deadline=new_date,
            summary=new_visit.name,
            user_id=(new_visit.user_id or self.env.user).id,
        )
        self.message_post(
            body=self.env._(
                "Rescheduled to %(date)s: %(visit)s",
                date=fields.Date.to_string(new_date),
                visit=new_visit.name,
            )
        )
        return new_visit.with_env(self.env)

    def _xlsx_visit_record(self):
        """回访记录表: the selected visits with their issues, one row per
        issue (a visit without issue has one row)."""
        visits = self.sorted(lambda visit: (visit.date_planned, visit.name))
        type_labels = dict(self._fields["visit_type"]._description_selection(self.env))
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        status_labels = dict(
            self._fields["verification_status"]._description_selection(self.env)
        )
        Issue = self.env["after.sales.visit.issue"]
        category_labels = dict(
            Issue._fields["category"]._description_selection(self.env)
        )
        yes, no = self.env._("Yes"), self.env._("No")
        columns = [
            {"label": self.env._("Number"), "width": 14},
            {"label": self.env._("Planned Date"), "width": 12, "type": "date"},
            {"label": self.env._("Customer"), "width": 28},
            {"label": self.env._("Contact"), "width": 14},
            {"label": self.env._("Salesperson"), "width": 12},
            {"label": self.env._("Type"), "width": 10},
            {"label": self.env._("Status"), "width": 10},
            {"label": self.env._("Verification"), "width": 12},
            {
                "label": self.env._("Check-in Distance (m)"),
                "width": 12,
                "type": "integer",
            },
            {"label": self.env._("Time Spent (h)"), "width": 10, "type": "number"},
            {"label": self.env._("Customer Rating"), "width": 10, "type": "integer"},
            {"label": self.env._("Issue Category"), "width": 10},
            {"label": self.env._("Issue"), "width": 40},
            {"label": self.env._("Answer on the Spot"), "width": 40},
            {"label": self.env._("Needs Follow-up"), "width": 10},
        ]

        def rows():
            for visit in visits:
                head = [
                    visit.name,
                    visit.date_planned,
                    visit.partner_id.display_name,
                    visit.contact_id.name or "",
                    visit.user_id.name or "",
                    type_labels.get(visit.visit_type, ""),
                    state_labels.get(visit.state, ""),
                    status_labels.get(visit.verification_status, ""),
                    round(visit.check_in_distance) if visit.check_in_time else None,
                    visit.duration or None,
                    int(visit.rating) if visit.rating else None,
                ]
                if not visit.issue_ids:
                    yield [*head, "", "", "", ""]
                for issue in visit.issue_ids:
                    yield [
                        *head,
                        category_labels.get(issue.category, ""),
                        issue.description or "",
                        issue.answer or "",
                        yes if issue.needs_follow_up else no,
                    ]

        title = self.env._("Return Visit Records")
        content = self.env["sales.qms.xlsx"]._render_table(
            [{"name": title, "title": title, "columns": columns, "rows": rows()}],
            title=title,
        )
        return "visit_records.xlsx", content
