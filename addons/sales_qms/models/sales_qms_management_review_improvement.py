"""The inputs of a management review from internal audits, nonconformities
and CAPA (ISO 9001 §9.3.2 c) 4) and 5)), and its decisions tracked as actions
(§9.3.3), through the review's extension points."""

from odoo import fields, models
from odoo.tools import float_compare, formatLang

NC_RESULTS = ("minor_nc", "major_nc")
OPEN_NC_STATES = ("draft", "in_progress", "verification")


class SalesQmsManagementReview(models.Model):
    _inherit = "sales.qms.management.review"  # pylint: disable=consider-merging-classes-inherited

    action_ids = fields.One2many(
        "sales.qms.action", "management_review_id", string="Actions Decided"
    )
    action_count = fields.Integer(compute="_compute_action_count")

    def _compute_action_count(self):
        if not self.env["sales.qms.action"].has_access("read"):
            # participants without quality rights see the decisions only
            self.action_count = 0
            return
        counts = dict(
            self.env["sales.qms.action"]._read_group(
                [("management_review_id", "in", self.ids)],
                ["management_review_id"],
                ["__count"],
            )
        )
        for review in self:
            review.action_count = counts.get(review._origin, 0)

    def action_hold(self):
        """Held: each decision (管理评审输出) becomes an improvement action,
        followed up, reminded and verified like any CAPA."""
        result = super().action_hold()
        self._create_decision_actions()
        return result

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_qms.sales_qms_action_action"
        )
        action["domain"] = [("management_review_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _create_decision_actions(self):
        decisions = self.decision_ids.filtered(lambda decision: not decision.action_ids)
        # the quality representative holding the review decides; the
        # responsible need not be able to create actions themselves
        self.env["sales.qms.action"].sudo().create(
            [
                {
                    "company_id": decision.review_id.company_id.id,
                    "action_type": "improvement",
                    "description": decision.description,
                    "responsible_id": decision.responsible_id.id,
                    "deadline": decision.deadline,
                    "management_review_id": decision.review_id.id,
                    "decision_id": decision.id,
                }
                for decision in decisions
            ]
        )

    def _get_input_sections(self):
        sections = super()._get_input_sections()
        position = next(
            (
                index + 1
                for index, (key, _method) in enumerate(sections)
                if key == "contract_review"
            ),
            len(sections),
        )
        return (
            sections[:position]
            + [
                ("audit", "_input_audit"),
                ("nonconformity", "_input_nonconformity"),
                ("capa", "_input_capa"),
            ]
            + sections[position:]
        )

    def _input_audit(self):
        """Internal audits (内审): those planned in the period, carried out or
        not, and their findings by result."""
        self.ensure_one()
        audits = dict(
            self.env["sales.qms.audit"]._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("planned_date_start", ">=", self.date_from),
                    ("planned_date_start", "<=", self.date_to),
                    ("state", "!=", "cancelled"),
                ],
                ["state"],
                ["id:array_agg"],
            )
        )
        planned_ids = sorted(i for ids in audits.values() for i in ids)
        done_ids = sorted(audits.get("reported", []) + audits.get("closed", []))

        def audits_text(count):
            return self.env._("%(count)s audits", count=count)

        lines = [
            {
                "label": self.env._("Audits planned in the period"),
                "value": len(planned_ids),
                "value_display": audits_text(len(planned_ids)),
                "res_model": "sales.qms.audit",
                "res_ids": planned_ids,
            },
            {
                "label": self.env._("Audits carried out (reported or closed)"),
                "value": len(done_ids),
                "value_display": audits_text(len(done_ids)),
                "target_display": audits_text(len(planned_ids)),
                "status": "met" if len(done_ids) == len(planned_ids) else "not_met",
                "res_model": "sales.qms.audit",
                "res_ids": done_ids,
            },
        ]
        results = dict(
            self.env["sales.qms.audit.line"]
            ._fields["result"]
            ._description_selection(self.env)
        )
        findings = self.env["sales.qms.audit.line"]._read_group(
            [
                ("audit_id.company_id", "=", self.company_id.id),
                ("audit_id.planned_date_start", ">=", self.date_from),
                ("audit_id.planned_date_start", "<=", self.date_to),
                ("audit_id.state", "in", ("reported", "closed")),
                ("result", "!=", False),
            ],
            ["result"],
            ["id:array_agg"],
        )
        for result, ids in sorted(
            findings, key=lambda row: list(results).index(row[0])
        ):
            lines.append(
                {
                    "label": self.env._(
                        "Findings: %(result)s", result=results.get(result, result)
                    ),
                    "value": len(ids),
                    "value_display": self.env._("%(count)s findings", count=len(ids)),
                    "status": "not_met" if result in NC_RESULTS else "info",
                    "res_model": "sales.qms.audit.line",
                    "res_ids": sorted(ids),
                }
            )
        return lines

    def _input_nonconformity(self):
        """Nonconformities (不合格): raised in the period by origin and
        severity, closed in the period, and those still open today with the
        overdue ones."""
        self.ensure_one()
        Nonconformity = self.env["sales.qms.nonconformity"]
        company = [("company_id", "=", self.company_id.id)]
        raised = Nonconformity._read_group(
            company
            + [
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("state", "!=", "cancelled"),
            ],
            ["origin", "severity"],
            ["id:array_agg"],
        )
        open_rows = Nonconformity._read_group(
            company + [("state", "in", OPEN_NC_STATES)],
            ["deadline:day"],
            ["id:array_agg"],
        )
        closed = Nonconformity._read_group(
            company
            + [
                ("state", "=", "closed"),
                ("closed_on", ">=", self.date_from),
                ("closed_on", "<=", self.date_to),
            ],
            [],
            ["id:array_agg"],
        )[0][0]

        def ncs(count):
            return self.env._("%(count)s nonconformities", count=count)

        origins = dict(Nonconformity._fields["origin"]._description_selection(self.env))
        severities = dict(
            Nonconformity._fields["severity"]._description_selection(self.env)
        )
        raised_ids = sorted(i for _origin, _severity, ids in raised for i in ids)
        lines = [
            {
                "label": self.env._("Nonconformities raised in the period"),
                "value": len(raised_ids),
                "value_display": ncs(len(raised_ids)),
                "res_model": "sales.qms.nonconformity",
                "res_ids": raised_ids,
            }
        ]
        for origin, severity, ids in raised:
            lines.append(
                {
                    "label": self.env._(
                        "Raised: %(origin)s, %(severity)s",
                        origin=origins.get(origin, origin),
                        severity=severities.get(severity, severity),
                    ),
                    "value": len(ids),
                    "value_display": ncs(len(ids)),
                    "res_model": "sales.qms.nonconformity",
                    "res_ids": sorted(ids),
                }
            )
        today = fields.Date.context_today(self)
        open_ids = sorted(i for _deadline, ids in open_rows for i in ids)
        overdue_ids = sorted(
            i
            for deadline, ids in open_rows
            if deadline and deadline < today
            for i in ids
        )
        closed_ids = sorted(closed or [])
        lines += [
            {
                "label": self.env._("Nonconformities closed in the period"),
                "value": len(closed_ids),
                "value_display": ncs(len(closed_ids)),
                "res_model": "sales.qms.nonconformity",
                "res_ids": closed_ids,
            },
            {
                "label": self.env._("Nonconformities open on the day of the review"),
                "value": len(open_ids),
                "value_display": ncs(len(open_ids)),
                "res_model": "sales.qms.nonconformity",
                "res_ids": open_ids,
            },
            {
                "label": self.env._("Open nonconformities past their deadline"),
                "value": len(overdue_ids),
                "value_display": ncs(len(overdue_ids)),
                "target_display": ncs(0),
                "status": "met" if not overdue_ids else "not_met",
                "res_model": "sales.qms.nonconformity",
                "res_ids": overdue_ids,
            },
        ]
        return lines

    def _input_capa(self):
        """Corrective and preventive actions (纠正/预防措施): those done in the
        period and how many on time, the open ones past their deadline, and
        the verifications that found an action not effective."""
        self.ensure_one()
        Action = self.env["sales.qms.action"]
        company = [("company_id", "=", self.company_id.id)]
        done_rows = Action._read_group(
            company
            + [
                ("state", "in", ("done", "verified")),
                ("done_date", ">=", self.date_from),
                ("done_date", "<=", self.date_to),
            ],
            ["done_date:day", "deadline:day"],
            ["id:array_agg"],
        )
        done_ids = sorted(i for _done, _deadline, ids in done_rows for i in ids)
        on_time_ids = sorted(
            i for done, deadline, ids in done_rows if done <= deadline for i in ids
        )
        today = fields.Date.context_today(self)
        overdue_ids = Action._read_group(
            company + [("state", "=", "open"), ("deadline", "<", today)],
            [],
            ["id:array_agg"],
        )[0][0]
        ineffective_ids = Action._read_group(
            company
            + [
                ("verification_result", "=", "ineffective"),
                ("verified_on", ">=", self.date_from),
                ("verified_on", "<=", self.date_to),
            ],
            [],
            ["id:array_agg"],
        )[0][0]

        def actions(count):
            return self.env._("%(count)s actions", count=count)

        lines = [
            {
                "label": self.env._("Actions done in the period"),
                "value": len(done_ids),
                "value_display": actions(len(done_ids)),
                "res_model": "sales.qms.action",
                "res_ids": done_ids,
            }
        ]
        if done_ids:
            rate = len(on_time_ids) / len(done_ids) * 100
            lines.append(
                {
                    "label": self.env._("Actions done by their deadline"),
                    "value": rate,
                    "value_display": f"{formatLang(self.env, rate, digits=2)} %",
                    "target_display": "100.00 %",
                    "status": "met"
                    if float_compare(rate, 100.0, precision_digits=2) >= 0
                    else "not_met",
                    "note": self.env._(
                        "%(on_time)s of %(done)s",
                        on_time=len(on_time_ids),
                        done=len(done_ids),
                    ),
                    "res_model": "sales.qms.action",
                    "res_ids": on_time_ids,
                }
            )
        overdue_ids = sorted(overdue_ids or [])
        ineffective_ids = sorted(ineffective_ids or [])
        lines += [
            {
                "label": self.env._("Open actions past their deadline"),
                "value": len(overdue_ids),
                "value_display": actions(len(overdue_ids)),
                "target_display": actions(0),
                "status": "met" if not overdue_ids else "not_met",
                "res_model": "sales.qms.action",
                "res_ids": overdue_ids,
            },
            {
                "label": self.env._("Actions verified not effective"),
                "value": len(ineffective_ids),
                "value_display": actions(len(ineffective_ids)),
                "status": "not_met" if ineffective_ids else "info",
                "res_model": "sales.qms.action",
                "res_ids": ineffective_ids,
            },
        ]
        return lines
