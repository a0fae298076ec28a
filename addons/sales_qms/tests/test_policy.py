from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
class TestPolicy(SalesQmsCommon):
    def _approve(self, policy):
        """编制 and 审核 by the quality representatives, 批准 by top management."""
        return (
            self._prepare_and_review(policy)
            .with_user(self.top_manager)
            .action_approve()
        )

    def _policy(self, version, **vals):
        return self.env["sales.qms.policy"].create(
            {
                "version": version,
                "company_id": self.company.id,
                "content": f"<p>Customer first, quality first (v{version})</p>",
                **vals,
            }
        )

    @users("qms_manager")
    def test_approving_a_version_supersedes_the_previous_one(self):
        first = self._policy("1.0")
        self._approve(first)
        self.assertEqual(first.state, "approved")
        self.assertEqual(first.approved_by_id, self.top_manager)
        self.assertTrue(first.approved_on)
        second = self._policy("2.0")
        self._approve(second)
        self.assertEqual((first.state, second.state), ("superseded", "approved"))
        self.assertEqual(first.superseded_by_id, second)
        approved = self.env["sales.qms.policy"].search(
            [("company_id", "=", self.company.id), ("state", "=", "approved")]
        )
        self.assertEqual(approved, second)
        self.assertTrue(
            first.message_ids.filtered(lambda m: "Superseded" in (m.body or ""))
        )

    @users("qms_manager")
    def test_new_version_is_a_draft_copy(self):
        first = self._policy("1.0")
        self._approve(first)
        action = first.action_new_version()
        draft = self.env["sales.qms.policy"].browse(action["res_id"])
        self.assertEqual((draft.version, draft.state), ("2.0", "draft"))
        self.assertEqual(draft.content, first.content)

    @users("qms_manager")
    def test_bad_input(self):
        first = self._policy("1.0")
        self._approve(first)
        # approving a policy that is already approved or superseded
        with self.assertRaisesRegex(UserError, "not a draft"), self.env.cr.savepoint():
            first.action_approve()
        # approving two versions of one company at once
        second, third = self._policy("2.0"), self._policy("3.0")
        with (
            self.assertRaisesRegex(UserError, "one quality policy per company"),
            self.env.cr.savepoint(),
        ):
            (second | third).action_approve()
        self.assertEqual((second.state, third.state), ("draft", "draft"))
        # two policies in force, whichever way it is attempted: the approval
        # is not written by hand, and the database refuses a second one
        with self.assertRaises(AccessError):
            second.sudo().write({"state": "approved"})
        with (
            self.assertRaises(IntegrityError) as refused,
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            second.sudo()._write_approval({"state": "approved"})
        self.assertIn(
            "Only one quality policy can be in force",
            str(_as_validation_error(self.env, refused.exception)),
        )
        # the approved text is evidence: it never changes in place
        with self.assertRaises(UserError):
            first.content = "<p>Rewritten</p>"
        with self.assertRaises(UserError):
            first.unlink()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._policy("1.0")

    @users("qms_user")
    def test_user_drafts_but_cannot_approve(self):
        draft = self._policy("5.0")
        draft.content = "<p>Reworded</p>"
        with self.assertRaises(AccessError):
            draft.action_approve()
        # nor around the button
        with self.assertRaises(AccessError):
            draft.write({"state": "approved"})
        with self.assertRaises(AccessError):
            draft.write({"approved_by_id": self.env.uid})
        with self.assertRaises(AccessError):
            self._policy("6.0", state="approved")
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.approved_by_id)

    def test_employee_reads_only_the_policy_in_force(self):
        approved = self._policy("1.0")
        self._approve(approved)
        draft = self._policy("2.0")
        Policy = self.env["sales.qms.policy"].with_user(self.salesman_1)
        self.assertEqual(Policy.search([]), approved)
        with self.assertRaises(AccessError):
            draft.with_user(self.salesman_1).read(["content"])
        with self.assertRaises(AccessError):
            Policy.create(
                {"version": "9", "company_id": self.company.id, "content": "<p>x</p>"}
            )

    def test_one_policy_in_force_even_without_the_orm(self):
        """Two concurrent approvals cannot both pass: the database refuses,
        whatever the way the second one is written."""
        self._approve(self._policy("1.0"))
        draft = self._policy("2.0")
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE sales_qms_policy SET state = 'approved' WHERE id = %s",
                [draft.id],
            )

    def test_indicator_codes_unique_even_without_the_orm(self):
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            # a second shared indicator with the code of a shared one
            self.env.cr.execute(
                """INSERT INTO sales_qms_indicator
                          (name, code, source, unit, direction, active, sequence)
                   VALUES ('{"en_US": "Copy"}', 'SALE-AMOUNT', 'sale_amount',
                           'amount', 'higher', true, 10)"""
            )
        # a company's code may not reuse a shared one either
        with self.assertRaisesRegex(ValidationError, "already used"):
            self.indicators["sale_amount"].copy(
                {"code": "SALE-AMOUNT", "company_id": self.company.id}
            )
