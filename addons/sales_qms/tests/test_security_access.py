"""Access and disclosure: each test acts as the low user, through the ORM
with that user's environment, and through JSON-RPC for the public methods."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import SalesQmsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 06:00:00")
class TestAccessAndDisclosure(SalesQmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.employee = new_test_user(
            cls.env, "qms_employee", groups="base.group_user", **companies
        )
        cls.portal = new_test_user(
            cls.env, "qms_portal", groups="base.group_portal", **companies
        )
        cls.other_manager = new_test_user(
            cls.env,
            "qms_other_manager",
            groups="sales_qms.group_sales_qms_manager,sales_team.group_sale_salesman",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.objective = cls._objective_of("sale_count", 1)
        cls.objective._compute_measurements()

    @classmethod
    def _objective_of(cls, code, target, **vals):
        return cls.env["sales.qms.objective"].create(
            {
                "name": f"{code} objective",
                "company_id": cls.company.id,
                "indicator_id": cls.indicators[code].id,
                "fiscal_year_id": cls.fiscal_year.id,
                "target": target,
                "owner_id": cls.qms_manager.id,
                **vals,
            }
        )

    def test_compute_needs_the_right_to_change_the_objective(self):
        """Nobody rewrites measurements by calling action_compute on an
        objective they may not change."""
        self.objective.last_computed_on = "2026-01-01 00:00:00"
        for user in (self.employee, self.portal, self.other_manager, self.salesman_1):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.objective.with_user(user).action_compute()
        self.assertEqual(
            self.objective.last_computed_on.isoformat(), "2026-01-01T00:00:00"
        )
        # a QMS user only the objectives they own
        with self.assertRaises(AccessError):
            self.objective.with_user(self.qms_user).action_compute()
        self.objective.with_user(self.qms_manager).action_compute()

    def test_drilldown_hands_out_only_what_the_user_reads(self):
        """A salesperson's drill-down of the company's February lists their
        own order only, and says the others are hidden."""
        self.salesman_1.groups_id |= self.env.ref("sales_qms.group_sales_qms_user")
        february = self._months(self.objective)["02"]
        action = february.with_user(self.salesman_1).action_drilldown()
        orders = (
            self.env["sale.order"]
            .with_user(self.salesman_1)
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(orders, self.o2)
        self.assertIn("1 of 2 records shown", action["name"])
        # a closed month lists ids: only the readable ones are handed out
        self._close(2)
        action = february.with_user(self.salesman_1).action_drilldown()
        self.assertEqual(action["domain"], [("id", "in", self.o2.ids)])
        self.assertIn("1 of 2 records shown", action["name"])
        # without any right on orders: a clear refusal, no list
        self.employee.groups_id |= self.env.ref("sales_qms.group_sales_qms_user")
        with self.assertRaisesRegex(UserError, "cannot read the records"):
            february.with_user(self.employee).action_drilldown()

    def test_qms_user_cannot_measure_a_colleague(self):
        Objective = self.env["sales.qms.objective"].with_user(self.qms_user)
        values = {
            "name": "Colleague's sales",
            "company_id": self.company.id,
            "indicator_id": self.indicators["sale_amount"].id,
            "fiscal_year_id": self.fiscal_year.id,
            "target": 1,
            "owner_id": self.qms_user.id,
        }
        with self.assertRaises(AccessError):
            Objective.create(
                dict(values, scope_type="user", user_id=self.salesman_2.id)
            )
        with self.assertRaises(AccessError):
            Objective.create(dict(values, scope_type="team", team_id=self.team_2.id))
        # themselves, the company: yes
        own = Objective.create(
            dict(values, scope_type="user", user_id=self.qms_user.id)
        )
        with self.assertRaises(AccessError):
            own.write({"user_id": self.salesman_2.id})
        Objective.create(values)
        # the quality representative and sales managers measure anyone
        self.env["sales.qms.objective"].with_user(self.qms_manager).create(
            dict(values, scope_type="user", user_id=self.salesman_2.id)
        )

    def test_salesperson_never_reads_a_colleagues_personal_objective(self):
        personal = self._objective_of(
            "sale_amount", 1, scope_type="user", user_id=self.salesman_2.id
        )
        own = self._objective_of(
            "sale_amount", 1, scope_type="user", user_id=self.qms_user.id
        )
        personal._compute_measurements()
        Objective = self.env["sales.qms.objective"].with_user(self.qms_user)
        visible = Objective.search([("company_id", "=", self.company.id)])
        self.assertIn(self.objective, visible)
        self.assertIn(own, visible)
        self.assertNotIn(personal, visible)
        with self.assertRaises(AccessError):
            personal.with_user(self.qms_user).read(["year_value"])
        Measurement = self.env["sales.qms.measurement"].with_user(self.qms_user)
        self.assertFalse(Measurement.search([("objective_id", "=", personal.id)]))
        # managers and the quality representative read all
        for manager in (self.qms_manager, self.sale_manager):
            self.assertIn(
                personal, self.env["sales.qms.objective"].with_user(manager).search([])
            )

    def test_shared_indicator_changed_only_by_someone_of_every_company(self):
        shared = self.indicators["sale_count"].copy({"code": "SHARED-ORDERS"})
        self.objective.indicator_id = shared
        other_year = self.env["sales.qms.fiscal.year"].create(
            {
                "name": "2026",
                "company_id": self.other_company.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        self.env["sales.qms.objective"].create(
            {
                "name": "Other company orders",
                "company_id": self.other_company.id,
                "indicator_id": shared.id,
                "fiscal_year_id": other_year.id,
                "target": 1,
                "owner_id": self.other_manager.id,
            }
        )
        shared = shared.with_user(self.other_manager)
        with self.assertRaisesRegex(AccessError, "QMS Test Co"):
            shared.domain = "[('amount_untaxed', '>', 1000000)]"
        with self.assertRaises(AccessError):
            shared.company_id = self.other_company
        with self.assertRaises(AccessError):
            shared.active = False
        self.assertEqual(shared.domain, "[]")
        # they make it their own by copying it
        copy = shared.copy({"company_id": self.other_company.id})
        self.assertEqual(copy.code, "SHARED-ORDERS-COPY")
        copy.domain = "[('amount_untaxed', '>', 1000)]"
        # someone of both companies may; a shared indicator used by two
        # companies never moves to one of them
        self.qms_manager.company_ids |= self.other_company
        indicator = shared.with_user(self.qms_manager)
        indicator.description = "Orders confirmed in the month"
        with self.assertRaisesRegex(Exception, "other companies"):
            indicator.company_id = self.company

    def test_sales_manager_sets_the_target_of_their_team_only(self):
        team_objective = self._objective_of(
            "sale_count", 1, scope_type="team", team_id=self.team_1.id
        )
        other_team = self._objective_of(
            "sale_count", 1, scope_type="team", team_id=self.team_2.id
        )
        self.team_1.user_id = self.sale_manager
        team_objective.with_user(self.sale_manager).target = 3
        self.assertEqual(team_objective.target, 3)
        with self.assertRaises(AccessError):
            other_team.with_user(self.sale_manager).target = 3


@tagged("post_install", "-at_install")
class TestPublicMethodsOverRpc(HttpCase):
    """The same refusals through JSON-RPC, as an attacker with a login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(
            cls.env, "qms_rpc_employee", groups="base.group_user"
        )
        cls.portal = new_test_user(
            cls.env, "qms_rpc_portal", groups="base.group_portal"
        )
        year = cls.env["sales.qms.fiscal.year"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        ) or cls.env["sales.qms.fiscal.year"].create(
            {"name": "RPC", "date_from": "2030-01-01", "date_to": "2030-12-31"}
        )
        cls.objective = cls.env["sales.qms.objective"].create(
            {
                "name": "RPC objective",
                "indicator_id": cls.env.ref("sales_qms.indicator_sale_count").id,
                "fiscal_year_id": year.id,
                "target": 1,
            }
        )

    def _call(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    @mute_logger("odoo.http")
    def test_rpc_attacks_are_refused(self):
        for login in ("qms_rpc_employee", "qms_rpc_portal"):
            with (
                self.subTest(login=login),
                self.assertRaises(JsonRpcException) as refused,
            ):
                self._call(
                    login, "sales.qms.objective", "action_compute", [self.objective.ids]
                )
            self.assertIn("AccessError", str(refused.exception))
        self.assertFalse(self.objective.last_computed_on)
        # a private method is not callable at all
        with self.assertRaises(JsonRpcException):
            self._call(
                "qms_rpc_employee",
                "sales.qms.objective",
                "_compute_measurements",
                [self.objective.ids],
            )
        self.assertFalse(self.objective.last_computed_on)
        # measurements are written by the engine only, whatever the context says
        self.objective._compute_measurements()
        month = self.objective.month_measurement_ids[:1]
        with self.assertRaises(JsonRpcException) as refused:
            self.authenticate("admin", "admin")
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "sales.qms.measurement",
                    "method": "write",
                    "args": [month.ids, {"value": 12345}],
                    "kwargs": {"context": {"sales_qms_correction": True}},
                },
            )
        # refused by the access rights, or by the freeze of a closed month
        self.assertRegex(str(refused.exception), "AccessError|UserError")
        self.assertNotEqual(month.value, 12345)
