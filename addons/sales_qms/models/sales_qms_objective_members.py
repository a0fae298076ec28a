from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# The member scope of a department objective: the scope of its children,
# and the scope the parent itself must have.
MEMBER_SCOPES = {"user": "team", "team": "company"}
# What a department objective passes on to its members' objectives.
INHERITED_FIELDS = ("indicator_id", "fiscal_year_id", "comparison", "company_id")


class SalesQmsObjective(models.Model):
    """One objective for every member: a department objective on a team
    ("each salesperson of the team") or on the company ("each team") keeps
    one child objective per member in step with the team — a new member gets
    theirs, a leaver's is archived with its history — and is measured as the
    sum (or the ratio of the sums) of its children's numerators and
    denominators, so the department's figure is exactly its members'."""

    _inherit = "sales.qms.objective"  # pylint: disable=consider-merging-classes-inherited

    member_scope = fields.Selection(
        [
            ("user", "Each Salesperson of the Team"),
            ("team", "Each Team of the Company"),
        ],
        string="One Objective for",
        tracking=True,
        help="Creates and keeps one objective per member, with the same "
        "indicator, target and year; this objective shows the department's "
        "figure and the members' ranking.",
    )
    parent_id = fields.Many2one(
        "sales.qms.objective",
        string="Department Objective",
        index=True,
        readonly=True,
        ondelete="restrict",
        check_company=True,
    )
    child_ids = fields.One2many(
        "sales.qms.objective",
        "parent_id",
        string="Members' Objectives",
        context={"active_test": False},
    )
    member_count = fields.Integer(compute="_compute_member_ranking")
    member_rank = fields.Integer(
        string="Rank",
        compute="_compute_member_ranking",
        help="Rank of this member's year to date among the department's members.",
    )
    follows_parent_target = fields.Boolean(
        string="Department Target",
        default=True,
        help="The target is the department objective's; a target set on this "
        "member's objective stays theirs.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("child_ids.year_value", "child_ids.active", "parent_id")
    def _compute_member_ranking(self):
        for objective in self:
            objective.member_count = len(objective.child_ids.filtered("active"))
            objective.member_rank = 0
        for parent in self.parent_id:
            siblings = parent.child_ids.filtered(
                lambda c: c.active and c.status != "no_data"
            )
            higher = parent.indicator_id.direction == "higher"
            ranked = siblings.sorted("year_value", reverse=higher)
            for rank, child in enumerate(ranked, start=1):
                if child in self:
                    child.member_rank = rank

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("member_scope", "scope_type", "parent_id")
    def _check_member_scope(self):
        labels = dict(self._fields["scope_type"]._description_selection(self.env))
        for objective in self:
            if not objective.member_scope:
                continue
            if objective.parent_id:
                raise ValidationError(
                    self.env._(
                        "%(objective)s is a member's objective: it cannot have "
                        "members of its own.",
                        objective=objective.name,
                    )
                )
            expected = MEMBER_SCOPES[objective.member_scope]
            if objective.scope_type != expected:
                raise ValidationError(
                    self.env._(
                        "%(objective)s: one objective for each member needs the "
                        "scope %(scope)s.",
                        objective=objective.name,
                        scope=labels[expected],
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("member_scope") for vals in vals_list):
            self._check_member_rights()
        objectives = super().create(vals_list)
        objectives.filtered("member_scope")._sync_members()
        return objectives

    def write(self, vals):
        if "member_scope" in vals:
            self._check_member_rights()
        if "target" in vals and "follows_parent_target" not in vals:
            # a target set on a member's own objective is theirs from now on
            vals = dict(vals, follows_parent_target=False)
        result = super().write(vals)
        parents = self.filtered("member_scope")
        if parents and (
            {"member_scope", "team_id", "active", "target", *INHERITED_FIELDS}
            & vals.keys()
        ):
            parents._pass_on_to_members(vals)
            parents._sync_members()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_members(self):
        # through the ORM, so a member's objective with closed months refuses
        self.with_context(active_test=False).child_ids.unlink()

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_member_rights(self):
        # an objective per salesperson measures colleagues: the quality
        # representative's or a sales manager's decision
        if not (self.env.su or self._user_sets_targets()):
            raise AccessError(
                self.env._(
                    "Only the quality representative or a sales manager sets an "
                    "objective for each member of a team."
                )
            )

    def _member_records(self):
        """The team's salespeople, or the company's teams, today."""
        self.ensure_one()
        if self.member_scope == "user":
            return self.team_id.sudo().member_ids.filtered(
                lambda u: u.active and not u.share and self.company_id in u.company_ids
            )
        return (
            self.env["crm.team"]
            .sudo()
            .search([("company_id", "in", [self.company_id.id, False])])
        )

    def _member_values(self, member):
        self.ensure_one()
        scope_field = "user_id" if self.member_scope == "user" else "team_id"
        owner = member if self.member_scope == "user" else member.user_id
        if not owner or owner.share or self.company_id not in owner.company_ids:
            owner = self.owner_id
        return {
            "name": f"{self.name} · {member.name}",
            "parent_id": self.id,
            "sequence": self.sequence,
            "scope_type": self.member_scope,
            scope_field: member.id,
            "owner_id": owner.id,
            "target": self.target,
            "follows_parent_target": True,
            **{
                fname: self[fname].id if fname.endswith("_id") else self[fname]
                for fname in INHERITED_FIELDS
            },
        }

    def _sync_members(self):
        """Keep one objective per member: create the newcomers', archive the
        leavers' (their measurements stay), bring back a returning member's.
        Run twice, it changes nothing the second time."""
        Objective = self.sudo().with_context(active_test=False)
        for parent in self.sudo().filtered(lambda o: o.active and o.member_scope):
            members = parent._member_records()
            children = Objective.search([("parent_id", "=", parent.id)])
            by_member = {child._get_scope_record(): child for child in children}
            to_create = [
                parent._member_values(member)
                for member in members
                if member not in by_member
            ]
            if to_create:
                created = Objective.create(to_create)
                parent.message_post(
                    body=self.env._(
                        "Objectives added for %(members)s.",
                        members=", ".join(
                            created.mapped(lambda c: c._get_scope_record().name)
                        ),
                    )
                )
            returning = children.filtered(
                lambda c, m=members: not c.active and c._get_scope_record() in m
            )
            leaving = children.filtered(
                lambda c, m=members: c.active and c._get_scope_record() not in m
            )
            if returning:
                returning.write({"active": True})
            if leaving:
                leaving.write({"active": False})
                parent.message_post(
                    body=self.env._(
                        "Objectives archived, with their measurements, for "
                        "%(members)s (no longer members).",
                        members=", ".join(
                            leaving.mapped(lambda c: c._get_scope_record().name)
                        ),
                    )
                )

    def _pass_on_to_members(self, vals):
        """What the department objective's change means for its members'."""
        for parent in self.sudo():
            children = parent.with_context(active_test=False).child_ids
            inherited = {
                fname: vals[fname] for fname in INHERITED_FIELDS if fname in vals
            }
            if inherited:
                children.write(inherited)
            if "target" in vals:
                children.filtered("follows_parent_target").write(
                    {"target": parent.target, "follows_parent_target": True}
                )
            if "active" in vals and not vals["active"]:
                children.filtered("active").write({"active": False})

    def _compute_measurements(self, periods=None, closing=None):
        """A department objective is measured from its members' objectives:
        they are measured first, then summed."""
        parents = self.sudo().filtered(
            lambda o: o.active and o.member_scope and o.indicator_id.source_installed
        )
        if not parents:
            return super()._compute_measurements(periods=periods, closing=closing)
        parents._sync_members()
        members = parents.child_ids.filtered("active")
        super(
            SalesQmsObjective, (self.sudo() - parents) | members
        )._compute_measurements(periods=periods, closing=closing)
        parents._compute_from_members(periods=periods, closing=closing)

    def _compute_from_members(self, periods=None, closing=None):
        """Months of the department objectives from the months of their
        members' objectives (archived ones included: a leaver's months count
        for the months they were members), in memory."""
        closing = closing or self.env["sales.qms.period"]
        Measurement = self.env["sales.qms.measurement"].sudo()
        children = self.with_context(active_test=False).child_ids
        existing = {
            (m.objective_id.id, m.date_from): m
            for m in Measurement.search(
                [
                    ("objective_id", "in", (self | children).ids),
                    ("period_type", "=", "month"),
                ]
            )
        }
        vals_to_create = []
        for parent in self:
            today = self._today(parent.company_id)
            kids = children.filtered(lambda c, p=parent: c.parent_id == p)
            for period in parent.fiscal_year_id.period_ids:
                if periods and period not in periods:
                    continue
                measurement = existing.get((parent.id, period.date_from))
                if measurement and period.state == "closed" and period not in closing:
                    continue  # frozen
                months = [
                    month
                    for kid in kids
                    if (month := existing.get((kid.id, period.date_from)))
                    and month.status != "no_data"
                ]
                numerator = sum(m.numerator for m in months)
                denominator = sum(m.denominator for m in months)
                value = None
                if months and period.date_from <= today:
                    value = parent.indicator_id._value_from(numerator, denominator)
                snapshot = None
                if (period.state == "closed" or period in closing) and (
                    period.date_from <= today
                ):
                    snapshot = sorted(
                        {i for m in months for i in (m.snapshot_record_ids or [])}
                    )
                parent._store_month(
                    period,
                    measurement,
                    (value, numerator, denominator),
                    snapshot,
                    vals_to_create,
                )
        Measurement.create(vals_to_create)
        self._compute_rollups()
        self.write({"last_computed_on": fields.Datetime.now(), "compute_error": False})

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_objective_action"
        )
        action["domain"] = [("parent_id", "=", self.id)]
        action["context"] = {"active_test": False}
        action["view_mode"] = "list,form"
        action["views"] = [(False, "list"), (False, "form")]
        return action
