"""Benchmark the indicator engine against hand-written SQL.

Usage (on a database where sales_qms is installed; nothing is kept):

    python3 scripts/bench_indicators.py -d DB [--orders 1000000] [--users 50]
        [--customers 2000]

It inserts synthetic confirmed orders spread over one year and over the
customers (each in one of ten customer categories), inside a transaction that
is rolled back at the end, then times:

- the hand-written SQL for monthly sales per salesperson over the year;
- ``sales.qms.indicator._compute_values`` of the five sales sources for the
  same year and salespeople, and per customer category when the engine has
  that scope;
- the measurement of one objective per salesperson (engine + bulk writes).
"""

import argparse
import time
from datetime import date

import odoo
from odoo.tools import config


def timed(label, function, repeat=3):
    best = None
    for _run in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<52} {best * 1000:9.1f} ms")
    return best, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--addons-path")
    args = parser.parse_args()
    options = ["-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    config.parse_config(options)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.company
        categories = env["res.partner.category"].create(
            [{"name": f"Benchmark category {index}"} for index in range(10)]
        )
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Benchmark customer {index}",
                    "is_company": True,
                    "category_id": [(6, 0, categories[index % 10].ids)],
                }
                for index in range(args.customers)
            ]
        )
        users = env["res.users"].create(
            [
                {"name": f"Benchmark seller {index}", "login": f"bench_{index}"}
                for index in range(args.users)
            ]
        )
        year = env["sales.qms.fiscal.year"].search(
            [("company_id", "=", company.id), ("date_from", "=", "2025-01-01")]
        ) or env["sales.qms.fiscal.year"].create(
            {"name": "Bench 2025", "date_from": "2025-01-01", "date_to": "2025-12-31"}
        )
        env.flush_all()
        start = time.perf_counter()
        cr.execute(
            """
            INSERT INTO sale_order (name, partner_id, partner_invoice_id,
                partner_shipping_id, company_id, currency_id, user_id, state,
                date_order, create_date, write_date, amount_untaxed, amount_tax,
                amount_total, currency_rate)
            SELECT 'BENCH' || n, p, p, p, %(company)s,
                   %(currency)s, (%(users)s::int[])[1 + n %% %(user_count)s], 'sale',
                   timestamp '2025-01-01' + (n %% 365) * interval '1 day'
                       + interval '3 hours',
                   timestamp '2025-01-01' + (n %% 365) * interval '1 day',
                   now(), 100 + n %% 900, 0, 100 + n %% 900, 1.0
              FROM generate_series(1, %(orders)s) AS n,
                   LATERAL (SELECT (%(partners)s::int[])[
                       1 + (n::bigint * 7919) %% %(partner_count)s] AS p) AS customer
            """,
            {
                "partners": partners.ids,
                "partner_count": len(partners),
                "company": company.id,
                "currency": company.currency_id.id,
                "users": users.ids,
                "user_count": len(users),
                "orders": args.orders,
            },
        )
        cr.execute("ANALYZE sale_order")
        cr.execute("ANALYZE res_partner")
        cr.execute("ANALYZE res_partner_res_partner_category_rel")
        print(f"inserted {args.orders} orders in {time.perf_counter() - start:.1f} s")

        def hand_sql():
            cr.execute(
                """
                SELECT date_trunc('month', date_order)::date, user_id,
                       SUM(amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1))
                  FROM sale_order
                 WHERE state = 'sale' AND company_id = %s AND user_id IN %s
                   AND date_order >= '2025-01-01' AND date_order < '2026-01-01'
                 GROUP BY 1, 2
                """,
                (company.id, tuple(users.ids)),
            )
            return cr.fetchall()

        reference, _rows = timed(
            "hand-written SQL, amount per month x seller", hand_sql
        )
        for indicator in env["sales.qms.indicator"].search([]):

            def engine(indicator=indicator):
                return indicator._compute_values(
                    date(2025, 1, 1),
                    date(2025, 12, 31),
                    "user",
                    users.ids,
                    company_ids=company.ids,
                )

            elapsed, _values = timed(f"engine {indicator.code}", engine)
            print(f"{'':<52} {elapsed / reference:9.2f} x hand SQL")

        Indicator = env["sales.qms.indicator"]
        if "partner_category" in getattr(Indicator, "_get_scope_specs", dict)():
            amount = env.ref("sales_qms.indicator_sale_amount")

            def per_category():
                return amount._compute_values(
                    date(2025, 1, 1),
                    date(2025, 12, 31),
                    "partner_category",
                    categories.ids,
                    company_ids=company.ids,
                )

            elapsed, _values = timed(
                "engine SALE-AMOUNT per customer category", per_category
            )
            print(f"{'':<52} {elapsed / reference:9.2f} x hand SQL")

        amount = env.ref("sales_qms.indicator_sale_amount")
        objectives = env["sales.qms.objective"].create(
            [
                {
                    "name": f"Bench {user.name}",
                    "indicator_id": amount.id,
                    "fiscal_year_id": year.id,
                    "scope_type": "user",
                    "user_id": user.id,
                    "target": 10000,
                }
                for user in users
            ]
        )

        def measure():
            objectives._compute_measurements()
            env.flush_all()

        env.flush_all()
        queries = cr.sql_log_count
        elapsed, _result = timed(
            f"measure {len(objectives)} objectives (engine + writes)", measure
        )
        print(f"{'':<52} {elapsed / reference:9.2f} x hand SQL")
        print(f"queries for 3 measurement runs: {cr.sql_log_count - queries}")
        cr.rollback()


if __name__ == "__main__":
    main()
