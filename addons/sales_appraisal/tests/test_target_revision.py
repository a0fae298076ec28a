from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import formatLang

from .common import SalesAppraisalTargetCommon


@tagged("post_install", "-at_install")
class TestTargetRevision(SalesAppraisalTargetCommon):
    def setUp(self):
        super().setUp()
        self.target = self._tree(year=120000)
        self.target._split(self._node(self.target), True, "even", True, "even", True)
        self.target.with_user(self.manager).action_confirm()
        self.sp1 = self._node(self.target, user=self.sp_east_1)

    def test_confirmed_tree_locked(self):
        before = self.sp1._get_figures()
        as_manager = self.target.with_user(self.manager)
        for attempt in (
            lambda: self.sp1.with_user(self.manager).write({"month_01": 1}),
            # the superuser and any context key too: the guard is the model's
            lambda: self.sp1.sudo().with_context(force=True).write({"year_target": 1}),
            lambda: as_manager.write(
                {"line_ids": [Command.update(self.sp1.id, {"month_02": 5})]}
            ),
            lambda: as_manager.write({"line_ids": [Command.delete(self.sp1.id)]}),
            lambda: self.sp1.sudo().unlink(),
            lambda: (
                self.env["sales.appraisal.target.line"]
                .sudo()
                .create(
                    {
                        "target_id": self.target.id,
                        "level": "user",
                        "parent_id": self._node(self.target, team=self.team_east).id,
                        "user_id": self.sp_north_1.id,
                    }
                )
            ),
            lambda: as_manager.write({"indicator_id": self.count.id}),
            lambda: as_manager.write({"state": "draft"}),
        ):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                attempt()
        self.assertEqual(self.sp1._get_figures(), before)
        self.assertEqual(len(self.target.line_ids), 9)
        self.assertEqual(self.target.state, "confirmed")
        # the notes stay free
        as_manager.note = "<p>已下达</p>"

    def test_revision_keeps_previous_figures(self):
        wizard = Form(
            self.env["sales.appraisal.target.revise"]
            .with_user(self.manager)
            .with_context(default_target_id=self.target.id)
        )
        wizard.reason = "华南大客户订单推迟至下半年"
        wizard.save().action_revise()
        self.assertEqual(self.target.state, "draft")
        self.assertEqual(self.target.revision, 1)
        # the manager is asked to confirm the revised tree, once
        confirm = self.env.ref("sales_appraisal.mail_activity_type_target_confirm")
        self.assertEqual(
            self.target.activity_ids.mapped(lambda a: (a.activity_type_id, a.user_id)),
            [(confirm, self.manager)],
        )
        revision = self.target.revision_ids
        self.assertEqual(len(revision), 1)
        self.assertEqual(
            (revision.revision, revision.reason, revision.user_id),
            (0, "华南大客户订单推迟至下半年", self.manager),
        )
        action = self.target.with_user(self.manager).action_view_revisions()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), revision
        )
        kept = revision.line_ids.filtered(lambda n: n.user_id == self.sp_east_1)
        self.assertEqual(kept.month_01, self.sp1.month_01)
        # now changed: the revision still shows what was confirmed
        previous = self.sp1.month_01
        self.sp1.with_user(self.manager).write({"month_01": previous + 100})
        self.assertEqual(kept.month_01, previous)
        self.assertEqual(len(revision.line_ids), 9)
        # confirming again needs the balance
        with self.assertRaisesRegex(UserError, "does not balance"):
            self.target.with_user(self.manager).action_confirm()
        # the change is told in the chatter, node, month, old and new
        self.assertIn(
            f"{self.sp_east_1.name} Jan: {formatLang(self.env, previous)} → "
            f"{formatLang(self.env, previous + 100)}",
            self.target.message_ids[0].body,
        )
        self.sp1.with_user(self.manager).write({"month_01": previous})
        self.target.with_user(self.manager).action_confirm()
        self.assertEqual(self.target.state, "confirmed")
        self.assertFalse(self.target.activity_ids)
        # readable by those who read every node, never by a salesperson
        self.assertEqual(revision.with_user(self.all_leads).line_ids, revision.line_ids)
        with self.assertRaises(AccessError):
            revision.with_user(self.sp_east_1).read(["reason"])

    def test_revise_needs_reason_and_confirmed_tree(self):
        wizard = (
            self.env["sales.appraisal.target.revise"]
            .with_user(self.manager)
            .create({"target_id": self.target.id, "reason": "  "})
        )
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_revise()
        self.assertEqual(self.target.state, "confirmed")
        self.target._revise("first")
        with self.assertRaisesRegex(UserError, "not confirmed"):
            self.target._revise("second")
        self.assertEqual(self.target.revision, 1)

    def test_salesperson_cannot_confirm_nor_revise(self):
        self.target._revise("reopen")
        as_salesman = self.target.with_user(self.sp_east_1)
        for action in (
            as_salesman.action_confirm,
            as_salesman.action_build_tree,
            as_salesman.action_open_split,
            as_salesman.action_cancel,
        ):
            with self.assertRaises(AccessError):
                action()
        with self.assertRaises(AccessError):
            self.sp1.with_user(self.sp_east_1).write({"month_01": 1})
        self.assertEqual(self.target.state, "draft")

    def test_copy_keeps_structure(self):
        copy = self.target.with_user(self.manager).copy()
        self.assertEqual(copy.state, "draft")
        self.assertEqual(len(copy.line_ids), 9)
        self.assertEqual(copy.line_ids.parent_id.target_id, copy)
        node = self._node(copy, user=self.sp_east_1)
        self.assertEqual(node.parent_id, self._node(copy, team=self.team_east))
        self.assertEqual(node.month_01, self.sp1.month_01)
        self.assertFalse(copy._get_imbalance())

    def test_confirmed_tree_not_cancelled_without_revision(self):
        with self.assertRaisesRegex(UserError, "revise a confirmed one first"):
            self.target.with_user(self.manager).action_cancel()
        self.assertEqual(self.target.state, "confirmed")
        self.target._revise("公司调整销售组织")
        self.target.with_user(self.manager).action_cancel()
        self.target.with_user(self.manager).action_reset_draft()
        self.assertEqual(self.target.state, "draft")
        self.assertEqual(len(self.target.revision_ids), 1)
