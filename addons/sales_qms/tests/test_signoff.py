import io

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
class TestSignoff(SalesQmsCommon):
    """编制 → 审核 → 批准 on a controlled record, the quality policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["sales.qms.policy"].create(
            {
                "version": "1.0",
                "company_id": cls.company.id,
                "content": "<p>Customer first, quality first</p>",
            }
        )

    def _as(self, user, record=None):
        return (record or self.policy).with_user(user)

    def test_steps_in_order_by_three_people(self):
        # nothing can be reviewed or approved before it is prepared
        with self.assertRaisesRegex(UserError, "must be prepared"):
            self._as(self.signoff_reviewer).action_signoff_review()
        with self.assertRaisesRegex(UserError, "must be reviewed"):
            self._as(self.top_manager).action_approve()
        self.assertEqual(self.policy.signoff_state, "draft")

        self._as(self.signoff_author).action_signoff_prepare()
        self.assertEqual(self.policy.signoff_prepared_by_id, self.signoff_author)
        self.assertTrue(self.policy.signoff_prepared_on)
        with self.assertRaisesRegex(UserError, "already prepared"):
            self._as(self.signoff_author).action_signoff_prepare()
        # approval cannot skip the review
        with self.assertRaisesRegex(UserError, "must be reviewed"):
            self._as(self.top_manager).action_approve()
        # the author does not review their own work
        self.signoff_author.groups_id |= self.env.ref(
            "sales_qms.group_sales_qms_manager"
        )
        with self.assertRaisesRegex(UserError, "different people"):
            self._as(self.signoff_author).action_signoff_review()
        self._as(self.signoff_reviewer).action_signoff_review()
        self.assertEqual(self.policy.signoff_state, "reviewed")
        # nor does the reviewer approve, even one of top management
        self.signoff_reviewer.groups_id |= self.env.ref(
            "sales_qms.group_sales_qms_top_management"
        )
        with self.assertRaisesRegex(UserError, "different people"):
            self._as(self.signoff_reviewer).action_approve()
        self._as(self.top_manager).action_approve()
        self.assertEqual(
            (
                self.policy.signoff_state,
                self.policy.state,
                self.policy.signoff_approved_by_id,
                self.policy.approved_by_id,
            ),
            ("approved", "approved", self.top_manager, self.top_manager),
        )

    def test_signers_are_configured_per_record_type(self):
        self.env["sales.qms.signoff.rule"].create(
            {
                "res_model": "sales.qms.policy",
                "company_id": self.company.id,
                "reviewer_user_ids": [Command.set(self.sale_manager.ids)],
                "approver_group_ids": [
                    Command.set(self.env.ref("sales_team.group_sale_manager").ids)
                ],
            }
        )
        self._as(self.signoff_author).action_signoff_prepare()
        # a quality representative who is not a configured reviewer is refused
        self.assertFalse(self._as(self.signoff_reviewer).signoff_can_review)
        with self.assertRaisesRegex(AccessError, "not allowed to review"):
            self._as(self.signoff_reviewer).action_signoff_review()
        # a named reviewer signs without being a quality representative
        self.sale_manager.groups_id |= self.env.ref("sales_qms.group_sales_qms_user")
        self.policy.invalidate_recordset()
        self.assertTrue(self._as(self.sale_manager).signoff_can_review)
        self._as(self.sale_manager).action_signoff_review()
        with self.assertRaisesRegex(AccessError, "top management"):
            self._as(self.qms_manager).action_approve()
        # top management outside the rule's approvers is refused too
        with self.assertRaisesRegex(AccessError, "not allowed to approve"):
            self._as(self.top_manager).action_approve()
        # the reviewer is in the approver group and of top management, yet
        # signs once per version
        self.sale_manager.groups_id |= self.env.ref(
            "sales_qms.group_sales_qms_top_management"
        )
        with self.assertRaisesRegex(UserError, "different people"):
            self._as(self.sale_manager).action_approve()
        self.assertEqual(self.policy.signoff_state, "reviewed")
        # another member of the approver group approves
        general_manager = new_test_user(
            self.env,
            "qms_signoff_gm",
            groups="sales_team.group_sale_manager,sales_qms.group_sales_qms_user,"
            "sales_qms.group_sales_qms_top_management",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.assertTrue(self._as(general_manager).signoff_can_approve)
        self._as(general_manager).action_approve()
        self.assertEqual(
            (self.policy.state, self.policy.signoff_approved_by_id),
            ("approved", general_manager),
        )

    def test_a_rule_may_let_one_person_review_and_approve(self):
        self.env["sales.qms.signoff.rule"].create(
            {
                "res_model": "sales.qms.policy",
                "company_id": self.company.id,
                "reviewer_user_ids": [Command.set(self.top_manager.ids)],
                "approver_user_ids": [Command.set(self.top_manager.ids)],
                "distinct_signers": False,
            }
        )
        self._as(self.signoff_author).action_signoff_prepare()
        self._as(self.top_manager).action_signoff_review()
        self._as(self.top_manager).action_approve()
        self.assertEqual(
            (self.policy.signoff_reviewed_by_id, self.policy.signoff_approved_by_id),
            (self.top_manager, self.top_manager),
        )

    def test_locked_while_signed_and_never_written_by_hand(self):
        self._as(self.signoff_author).action_signoff_prepare()
        as_author = self._as(self.signoff_author)
        with self.assertRaisesRegex(UserError, "being signed off"):
            as_author.content = "<p>Changed while under review</p>"
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self._as(self.qms_manager).unlink()
        # the signatures are the steps' own: not by write, not by create
        for vals in (
            {"signoff_state": "approved"},
            {"signoff_reviewed_by_id": self.qms_manager.id},
        ):
            with self.assertRaises(AccessError):
                self._as(self.qms_manager).write(vals)
        with self.assertRaises(AccessError):
            self.env["sales.qms.policy"].create(
                {
                    "version": "9.0",
                    "company_id": self.company.id,
                    "content": "<p>x</p>",
                    "signoff_state": "approved",
                }
            )
        self.assertEqual(self.policy.signoff_state, "prepared")
        # a stranger cannot send it back; the author withdraws it
        with self.assertRaises(AccessError):
            self._as(self.salesman_1).action_signoff_return()
        as_author.action_signoff_return()
        self.assertEqual(self.policy.signoff_state, "draft")
        self.assertFalse(self.policy.signoff_prepared_by_id)
        as_author.content = "<p>Reworded</p>"
        self.assertIn("Reworded", self.policy.content)

    def test_approved_version_is_kept_as_printed(self):
        self._prepare_and_review(self.policy)
        self._as(self.top_manager).action_approve()
        snapshot = self.env["ir.attachment"].search(
            [("res_model", "=", "sales.qms.policy"), ("res_id", "=", self.policy.id)]
        )
        self.assertEqual(len(snapshot), 1)
        html = snapshot.raw.decode()
        self.assertIn("Customer first, quality first", html)
        for signer in (self.signoff_author, self.signoff_reviewer, self.top_manager):
            self.assertIn(signer.name, html)
        with self.assertRaisesRegex(UserError, "approved"):
            self._as(self.qms_manager).write({"content": "<p>Changed</p>"})
        # the next version is a new draft, signed off from the start
        action = self._as(self.qms_manager).action_signoff_new_version()
        draft = self.env["sales.qms.policy"].browse(action["res_id"])
        self.assertEqual((draft.signoff_state, draft.version), ("draft", "2.0"))
        self.assertFalse(draft.signoff_prepared_by_id)

    def test_signoff_block_in_the_xlsx(self):
        self._prepare_and_review(self.policy)
        content = self.env["sales.qms.xlsx"]._render_table(
            [
                {
                    "name": "Policy",
                    "title": "Policy",
                    "columns": [{"label": "A"}, {"label": "B"}, {"label": "C"}],
                    "rows": [["x", "y", "z"]],
                    "footer": self.policy._signoff_xlsx_footer(),
                }
            ]
        )
        sheet = load_workbook(io.BytesIO(content)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        # title, header, one row, a blank line, then the signatures
        self.assertEqual(values[3], [None, None, None])
        self.assertEqual(
            values[4][:2], ["Prepared by (编制)", self.signoff_author.name]
        )
        self.assertEqual(
            values[5][:2], ["Reviewed by (审核)", self.signoff_reviewer.name]
        )
        self.assertEqual(values[6][:2], ["Approved by (批准)", None])
