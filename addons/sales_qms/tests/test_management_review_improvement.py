from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from .common_audit import SalesQmsAuditCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-07-20 04:00:00")
class TestManagementReviewImprovement(SalesQmsAuditCommon):
    """The audit, nonconformity and CAPA inputs of a management review of
    the first half of 2026, against figures counted by hand, and its
    decisions followed up as actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # audits planned in the half year: one carried out and closed, one not
        audit = cls.audit.with_user(cls.auditor)
        audit.action_load_checklist()
        audit.action_start()
        for line, result in zip(
            audit.line_ids, ("minor_nc", "conformity", "observation"), strict=True
        ):
            line.write({"result": result, "evidence": "Seen"})
        audit.action_report()
        audit.line_ids[0].action_raise_nonconformity()
        cls.audit_nc = audit.line_ids[0].nonconformity_id
        audit.with_user(cls.auditor).action_signoff_prepare()
        audit.with_user(cls.manager).action_signoff_review()
        audit.with_user(cls.manager_2).action_signoff_approve()
        audit.action_close()
        cls.not_carried_out = cls._create_audit(
            planned_date_start="2026-05-10", planned_date_end="2026-05-11"
        )
        cls._create_audit(
            planned_date_start="2026-09-01", planned_date_end="2026-09-02"
        )
        # nonconformities detected in the half year, one of them past due,
        # and actions done on time, late, or not yet: records of the past,
        # dated back in the database (the ORM dates a creation today)
        cls.nc_overdue = cls._nonconformity_for(date="2026-02-10", severity="minor")
        cls.nc_major = cls._nonconformity_for(date="2026-04-01", severity="major")
        cls.on_time = cls._action_for()
        cls.late = cls._action_for()
        cls.overdue = cls._action_for()
        for action, note in ((cls.on_time, "Rule extended"), (cls.late, "Trained")):
            action.with_user(cls.leader).write({"done_note": note})
            action.with_user(cls.leader).action_done()
        cls._backdate(cls.nc_overdue, deadline="2026-03-01")
        cls._backdate(cls.on_time, deadline="2026-03-01", done_date="2026-02-20")
        cls._backdate(cls.late, deadline="2026-03-15", done_date="2026-04-01")
        cls._backdate(cls.overdue, deadline="2026-05-01")

    @classmethod
    def _backdate(cls, record, **dates):
        record.flush_recordset()
        for name, value in dates.items():
            cls.env.cr.execute(
                SQL(
                    "UPDATE %s SET %s = %s WHERE id = %s",
                    SQL.identifier(record._table),
                    SQL.identifier(name),
                    value,
                    record.id,
                )
            )
        record.invalidate_recordset()

    @classmethod
    def _nonconformity_for(cls, **vals):
        return cls.env["sales.qms.nonconformity"].create(
            {
                "company_id": cls.company.id,
                "description": "Order confirmed before its review",
                "responsible_id": cls.leader.id,
                "deadline": "2099-01-01",
                **vals,
            }
        )

    @classmethod
    def _action_for(cls, **vals):
        return cls.env["sales.qms.action"].create(
            {
                "company_id": cls.company.id,
                "description": "Add the category to the review rules",
                "responsible_id": cls.leader.id,
                "deadline": "2099-01-01",
                **vals,
            }
        )

    def _review(self):
        return (
            self.env["sales.qms.management.review"]
            .with_user(self.manager)
            .create(
                {
                    "title": "H1 2026",
                    "company_id": self.company.id,
                    "date": "2026-07-20",
                    "date_from": "2026-01-01",
                    "date_to": "2026-06-30",
                    "chair_id": self.manager.id,
                }
            )
        )

    def _inputs(self, review, section):
        return {
            line.label: line for line in review.input_ids if line.section == section
        }

    def test_inputs_are_the_hand_computed_figures(self):
        review = self._review()
        review.action_gather_inputs()

        audits = self._inputs(review, "audit")
        planned = audits["Audits planned in the period"]
        self.assertEqual(planned.value, 2)
        self.assertEqual(
            sorted(planned.res_ids), sorted((self.audit | self.not_carried_out).ids)
        )
        done = audits["Audits carried out (reported or closed)"]
        self.assertEqual((done.value, done.status), (1, "not_met"))
        self.assertEqual(done.res_ids, self.audit.ids)
        minor = audits["Findings: Minor Nonconformity"]
        self.assertEqual((minor.value, minor.status), (1, "not_met"))
        self.assertEqual(audits["Findings: Observation"].value, 1)
        self.assertEqual(audits["Findings: Conformity"].status, "info")

        ncs = self._inputs(review, "nonconformity")
        raised = ncs["Nonconformities raised in the period"]
        self.assertEqual(
            sorted(raised.res_ids), sorted((self.nc_overdue | self.nc_major).ids)
        )
        self.assertEqual(ncs["Raised: Business Record, Major"].value, 1)
        self.assertEqual(ncs["Raised: Business Record, Minor"].value, 1)
        self.assertEqual(ncs["Nonconformities closed in the period"].value, 0)
        # the audit's nonconformity is detected in July: open, not raised in H1
        open_today = ncs["Nonconformities open on the day of the review"]
        self.assertEqual(open_today.value, 3)
        overdue = ncs["Open nonconformities past their deadline"]
        self.assertEqual(
            (overdue.value, overdue.status, overdue.res_ids),
            (1, "not_met", self.nc_overdue.ids),
        )

        capa = self._inputs(review, "capa")
        self.assertEqual(capa["Actions done in the period"].value, 2)
        on_time = capa["Actions done by their deadline"]
        self.assertEqual(
            (on_time.value, on_time.value_display, on_time.status, on_time.note),
            (50.0, "50.00 %", "not_met", "1 of 2"),
        )
        self.assertEqual(on_time.res_ids, self.on_time.ids)
        late = capa["Open actions past their deadline"]
        self.assertEqual((late.value, late.res_ids), (1, self.overdue.ids))
        self.assertEqual(capa["Actions verified not effective"].status, "info")

        # the figures of the day stay, whatever happens next
        self.overdue.with_user(self.leader).write({"done_note": "Done at last"})
        self.overdue.with_user(self.leader).action_done()
        review.action_hold()
        self.assertEqual(
            self._inputs(review, "capa")["Open actions past their deadline"].value, 1
        )

    def test_decisions_are_followed_up_as_actions(self):
        review = self._review()
        review.write(
            {
                "decision_ids": [
                    Command.create(
                        {
                            "description": "Extend the review rules to pumps",
                            "responsible_id": self.leader.id,
                            "deadline": "2026-08-31",
                        }
                    ),
                    Command.create(
                        {
                            "description": "Train the South team",
                            "responsible_id": self.member.id,
                            # decided on the day: due from the review's date
                            "deadline": "2026-07-20",
                        }
                    ),
                ]
            }
        )
        review.action_gather_inputs()
        self.assertFalse(review.action_ids)
        review.action_hold()
        actions = review.action_ids.sorted("deadline")
        self.assertEqual(len(actions), 2)
        self.assertEqual(set(actions.mapped("action_type")), {"improvement"})
        self.assertEqual(actions.mapped("responsible_id"), self.member | self.leader)
        self.assertEqual(actions.decision_id, review.decision_ids)
        self.assertEqual(review.action_count, 2)
        decision = review.decision_ids.filtered(
            lambda d: d.responsible_id == self.leader
        )
        self.assertEqual(decision.action_state, "open")
        action = decision.action_ids.with_user(self.leader)
        action.done_note = "Rules extended"
        action.action_done()
        self.assertEqual(decision.action_state, "done")
