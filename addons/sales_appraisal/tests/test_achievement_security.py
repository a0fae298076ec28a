from odoo.exceptions import AccessError
from odoo.tests import users

from .common_activity import SalesAppraisalAchievementCommon


class TestAchievementSecurity(SalesAppraisalAchievementCommon):
    """The visibility of the nodes: a salesperson his own rows, a team
    leader his team's, a sales manager all, an auditor reads all, nobody
    another company's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tree._refresh_achievements()
        # exporting is allowed to him: the rules alone must hide the others'
        cls.salesman_1.groups_id += cls.env.ref("base.group_allow_export")
        Achievement = cls.env["sales.appraisal.achievement"]
        cls.rows = {
            key: Achievement.search([("line_id", "=", node.id)])
            for key, node in cls.nodes.items()
        }

    @users("sa_sp1")
    def test_salesman_own_rows(self):
        Achievement = self.env["sales.appraisal.achievement"]
        self.assertEqual(Achievement.search([]), self.rows["sp1"].with_env(self.env))
        self.assertEqual(
            Achievement.search_count([("user_id", "=", self.salesman_2.id)]), 0
        )
        # read_group sums his rows only
        self.assertEqual(
            Achievement._read_group([], [], ["actual:sum", "__count"]), [(3.0, 12)]
        )
        self.assertEqual(
            Achievement.read_group([], ["actual:sum"], ["level"]),
            [
                {
                    "level": "user",
                    "level_count": 12,
                    "actual": 3.0,
                    "__domain": [("level", "=", "user")],
                }
            ],
        )
        colleague = self.rows["sp2"][:1].with_env(self.env)
        with self.assertRaises(AccessError):
            colleague.read(["actual"])
        with self.assertRaises(AccessError):
            colleague.export_data(["actual", "target"])
        with self.assertRaises(AccessError):
            self.rows["company"][:1].with_env(self.env).read(["actual"])
        # exporting his own rows works
        own = self.rows["sp1"].with_env(self.env)
        self.assertEqual(len(own.export_data(["actual"])["datas"]), 12)
        # nobody writes achievements but the refresh
        with self.assertRaises(AccessError):
            own[:1].write({"actual": 99.0})
        with self.assertRaises(AccessError):
            own[:1].unlink()

    @users("sa_leader")
    def test_team_leader_rows(self):
        rows = self.env["sales.appraisal.achievement"].search([])
        self.assertEqual(
            rows, (self.rows["east"] | self.rows["sp1"]).with_env(self.env)
        )
        with self.assertRaises(AccessError):
            self.rows["sp2"][:1].with_env(self.env).read(["actual"])

    @users("sa_manager")
    def test_manager_all_rows(self):
        Achievement = self.env["sales.appraisal.achievement"]
        self.assertEqual(
            Achievement.search_count([("target_id", "=", self.tree.id)]), 60
        )
        with self.assertRaises(AccessError):
            Achievement.search([], limit=1).write({"actual": 99.0})

    @users("sa_auditor")
    def test_auditor_reads_all(self):
        Achievement = self.env["sales.appraisal.achievement"]
        rows = Achievement.search([("target_id", "=", self.tree.id)])
        self.assertEqual(len(rows), 60)
        self.assertEqual(sum(rows.mapped("actual")), 4.0 + 3.0 + 3.0 + 1.0 + 1.0)

    @users("sa_other_sp")
    def test_other_company(self):
        Achievement = self.env["sales.appraisal.achievement"]
        self.assertEqual(
            Achievement.search_count([("target_id", "=", self.tree.id)]), 0
        )
        with self.assertRaises(AccessError):
            self.rows["sp1"][:1].with_env(self.env).read(["actual"])

    @users("sa_sp1")
    def test_salesman_views(self):
        """The achievement views and the my-targets kanban open for a
        salesperson; the pivot's groups hold his figures only."""
        Achievement = self.env["sales.appraisal.achievement"]
        views = Achievement.get_views(
            [(False, view_type) for view_type in ("list", "pivot", "graph", "form")]
            + [(False, "search")]
        )
        self.assertEqual(
            set(views["views"]), {"list", "pivot", "graph", "form", "search"}
        )
        groups = Achievement.web_read_group(
            [], ["target:sum", "actual:sum"], ["quarter"]
        )["groups"]
        self.assertEqual(
            {group["quarter"]: group["actual"] for group in groups},
            {"q1": 0.0, "q2": 3.0, "q3": 0.0, "q4": 0.0},
        )
        kanban = self.env.ref(
            "sales_appraisal.sales_appraisal_target_line_view_kanban_my"
        )
        self.env["sales.appraisal.target.line"].get_views([(kanban.id, "kanban")])
