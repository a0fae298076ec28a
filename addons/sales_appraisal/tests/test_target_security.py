from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SalesAppraisalTargetCommon


@tagged("post_install", "-at_install")
class TestTargetSecurity(SalesAppraisalTargetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.target = cls._tree(year=120000)
        cls.Line = cls.env["sales.appraisal.target.line"]
        cls.own = cls._node(cls.target, user=cls.sp_east_1)
        cls.colleague = cls._node(cls.target, user=cls.sp_east_2)
        cls.east = cls._node(cls.target, team=cls.team_east)

    def test_salesperson_reads_own_node_only(self):
        Line = self.Line.with_user(self.sp_east_1)
        domain = [("target_id", "=", self.target.id)]
        self.assertEqual(Line.search(domain), self.own)
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.sp_east_1).read(["year_target"])
        with self.assertRaises(AccessError):
            self.east.with_user(self.sp_east_1).read(["month_01"])
        # grouped sums add up their own node only
        self.own.year_target = 1000
        self.colleague.year_target = 7000
        groups = Line.read_group(domain, ["year_target:sum"], ["level"])
        self.assertEqual(
            [(g["level"], g["year_target"]) for g in groups], [("user", 1000.0)]
        )
        # export: a colleague's node is refused, a search exports their own
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.sp_east_1).export_data(["year_target"])
        self.assertEqual(
            Line.search(domain).export_data(["user_id", "year_target"])["datas"],
            [[self.sp_east_1.name, 1000.0]],
        )
        # through the tree: its nodes are their own only (a fresh cache, as
        # every request has)
        self.env.invalidate_all()
        tree = self.target.with_user(self.sp_east_1)
        self.assertEqual(
            tree.web_read({"line_ids": {"fields": {"year_target": {}}}})[0]["line_ids"],
            [{"id": self.own.id, "year_target": 1000.0}],
        )
        self.env.invalidate_all()
        self.assertEqual(tree.read(["line_ids"])[0]["line_ids"], self.own.ids)
        self.assertEqual(tree.line_ids, self.own)
        self.assertEqual(
            self.own.with_user(self.sp_east_1).read(["child_ids"])[0]["child_ids"], []
        )
        with self.assertRaises(AccessError):
            tree.read(["plan_value"])

    def test_salesperson_opens_tree_form(self):
        """What the tree's form reads, as the salesperson: their node only."""
        self.env.invalidate_all()
        tree = self.target.with_user(self.sp_east_1)
        tree.get_views([(False, "form")])
        values = tree.web_read(
            {
                "name": {},
                "state": {},
                "fiscal_year_id": {"fields": {"display_name": {}}},
                "business_plan_line_id": {"fields": {"display_name": {}}},
                "node_count": {},
                "objective_count": {},
                "line_ids": {
                    "fields": {
                        "node_label": {},
                        "parent_id": {"fields": {"display_name": {}}},
                        "year_target": {},
                        "month_01": {},
                    }
                },
            }
        )[0]
        self.assertEqual(values["node_count"], 1)
        self.assertEqual([line["id"] for line in values["line_ids"]], self.own.ids)

    def test_salesperson_without_node_sees_no_tree(self):
        other = self._tree(year=1)
        self._node(other, user=self.sp_north_1).unlink()
        # as at the end of the request that removed them
        self.env.flush_all()
        self.assertFalse(
            self.env["sales.appraisal.target"]
            .with_user(self.sp_north_1)
            .search([("id", "=", other.id)])
        )
        self.assertTrue(
            self.env["sales.appraisal.target"]
            .with_user(self.sp_north_1)
            .search([("id", "=", self.target.id)])
        )

    def test_team_leader_reads_team(self):
        Line = self.Line.with_user(self.leader_east)
        self.assertEqual(
            Line.search([("target_id", "=", self.target.id)]),
            self.east | self.own | self.colleague,
        )
        with self.assertRaises(AccessError):
            self._node(self.target, team=self.team_south).with_user(
                self.leader_east
            ).read(["year_target"])
        with self.assertRaises(AccessError):
            self.east.with_user(self.leader_east).write({"year_target": 5})

    def test_all_leads_and_auditor_read_all_change_nothing(self):
        for user in (self.all_leads, self.auditor):
            Line = self.Line.with_user(user)
            self.assertEqual(
                Line.search([("target_id", "=", self.target.id)]), self.target.line_ids
            )
            with self.assertRaises(AccessError):
                self.own.with_user(user).write({"year_target": 5})
            with self.assertRaises(AccessError):
                self.target.with_user(user).action_confirm()

    def test_other_company(self):
        self.assertFalse(
            self.Line.with_user(self.other_manager).search(
                [("target_id", "=", self.target.id)]
            )
        )
        with self.assertRaises(AccessError):
            self.target.with_user(self.other_manager).read(["name"])
