"""Benchmark: the enterprise register at 100,000 enterprises, as ratios against raw sqlite3 queries.

    python benchmarks/register_bench.py [--rows 100000] [--db PATH]

Measures what a person waits for: the register's first screen (ids in display order plus the first 50 rows)
and a search-as-you-type answer (a name fragment, and a USCC prefix). Each is timed as the median of several
runs and compared with the raw sqlite3 query that returns the same rows, so the ratio shows the cost of the
service layer, independent of the machine.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from app.models import Enterprise
from app.models.db import database
from app.services.core import reference
from app.services.enterprises.search import EnterpriseQuery, fetch_rows, search_ids
from app.services.system import database as setup
from app.services.system.demo import _FORMS, _PLACES, _TRADES, make_uscc
from app.text import name_key
from benchmarks.timing import median_seconds

FIRST_SCREEN = 50


def fill(rows: int, seed: int = 7) -> None:
    """Bulk-insert enterprises (filling is setup, not what is measured)."""
    rng = random.Random(seed)
    districts = reference.districts()
    batch, codes = [], set()
    for i in range(rows):
        trade = rng.choice(list(_TRADES))
        name = f"鄂尔多斯市{rng.choice(_PLACES)}{rng.choice(_PLACES)}{trade}{i}{rng.choice(_FORMS)}"
        district = districts[i % len(districts)]
        section, division, products = _TRADES[trade]
        code = make_uscc(rng, district.code)
        while code in codes:
            code = make_uscc(rng, district.code)
        codes.add(code)
        batch.append(
            {
                "uscc": code,
                "name": name,
                "name_key": name_key(name),
                "kind": "enterprise",
                "district": district.id,
                "industry_section": section,
                "industry_division": division,
                "main_products": products,
            }
        )
        if len(batch) == 1000:
            _insert(batch)
    _insert(batch)


def _insert(batch: list[dict]) -> None:
    with database.atomic():
        Enterprise.insert_many(batch).execute()
    batch.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    admin = setup.initialise(path, "benchpass123").admin
    start = time.perf_counter()
    fill(args.rows)
    print(f"filled {args.rows:,} enterprises in {time.perf_counter() - start:.1f} s ({path})")

    raw = sqlite3.connect(path)
    sample = Enterprise.get_by_id(args.rows // 2)
    fragment, prefix = sample.name_key[5:9], sample.uscc[:10]

    def raw_first_screen():
        ids = [
            r[0] for r in raw.execute("SELECT id FROM enterprise WHERE archived = 0 ORDER BY name_key, id")
        ]
        marks = ",".join("?" * FIRST_SCREEN)
        raw.execute(
            f"SELECT e.id, e.name, e.uscc, d.name FROM enterprise e JOIN district d ON d.id = e.district_id "
            f"WHERE e.id IN ({marks})",
            ids[:FIRST_SCREEN],
        ).fetchall()

    def app_first_screen():
        ids = search_ids(admin, EnterpriseQuery())
        fetch_rows(ids[:FIRST_SCREEN])

    def raw_name_search():
        raw.execute(
            "SELECT id FROM enterprise WHERE archived = 0 AND name_key LIKE ? ORDER BY name_key, id",
            (f"%{fragment}%",),
        ).fetchall()

    def app_name_search():
        search_ids(admin, EnterpriseQuery(text=fragment))

    def raw_code_search():
        raw.execute(
            "SELECT id FROM enterprise WHERE archived = 0 AND uscc >= ? AND uscc < ? ORDER BY name_key, id",
            (prefix, prefix + "~"),
        ).fetchall()

    def app_code_search():
        search_ids(admin, EnterpriseQuery(text=prefix))

    print(f"{'measure':<28}{'raw sqlite3':>14}{'register':>12}{'ratio':>8}")
    for label, raw_fn, app_fn in (
        ("first screen (all ids + 50)", raw_first_screen, app_first_screen),
        (f"name search “{fragment}”", raw_name_search, app_name_search),
        (f"USCC prefix {prefix}", raw_code_search, app_code_search),
    ):
        r, a = median_seconds(raw_fn, 7), median_seconds(app_fn, 7)
        print(f"{label:<28}{r * 1000:>11.1f} ms{a * 1000:>9.1f} ms{a / r:>8.2f}")
    raw.close()


if __name__ == "__main__":
    main()
