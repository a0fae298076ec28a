from odoo import Command

from .common_activity import SalesAppraisalActivityCommon, months_of

# measured: 12 on a database where the test runs again, 13 when it runs at
# install (one more read of a cold cache): the reads of the tree, its nodes,
# the indicator and the company's timezone, one engine query per level (3),
# the upsert, the clean-up and the refresh date; never more
REFRESH_QUERIES = 13


class TestAchievementPerformance(SalesAppraisalActivityCommon):
    """Achievements of a tree of 50 nodes x 12 months (a company, 4 teams,
    45 salespeople): as many queries with 10 orders as with 200."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.people = Users.create(
            [
                {
                    "name": f"Perf {index}",
                    "login": f"sa_perf_{index}",
                    "company_id": cls.company.id,
                    "company_ids": [Command.set(cls.company.ids)],
                    "groups_id": [
                        Command.set(cls.env.ref("sales_team.group_sale_salesman").ids)
                    ],
                }
                for index in range(45)
            ]
        )
        cls.teams = cls.env["crm.team"].create(
            [
                {"name": f"Team {index}", "company_id": cls.company.id}
                for index in range(4)
            ]
        )
        nodes = [("company", None, {"level": "company", **months_of(*[10.0] * 12)})]
        for team_index, team in enumerate(cls.teams):
            nodes.append(
                (f"team{team_index}", "company", {"level": "team", "team_id": team.id})
            )
        for index, user in enumerate(cls.people):
            nodes.append(
                (
                    f"user{index}",
                    f"team{index % 4}",
                    {"level": "user", "user_id": user.id, **months_of(*[1.0] * 12)},
                )
            )
        cls.tree, cls.nodes = cls._tree(cls.indicators["quotations"], nodes)
        cls.assignments = [
            (cls.people[index % 45], cls.teams[index % 4]) for index in range(200)
        ]

    def _orders(self, start, stop):
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.cust_1.id,
                    "company_id": self.company.id,
                    "user_id": user.id,
                    "team_id": team.id,
                    "date_quotation_sent": f"2026-{index % 12 + 1:02d}-10 02:00:00",
                }
                for index, (user, team) in enumerate(
                    self.assignments[start:stop], start=start
                )
            ]
        )
        self.env.flush_all()
        return orders

    def _refresh_queries(self):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.tree._refresh_achievements()
        return self.env.cr.sql_log_count - before

    def test_query_count(self):
        self.assertEqual(len(self.tree.line_ids), 50)
        self._orders(0, 10)
        self.tree._refresh_achievements()  # caches warm (specs, fields)
        few = self._refresh_queries()
        Achievement = self.env["sales.appraisal.achievement"]
        self.assertEqual(
            Achievement.search_count([("target_id", "=", self.tree.id)]), 600
        )
        self.assertEqual(
            sum(
                Achievement.search(
                    [("level", "=", "user"), ("target_id", "=", self.tree.id)]
                ).mapped("actual")
            ),
            10,
        )
        self._orders(10, 200)
        many = self._refresh_queries()
        self.assertEqual(few, many)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=REFRESH_QUERIES):
            self.tree._refresh_achievements()
        rows = Achievement.search([("target_id", "=", self.tree.id)])
        self.assertEqual(len(rows), 600)
        self.assertEqual(
            sum(rows.filtered(lambda row: row.level == "user").mapped("actual")), 200
        )
        self.assertEqual(
            sum(rows.filtered(lambda row: row.level == "team").mapped("actual")), 200
        )
        self.assertEqual(
            sum(rows.filtered(lambda row: row.level == "company").mapped("actual")), 200
        )
        # one salesperson: orders 0, 45, 90, 135, 180 of him, in months
        # 1, 10, 7, 4, 1 of the year
        first = rows.filtered(lambda row: row.user_id == self.people[0] and row.actual)
        self.assertEqual(
            {row.month_index: row.actual for row in first},
            {1: 2.0, 4: 1.0, 7: 1.0, 10: 1.0},
        )
