import io
from datetime import datetime, timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SalesQmsCommon


class PolicyCommunicationCommon(SalesQmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an audience of our own: the test does not depend on the database's users
        cls.audience = cls.env["res.groups"].create({"name": "Policy audience"})
        cls.stranger = new_test_user(
            cls.env,
            "qms_policy_stranger",
            groups="base.group_user",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.leaver = new_test_user(
            cls.env,
            "qms_policy_leaver",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.audience.users = (
            cls.salesman_1 | cls.salesman_2 | cls.qms_user | cls.stranger | cls.leaver
        )
        cls.leaver.active = False
        cls.activity_type = cls.env.ref(
            "sales_qms.mail_activity_type_policy_acknowledgement"
        )

    def _draft(self, version, **vals):
        return self.env["sales.qms.policy"].create(
            {
                "version": version,
                "company_id": self.company.id,
                "content": f"<p>Customer first, quality first (v{version})</p>",
                "audience_group_ids": [Command.set(self.audience.ids)],
                **vals,
            }
        )

    def _approve(self, policy):
        self._prepare_and_review(policy)
        policy.with_user(self.top_manager).action_approve()
        return policy

    def _acknowledgements(self, policy):
        return self.env["sales.qms.policy.acknowledgement"].search(
            [("policy_id", "=", policy.id)]
        )

    def _to_dos(self, policy):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "sales.qms.policy"),
                ("res_id", "=", policy.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestPolicyApproval(PolicyCommunicationCommon):
    """ISO 9001 §5.2: the quality representative drafts the policy, top
    management approves it."""

    def test_quality_representative_drafts_top_management_approves(self):
        policy = self._prepare_and_review(self._draft("1.0"))
        as_representative = policy.with_user(self.qms_manager)
        self.assertFalse(as_representative.signoff_can_approve)
        for method in ("action_approve", "action_signoff_approve"):
            with self.assertRaisesRegex(AccessError, "top management"):
                getattr(as_representative, method)()
        self.assertEqual((policy.state, policy.signoff_state), ("draft", "reviewed"))
        as_top = policy.with_user(self.top_manager)
        self.assertTrue(as_top.signoff_can_approve)
        as_top.action_approve()
        self.assertEqual(
            (policy.state, policy.approved_by_id), ("approved", self.top_manager)
        )

    def test_the_companys_designated_top_manager_approves(self):
        general_manager = new_test_user(
            self.env,
            "qms_policy_gm",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        policy = self._prepare_and_review(self._draft("1.0"))
        with self.assertRaisesRegex(AccessError, "top management"):
            policy.with_user(general_manager).action_approve()
        self.company.qms_top_manager_id = general_manager
        # designated, they read the draft they approve
        self.assertEqual(policy.with_user(general_manager).signoff_state, "reviewed")
        policy.with_user(general_manager).action_approve()
        self.assertEqual(policy.approved_by_id, general_manager)
        # designated in their company only
        other = self.env["sales.qms.policy"].create(
            {"company_id": self.other_company.id, "content": "<p>Other</p>"}
        )
        self._prepare_and_review(other)
        with self.assertRaises(AccessError):
            other.with_user(general_manager).action_approve()
        self.assertEqual(other.state, "draft")


@tagged("post_install", "-at_install")
class TestPolicyCommunication(PolicyCommunicationCommon):
    """ISO 9001 §5.2.2: the policy in force is communicated, each person of
    its audience confirms they have read it."""

    def test_the_version_in_force_asks_its_audience_once(self):
        policy = self._approve(self._draft("1.0"))
        acknowledgements = self._acknowledgements(policy)
        # the audience's active users of the policy's company, no one else
        self.assertEqual(
            acknowledgements.user_id, self.salesman_1 | self.salesman_2 | self.qms_user
        )
        self.assertEqual(set(acknowledgements.mapped("state")), {"pending"})
        self.assertEqual(
            self._to_dos(policy).user_id,
            self.salesman_1 | self.salesman_2 | self.qms_user,
        )
        self.assertEqual(
            (policy.acknowledged_count, policy.acknowledgement_count), (0, 3)
        )
        policy._request_acknowledgements()
        self.assertEqual(len(self._acknowledgements(policy)), 3)
        self.assertEqual(len(self._to_dos(policy)), 3)

    def test_a_version_waiting_for_its_date_asks_nobody_yet(self):
        with freeze_time("2026-04-15 06:00:00"):
            policy = self._approve(self._draft("1.0", effective_date="2026-05-01"))
            self.assertEqual(policy.state, "scheduled")
            self.assertFalse(self._acknowledgements(policy))
        with freeze_time("2026-05-01 01:00:00"):  # 09:00 in Shanghai
            self.env["sales.qms.policy"]._cron_put_in_force()
        self.assertEqual(policy.state, "approved")
        self.assertEqual(len(self._acknowledgements(policy)), 3)

    def test_each_person_acknowledges_their_own(self):
        policy = self._approve(self._draft("1.0"))
        as_salesman = policy.with_user(self.salesman_1)
        self.assertTrue(as_salesman.acknowledgement_pending)
        self.assertFalse(policy.with_user(self.sale_manager).acknowledgement_pending)
        as_salesman.action_acknowledge()
        mine = self._acknowledgements(policy).filtered(
            lambda a: a.user_id == self.salesman_1
        )
        self.assertEqual(mine.state, "done")
        self.assertTrue(mine.acknowledged_on)
        # their to-do is done, the others' stay
        self.assertEqual(self._to_dos(policy).user_id, self.salesman_2 | self.qms_user)
        policy.invalidate_recordset()
        self.assertEqual(
            (policy.acknowledged_count, policy.acknowledgement_count), (1, 3)
        )
        self.assertFalse(as_salesman.acknowledgement_pending)
        with self.assertRaisesRegex(UserError, "nothing to acknowledge"):
            as_salesman.action_acknowledge()
        # someone outside the audience has nothing to confirm
        with self.assertRaisesRegex(UserError, "nothing to acknowledge"):
            policy.with_user(self.sale_manager).action_acknowledge()

    def test_nobody_writes_an_acknowledgement_by_hand(self):
        policy = self._approve(self._draft("1.0"))
        Acknowledgement = self.env["sales.qms.policy.acknowledgement"]
        colleague = self._acknowledgements(policy).filtered(
            lambda a: a.user_id == self.salesman_2
        )
        for user in (self.salesman_1, self.salesman_2, self.qms_manager):
            with self.assertRaises(AccessError):
                colleague.with_user(user).write({"state": "done"})
            with self.assertRaises(AccessError):
                Acknowledgement.with_user(user).create(
                    {"policy_id": policy.id, "user_id": user.id}
                )
            with self.assertRaises(AccessError):
                colleague.with_user(user).unlink()
        self.assertEqual(colleague.state, "pending")

    def test_who_sees_whom(self):
        policy = self._approve(self._draft("1.0"))
        Acknowledgement = self.env["sales.qms.policy.acknowledgement"]
        as_salesman = Acknowledgement.with_user(self.salesman_1)
        own = as_salesman.search([("policy_id", "=", policy.id)])
        self.assertEqual(own.user_id, self.salesman_1)
        self.assertEqual(
            as_salesman._read_group([("policy_id", "=", policy.id)], [], ["__count"]),
            [(1,)],
        )
        colleague = self._acknowledgements(policy) - own
        with self.assertRaises(AccessError):
            colleague.with_user(self.salesman_1).read(["state"])
        # the quality representative and the auditor see everybody
        for reader in (self.qms_manager, self.top_manager):
            self.assertEqual(
                len(
                    Acknowledgement.with_user(reader).search(
                        [("policy_id", "=", policy.id)]
                    )
                ),
                3,
            )

    def test_reminders_are_sent_once(self):
        with freeze_time("2026-03-02 02:00:00"):
            policy = self._approve(self._draft("1.0"))
            policy.with_user(self.salesman_1).action_acknowledge()
        Policy = self.env["sales.qms.policy"]

        def reminders():
            return self.env["mail.message"].search(
                [
                    ("model", "=", "sales.qms.policy"),
                    ("res_id", "=", policy.id),
                    ("subject", "ilike", "Reminder"),
                ]
            )

        with freeze_time("2026-03-05 02:00:00"):
            Policy._cron_remind_acknowledgements()
        self.assertFalse(reminders(), "not before the days given to read it")
        with freeze_time("2026-03-10 02:00:00"):
            Policy._cron_remind_acknowledgements()
            Policy._cron_remind_acknowledgements()
        self.assertEqual(len(reminders()), 1)
        self.assertEqual(
            reminders().partner_ids,
            (self.salesman_2 | self.qms_user).partner_id,
            "those who have not read it, not those who have",
        )
        reminded = self._acknowledgements(policy).filtered("reminded_on")
        self.assertEqual(reminded.user_id, self.salesman_2 | self.qms_user)
        with freeze_time("2026-03-20 02:00:00"):
            Policy._cron_remind_acknowledgements()
        self.assertEqual(len(reminders()), 1)

    def test_a_new_version_closes_the_old_ones_reading(self):
        first = self._approve(self._draft("1.0"))
        first.with_user(self.salesman_1).action_acknowledge()
        second = self._approve(self._draft("2.0"))
        self.assertEqual(first.state, "superseded")
        states = {a.user_id: a.state for a in self._acknowledgements(first)}
        self.assertEqual(
            states,
            {
                self.salesman_1: "done",
                self.salesman_2: "superseded",
                self.qms_user: "superseded",
            },
        )
        self.assertFalse(self._to_dos(first))
        self.assertEqual(len(self._acknowledgements(second)), 3)
        self.assertEqual(len(self._to_dos(second)), 3)

    def test_acknowledgements_xlsx(self):
        policy = self._approve(self._draft("1.0"))
        policy.with_user(self.salesman_1).action_acknowledge()
        Xlsx = self.env["sales.qms.xlsx"]

        def rows(user):
            _name, content = Xlsx.with_user(user)._render_report(
                "policy_acknowledgement", policy.with_user(user)
            )
            sheet = load_workbook(io.BytesIO(content)).active
            values = [[cell.value for cell in row] for row in sheet.iter_rows()]
            # title, subtitle, header, then one row per person
            self.assertIn("read by 1 of 3", values[1][0])
            return values[3:]

        lines = rows(self.qms_manager)
        not_read = (self.qms_user | self.salesman_2).sorted("name")
        self.assertEqual(
            [(line[0], line[2], line[3]) for line in lines],
            [
                (1, not_read[0].login, "Not Yet Read"),
                (2, not_read[1].login, "Not Yet Read"),
                (3, self.salesman_1.login, "Read"),
            ],
        )
        self.assertTrue(lines[2][5], "the time it was read")
        # a salesperson's download holds their own line only
        self.assertEqual(
            [line[2] for line in rows(self.salesman_1)], [self.salesman_1.login]
        )


@tagged("post_install", "-at_install")
class TestPolicyCommunicationUi(HttpCase):
    def test_salesperson_acknowledges_the_new_policy(self):
        salesman = new_test_user(
            self.env,
            "qms_policy_tour_salesman",
            groups="sales_team.group_sale_salesman",
        )
        audience = self.env["res.groups"].create(
            {"name": "Tour audience", "users": [Command.set(salesman.ids)]}
        )
        policy = self.env["sales.qms.policy"].create(
            {
                "version": "99.0",
                "company_id": self.env.company.id,
                "content": "<p>Customer first, quality first, zero defects</p>",
                "audience_group_ids": [Command.set(audience.ids)],
            }
        )
        # signed by three people, then in force: superseding the current one;
        # the signers of the database's own rules are not the test's
        self.env["sales.qms.signoff.rule"].search(
            [("res_model", "=", "sales.qms.policy")]
        ).unlink()
        signers = [
            new_test_user(self.env, f"qms_policy_tour_{role}", groups=groups)
            for role, groups in (
                ("author", "sales_qms.group_sales_qms_manager"),
                ("reviewer", "sales_qms.group_sales_qms_manager"),
                ("top", "sales_qms.group_sales_qms_top_management"),
            )
        ]
        policy.with_user(signers[0]).action_signoff_prepare()
        policy.with_user(signers[1]).action_signoff_review()
        policy.with_user(signers[2]).action_approve()
        self.assertEqual(policy.state, "approved")
        self.start_tour(
            f"/odoo/action-sales_qms.sales_qms_policy_action/{policy.id}",
            "sales_qms_policy_acknowledgement_tour",
            login=salesman.login,
        )
        acknowledgement = self.env["sales.qms.policy.acknowledgement"].search(
            [("policy_id", "=", policy.id), ("user_id", "=", salesman.id)]
        )
        self.assertEqual(acknowledgement.state, "done")
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "sales.qms.policy"),
                    ("res_id", "=", policy.id),
                    ("user_id", "=", salesman.id),
                ]
            )
        )
        self.assertLessEqual(
            acknowledgement.acknowledged_on, datetime.now() + timedelta(minutes=1)
        )
