from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestObjectiveDashboard(SalesQmsCommon):
    """The 质量目标看板 and the year-on-year comparison, against the months of
    ``SalesQmsCommon`` computed by hand.

    Confirmed amounts by salesperson (Shanghai months): salesperson 1 (East)
    Jan 1000, Feb 500, Mar 0, Apr 700; salesperson 2 (South) Dec 2025 100,
    Feb 1000 (2000 at rate 2), nothing else.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # salesperson 1 reads quality objectives; both belong to their team
        cls.salesman_1.groups_id = [
            Command.link(cls.env.ref("sales_qms.group_sales_qms_user").id)
        ]
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.team_1.id, "user_id": cls.salesman_1.id},
                {"crm_team_id": cls.team_2.id, "user_id": cls.salesman_2.id},
            ]
        )
        cls.sale_count_indicator = cls.indicators["sale_count"]
        cls.sale_amount_indicator = cls.indicators["sale_amount"]

    def _setup_objectives(self):
        self.obj_company = self._objective("sale_count", 1, name="Orders")
        self.obj_conversion = self._objective(
            "quotation_conversion", 60, name="Conversion"
        )
        self.obj_team = self._objective(
            "sale_amount", 600, name="East", scope_type="team", team_id=self.team_1.id
        )
        self.obj_sp1 = self._objective(
            "sale_amount",
            600,
            name="Salesperson 1",
            scope_type="user",
            user_id=self.salesman_1.id,
            owner_id=self.salesman_1.id,
        )
        self.obj_sp2 = self._objective(
            "sale_amount",
            0,
            name="Salesperson 2",
            scope_type="user",
            user_id=self.salesman_2.id,
        )
        objectives = (
            self.obj_company
            | self.obj_conversion
            | self.obj_team
            | self.obj_sp1
            | self.obj_sp2
        )
        objectives.action_compute()
        self._close(1)
        self._close(2)
        return objectives

    def _dashboard(self, user=None, **filters):
        Objective = self.env["sales.qms.objective"].with_user(user or self.qms_manager)
        return Objective.get_dashboard_data(self.fiscal_year.id, filters)

    @staticmethod
    def _rows(data):
        return {row["name"]: row for row in data["rows"]}

    def test_grid_statuses_values_and_open_months(self):
        self._setup_objectives()
        data = self._dashboard()
        self.assertEqual(data["fiscal_year_id"], self.fiscal_year.id)
        columns = data["columns"]
        # 12 months, 4 quarters, the year
        self.assertEqual(len(columns), 17)
        self.assertEqual(
            [c["key"] for c in columns[12:]], ["Q1", "Q2", "Q3", "Q4", "year"]
        )
        by_key = {c["key"]: c for c in columns}
        self.assertFalse(by_key["2026-01-01"]["open"])
        self.assertFalse(by_key["2026-02-01"]["open"])
        self.assertTrue(by_key["2026-03-01"]["open"])
        self.assertTrue(by_key["Q1"]["open"])  # March is not closed yet

        rows = self._rows(data)
        self.assertEqual(
            set(rows),
            {"Orders", "Conversion", "East", "Salesperson 1", "Salesperson 2"},
        )
        sp1 = rows["Salesperson 1"]
        self.assertEqual(sp1["indicator_id"], self.sale_amount_indicator.id)
        self.assertEqual(sp1["owner_id"], self.salesman_1.id)
        self.assertEqual(sp1["scope"], self.salesman_1.name)
        self.assertEqual(sp1["team_id"], self.team_1.id)
        cells = sp1["cells"]
        self.assertEqual(
            [
                (cells[m]["status"], cells[m]["value"], cells[m]["open"])
                for m in ("2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01")
            ],
            [
                ("met", 1000, False),
                ("not_met", 500, False),
                ("not_met", 0, True),
                ("met", 700, True),
            ],
        )
        self.assertEqual(cells["2026-05-01"]["status"], "no_data")
        self.assertEqual(cells["2026-05-01"]["value_display"], "")
        # amounts in the company currency
        symbol = self.company.currency_id.symbol
        self.assertIn("1,000.00", cells["2026-01-01"]["value_display"])
        self.assertIn(symbol, cells["2026-01-01"]["value_display"])
        self.assertIn(symbol, sp1["target"])
        # Q1: 1500 against 3 x 600; the year so far 2200 against 4 x 600
        self.assertEqual(
            (cells["Q1"]["value"], cells["Q1"]["status"]), (1500, "not_met")
        )
        self.assertEqual(
            (cells["year"]["value"], cells["year"]["status"]), (2200, "not_met")
        )
        # the cell opens the month's measurement
        january = self._months(self.obj_sp1)["01"]
        self.assertEqual(cells["2026-01-01"]["measurement_id"], january.id)

        # counts as integers, rates with %
        orders = rows["Orders"]["cells"]
        self.assertEqual(orders["2026-02-01"]["value_display"], "2")
        self.assertEqual(orders["2026-03-01"]["status"], "not_met")
        self.assertEqual(rows["Orders"]["target"], "≥ 1")
        conversion = rows["Conversion"]["cells"]
        self.assertEqual(conversion["2026-01-01"]["value_display"], "66.67 %")
        self.assertEqual(conversion["2026-01-01"]["status"], "met")
        self.assertEqual(conversion["2026-02-01"]["value_display"], "50.00 %")
        # April has no quotation: a past month without data
        self.assertEqual(conversion["2026-04-01"]["status"], "no_data")

    def test_filters(self):
        self._setup_objectives()
        by_indicator = self._dashboard(indicator_id=self.sale_amount_indicator.id)
        self.assertEqual(
            set(self._rows(by_indicator)), {"East", "Salesperson 1", "Salesperson 2"}
        )
        # the choices stay those of the whole year
        self.assertEqual(
            {c["id"] for c in by_indicator["indicators"]},
            {
                self.sale_count_indicator.id,
                self.sale_amount_indicator.id,
                self.indicators["quotation_conversion"].id,
            },
        )
        by_team = self._dashboard(team_id=self.team_1.id)
        self.assertEqual(set(self._rows(by_team)), {"East", "Salesperson 1"})
        by_owner = self._dashboard(owner_id=self.salesman_1.id)
        self.assertEqual(set(self._rows(by_owner)), {"Salesperson 1"})
        # salesperson 2's target of 0 is met every month
        not_met = self._dashboard(not_met=True)
        self.assertEqual(
            set(self._rows(not_met)),
            {"Orders", "Conversion", "East", "Salesperson 1"},
        )
        combined = self._dashboard(
            indicator_id=self.sale_amount_indicator.id, not_met=True
        )
        self.assertEqual(set(self._rows(combined)), {"East", "Salesperson 1"})

    def test_record_rules(self):
        """A salesperson sees their own objective and the shared ones (their
        team's, the company's), never a colleague's."""
        self._setup_objectives()
        data = self._dashboard(user=self.salesman_1)
        self.assertEqual(
            set(self._rows(data)), {"Orders", "Conversion", "East", "Salesperson 1"}
        )
        self.assertEqual(
            {o["id"] for o in data["owners"]},
            {self.qms_manager.id, self.salesman_1.id},
        )
        # the same year, all objectives, for the quality representative
        self.assertEqual(len(self._dashboard()["rows"]), 5)
        # neither the colleague's year on year
        with self.assertRaises(AccessError):
            self.obj_sp2.with_user(self.salesman_1).get_year_on_year_data()
        with self.assertRaises(AccessError):
            self.obj_sp2.with_user(self.salesman_1).action_open_year_on_year()
        # a salesperson without the quality app reads no objective at all
        with self.assertRaises(AccessError):
            self._dashboard(user=self.salesman_2)

    def test_default_year_and_empty(self):
        self._setup_objectives()
        Objective = self.env["sales.qms.objective"].with_user(self.qms_manager)
        data = Objective.with_company(self.company).get_dashboard_data()
        self.assertEqual(data["fiscal_year_id"], self.fiscal_year.id)
        self.assertIn({"id": self.fiscal_year.id, "name": "2026"}, data["fiscal_years"])
        none = self._dashboard(owner_id=self.sale_manager.id)
        self.assertEqual(none["rows"], [])

    def test_query_count_does_not_grow_with_objectives(self):
        """3 or 30 objectives: the same queries."""
        counts = []
        Objective = self.env["sales.qms.objective"]
        # a person of their own for each objective (owner, and salesperson
        # measured): a name read per row would show in the count
        people = [
            new_test_user(
                self.env,
                f"qms_dashboard_person_{index}",
                groups="sales_team.group_sale_salesman",
                company_id=self.company.id,
                company_ids=[Command.set(self.company.ids)],
            )
            for index in range(30)
        ]
        for count in (3, 30):
            Objective.search([("company_id", "=", self.company.id)]).unlink()
            objectives = Objective.browse()
            for index in range(count):
                person = people[index]
                scope_type, extra = [
                    ("company", {}),
                    ("team", {"team_id": self.team_1.id}),
                    ("user", {"user_id": person.id}),
                ][index % 3]
                code = ("sale_count", "sale_amount", "quotation_conversion")[index % 3]
                objectives |= self._objective(
                    code,
                    1,
                    name=f"Objective {index}",
                    scope_type=scope_type,
                    owner_id=person.id,
                    **extra,
                )
            objectives.action_compute()
            # warm the registry's caches (record rules, groups, language)
            self.env.invalidate_all()
            self._dashboard()
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.env.cr.sql_log_count
            data = self._dashboard()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(len(data["rows"]), count)
        self.assertEqual(counts[0], counts[1])
        # years, months, objectives, measurements, and the names shown
        self.env.invalidate_all()
        with self.assertQueryCount(17):
            self._dashboard()

    def test_year_on_year_computed_by_the_engine(self):
        """No objective last year (no fiscal year even): last year's months
        are computed by the indicator for the same scope."""
        south = self._objective(
            "sale_amount", 600, name="South", scope_type="team", team_id=self.team_2.id
        )
        south.action_compute()
        data = south.with_user(self.qms_manager).get_year_on_year_data()
        self.assertEqual(len(data["labels"]), 12)
        self.assertEqual(data["this_year"]["label"], "2026")
        self.assertEqual(
            data["this_year"]["values"],
            [0, 1000, 0, 0] + [None] * 8,  # May onwards not started
        )
        last = data["last_year"]
        self.assertEqual(last["source"], "engine")
        self.assertEqual(last["label"], "2025")
        # one order of 100 confirmed on 2025-12-02
        self.assertEqual(last["values"], [0] * 11 + [100])
        self.assertIn("100.00", last["formatted"][11])
        self.assertEqual(data["target"]["values"], [600] * 12)

    def test_year_on_year_reads_last_years_objective(self):
        """Last year's objective on the same indicator and scope gives its
        measurements (corrections included), not a new computation."""
        last_year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "FY2025",
                "company_id": self.company.id,
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
            }
        )
        Objective = self.env["sales.qms.objective"]
        previous = Objective.create(
            {
                "name": "South 2025",
                "company_id": self.company.id,
                "indicator_id": self.sale_amount_indicator.id,
                "fiscal_year_id": last_year.id,
                "target": 500,
                "scope_type": "team",
                "team_id": self.team_2.id,
                "owner_id": self.qms_manager.id,
            }
        )
        # same indicator, another team: not last year's of South
        other = previous.copy({"name": "East 2025", "team_id": self.team_1.id})
        (previous | other).action_compute()
        previous_months = self._months(previous)
        self.assertEqual(previous_months["12"].value, 100)
        # a value the engine would not give: it must come from the measurement
        previous_months["06"].write({"value": 321.0, "status": "met"})
        self._months(other)["06"].write({"value": 999.0, "status": "met"})

        south = self._objective(
            "sale_amount", 600, name="South", scope_type="team", team_id=self.team_2.id
        )
        south.action_compute()
        data = south.with_user(self.qms_manager).get_year_on_year_data()
        last = data["last_year"]
        self.assertEqual(last["source"], "objective")
        self.assertEqual(last["objective_id"], previous.id)
        self.assertEqual(last["label"], "FY2025")
        self.assertEqual(last["values"], [0] * 5 + [321] + [0] * 5 + [100])
        self.assertEqual(data["this_year"]["values"][1], 1000)

        # the button of the form opens the dashboard on it
        action = south.with_user(self.qms_manager).action_open_year_on_year()
        self.assertEqual(action["tag"], "sales_qms.objective_dashboard")
        self.assertEqual(
            action["params"],
            {"fiscal_year_id": self.fiscal_year.id, "objective_id": south.id},
        )

    def test_measurement_pivot_and_graph_group_by_indicator_first(self):
        """The default pivot and graph never put two indicators in a number."""
        Measurement = self.env["sales.qms.measurement"]
        pivot = Measurement.get_views([(False, "pivot")])["views"]["pivot"]["arch"]
        self.assertLess(
            pivot.index('name="indicator_id"'), pivot.index('name="objective_id"')
        )
        graph = Measurement.get_views([(False, "graph")])["views"]["graph"]["arch"]
        self.assertIn('name="indicator_id"', graph)
        self.assertNotIn('name="objective_id"', graph)

    def test_dashboard_is_the_first_entry_of_the_app(self):
        menu = self.env.ref("sales_qms.sales_qms_objective_dashboard_menu")
        root = self.env.ref("sales_qms.sales_qms_menu_root")
        self.assertEqual(menu.parent_id, root)
        self.assertEqual(root.child_id.sorted("sequence")[:1], menu)
        self.assertEqual(menu.action.tag, "sales_qms.objective_dashboard")
        # readable by those who read the objectives, not by every employee
        self.assertTrue(menu.groups_id)
        self.assertNotIn(self.env.ref("base.group_user"), menu.groups_id)
