"""The engine's contract, as the sources of the other addons use it.

A test source (``fake_models.py``) counts visits placed by a Date field on a
model without company, reaching customer categories through a many2many.
"""

from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from odoo_test_helper import FakeModelLoader

from odoo import Command
from odoo.tests import tagged

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .common import SalesQmsCommon

JAN, FEB, MAR = (date(2026, month, 1) for month in (1, 2, 3))


@tagged("post_install", "-at_install")
class TestEngineContract(SalesQmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_models import SalesQmsIndicator, SalesQmsTestVisit

        cls.loader.update_registry((SalesQmsTestVisit, SalesQmsIndicator))
        # cleanups run last in, first out: restore, then forget the specs
        cls.addClassCleanup(cls.registry.clear_cache)
        cls.addClassCleanup(cls.loader.restore_registry)

        cls.vip = cls.env["res.partner.category"].create({"name": "VIP"})
        cls.dealer = cls.env["res.partner.category"].create({"name": "Dealer"})
        cls.cust_1.category_id = cls.vip
        cls.cust_2.category_id = cls.vip | cls.dealer
        cls.other_user = cls.env["res.users"].create(
            {
                "name": "Other company seller",
                "login": "qms_other_seller",
                "company_id": cls.other_company.id,
                "company_ids": [Command.set(cls.other_company.ids)],
            }
        )
        Visit = cls.env["sales.qms.test.visit"]
        cls.visits = {
            name: Visit.create(
                {
                    "name": name,
                    "visit_date": day,
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "active": active,
                }
            )
            for name, day, partner, user, active in (
                # first and last day of months, in a company ahead of UTC
                ("jan-01", "2026-01-01", cls.cust_1, cls.salesman_1, True),
                ("jan-31", "2026-01-31", cls.cust_2, cls.salesman_1, True),
                ("feb-01", "2026-02-01", cls.cust_2, cls.salesman_2, True),
                ("feb-archived", "2026-02-14", cls.cust_1, cls.salesman_2, False),
                ("mar-31", "2026-03-31", cls.cust_3, cls.salesman_1, True),
                ("apr-01", "2026-04-01", cls.cust_1, cls.salesman_1, True),
                ("dec-31", "2025-12-31", cls.cust_1, cls.salesman_1, True),
                ("other-co", "2026-01-10", cls.cust_1, cls.other_user, True),
            )
        }
        cls.indicator = cls.env["sales.qms.indicator"].create(
            {
                "name": "Visits",
                "code": "TEST-VISITS",
                "source": "test_visits",
                "unit": "count",
            }
        )
        cls.company_indicator = cls.indicator.copy(
            {"code": "TEST-VISITS-CO", "source": "test_visits_of_company"}
        )

    def _reload_test_source(self):
        from .fake_models import SalesQmsIndicator, SalesQmsTestVisit

        self.loader.update_registry((SalesQmsTestVisit, SalesQmsIndicator))
        self.registry.clear_cache()

    def _values(self, indicator, scope_type, scope_ids, date_to=date(2026, 3, 31)):
        values = indicator._compute_values(
            JAN, date_to, scope_type, scope_ids, company_ids=self.company.ids
        )
        return {
            (month, scope): value[0] for (_i, month, scope), value in values.items()
        }

    def _visits(self, *names):
        return self.env["sales.qms.test.visit"].concat(
            *(self.visits[name] for name in names)
        )

    def test_date_field_cut_as_dates(self):
        """The first and last day of a month stay in it; a Date is never
        shifted by the company's timezone (Asia/Shanghai, UTC+8)."""
        values = self._values(self.indicator, "user", [self.salesman_1.id])
        sp1 = self.salesman_1.id
        self.assertEqual(values[(JAN, sp1)], 2)  # Jan 1st and Jan 31st
        self.assertEqual(values[(FEB, sp1)], 0)
        self.assertEqual(values[(MAR, sp1)], 1)  # March 31st, the last day asked

    def test_model_without_company(self):
        """Records without a company count for the company asked for."""
        values = self._values(self.indicator, "company", self.company.ids)
        company = self.company.id
        # the other company's seller's visit has no company either: counted
        self.assertEqual(values[(JAN, company)], 3)
        # an archived record counts like the others
        self.assertEqual(values[(FEB, company)], 2)
        self.assertEqual(values[(MAR, company)], 1)

    def test_company_through_a_path(self):
        """A source reaching its company through the salesperson's."""
        values = self._values(self.company_indicator, "company", self.company.ids)
        self.assertEqual(values[(JAN, self.company.id)], 2)

    def test_scope_through_a_many2many_path(self):
        """A visit of a customer in two categories counts in both."""
        values = self._values(
            self.indicator, "partner_category", [self.vip.id, self.dealer.id]
        )
        # the other company's seller visited a VIP customer too (no company)
        self.assertEqual(values[(JAN, self.vip.id)], 3)
        self.assertEqual(values[(JAN, self.dealer.id)], 1)
        self.assertEqual(values[(FEB, self.vip.id)], 2)
        self.assertEqual(values[(FEB, self.dealer.id)], 1)
        self.assertEqual(values[(MAR, self.vip.id)], 0)
        action = self.indicator._action_drilldown(
            JAN, date(2026, 1, 31), "partner_category", self.dealer.id
        )
        found = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(found, self._visits("jan-31"))

    def test_drilldown_lists_what_is_counted_archived_included(self):
        ids = self.indicator._compute_record_ids(
            FEB, date(2026, 2, 28), "company", self.company.ids
        )
        self.assertEqual(
            ids, {(FEB, self.company.id): self._visits("feb-01", "feb-archived").ids}
        )
        action = self.indicator._action_drilldown(
            FEB, date(2026, 2, 28), "company", self.company.id
        )
        # a domain, not a list of ids, and the archived visit listed too
        self.assertNotIn("id", [term[0] for term in action["domain"]])
        self.assertFalse(action["context"]["active_test"])
        Visit = self.env["sales.qms.test.visit"].with_context(**action["context"])
        self.assertEqual(
            Visit.search(action["domain"]), self._visits("feb-01", "feb-archived")
        )
        self.assertIn("Test visits of the period", action["name"])

    def test_a_change_in_the_same_transaction_is_counted(self):
        """What the ORM holds in cache is flushed before the query reads it."""
        self.visits["apr-01"].visit_date = "2026-03-02"
        self.visits["feb-01"].partner_id = self.cust_3
        self.assertEqual(
            self._values(self.indicator, "user", [self.salesman_1.id])[
                (MAR, self.salesman_1.id)
            ],
            2,
        )
        self.assertEqual(
            self._values(self.indicator, "partner_category", [self.dealer.id])[
                (FEB, self.dealer.id)
            ],
            0,
        )

    def test_one_query_whatever_the_range(self):
        self.env.flush_all()
        self._values(self.indicator, "partner_category", [self.vip.id])
        with self.assertQueryCount(1):
            self._values(
                self.indicator,
                "partner_category",
                [self.vip.id, self.dealer.id],
                date_to=date(2026, 12, 31),
            )

    @freeze_time("2026-04-15 06:00:00")
    def test_objective_on_a_test_source(self):
        objective = self._objective(
            "sale_count",
            2,
            indicator_id=self.indicator.id,
            scope_type="partner_category",
            partner_category_id=self.vip.id,
        )
        objective.action_compute()
        months = self._months(objective)
        self.assertEqual(
            [months[m].value for m in ("01", "02", "03", "04")], [3, 2, 0, 1]
        )
        self.assertEqual(objective.scope_display, "VIP")

    @freeze_time("2026-04-15 06:00:00")
    def test_uninstalling_a_source_keeps_its_objectives(self):
        objective = self._objective("sale_count", 1, indicator_id=self.indicator.id)
        objective.action_compute()
        self._close(1)
        before = {
            (m.period_type, m.date_from): (m.value, m.status, m.snapshot_record_ids)
            for m in objective.measurement_ids
        }
        counted = self._visits("jan-01", "jan-31", "other-co").ids
        # what Odoo does to the selection values of a module it uninstalls
        self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "sales.qms.indicator"),
                ("value", "in", ["test_visits", "test_visits_of_company"]),
            ]
        ).with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertFalse(self.indicator.active)
        self.assertTrue(objective.exists())
        # then its code is gone from the registry
        self.loader.restore_registry()
        self.addCleanup(self._reload_test_source)
        self.registry.setup_models(self.env.cr)
        self.env.invalidate_all()
        self.assertFalse(self.indicator.source_installed)
        self.assertTrue(objective.read(["name", "status", "year_value_display"]))
        Objective = self.env["sales.qms.objective"]
        self.assertNotIn(objective, Objective._cron_compute_measurements())
        objective.action_compute()
        after = {
            (m.period_type, m.date_from): (m.value, m.status, m.snapshot_record_ids)
            for m in objective.measurement_ids
        }
        self.assertEqual(after, before)
        # the frozen month still lists what it counted
        january = self._months(objective)["01"]
        self.assertEqual(january.snapshot_record_ids, counted)

    def test_every_registered_source_honours_the_contract(self):
        """One test over every source of every installed addon."""
        Indicator = self.env["sales.qms.indicator"]
        specs = Indicator._source_registry()
        self.assertIn("test_visits", specs)
        for name, spec in specs.items():
            with self.subTest(source=name):
                Indicator._check_source_spec(name, spec)
                if spec.get("list_view"):
                    view = self.env.ref(spec["list_view"])
                    self.assertEqual(view.model, spec["model"])
                    self.assertEqual(view.type, "list")
                    self.assertNotIn('sample="1"', view.arch)
                if spec.get("form_view"):
                    view = self.env.ref(spec["form_view"])
                    self.assertEqual((view.model, view.type), (spec["model"], "form"))
                self.assertTrue(str(spec.get("counts") or ""), "says what it counts")

    def test_bad_specs_are_refused_when_the_registry_is_built(self):
        Indicator = self.env["sales.qms.indicator"]
        good = Indicator._source_registry()["test_visits"]
        bad_specs = {
            "unknown keys": dict(good, colour="red"),
            "missing keys": {k: v for k, v in good.items() if k != "measure"},
            "unknown model": dict(good, model="no.such.model"),
            "not a stored date or datetime": dict(good, date_field="name"),
            "has no stored field": dict(good, scope_fields={"user": "salesman_id"}),
            "leads to res.partner, not res.users": dict(
                good, scope_fields={"user": "partner_id"}
            ),
            "must be a many2one": dict(
                good, scope_fields={"partner_category": "partner_id.category_id.name"}
            ),
            "unknown scope type": dict(good, scope_fields={"galaxy": "user_id"}),
            "does not exist": dict(good, measure="_source_measure_nothing"),
            "aggregation must be": dict(good, aggregation="median"),
            "leads to res.users, not res.company": dict(good, company_field="user_id"),
        }
        for message, spec in bad_specs.items():
            with self.subTest(message), self.assertRaisesRegex(ValueError, message):
                Indicator._check_source_spec("bad", spec)
        # a bad spec among the others fails the registry, not the nightly cron
        original = type(Indicator)._get_source_specs

        def with_a_bad_spec(self):
            return dict(original(self), bad=bad_specs["unknown model"])

        self.registry.clear_cache()
        with (
            patch.object(type(Indicator), "_get_source_specs", with_a_bad_spec),
            self.assertRaisesRegex(ValueError, "Indicator source 'bad'"),
        ):
            Indicator._source_registry()
        self.registry.clear_cache()
        self.assertIn("test_visits", Indicator._source_registry())
