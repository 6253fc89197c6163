"""The city-scale benchmark suite: every measure as app / floor / ratio, at several sizes, floors timed in the same run.

    python benchmarks/run.py                      # 1k and 10k enterprises (a few minutes on 2 cores)
    python benchmarks/run.py --sizes 1000,10000,100000
    python benchmarks/run.py --import             # also the import benchmark (slow), run as its own process

Each size is a new city from benchmarks/city.py: N enterprises, N/5 visits, N/20 cases, 200 applications.
Every measure is the median of several runs after one warm-up, against the floor: the raw sqlite3 work that
returns the same data (the dashboard's SQL aggregates and lists; the SQL listing the cases with their parties
and stored clocks; the register's id list and first rows; a name LIKE query). Ratios, not times, are what
to compare across machines; growth across sizes shows whether a measure is linear.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import city  # noqa: E402
from benchmarks.timing import median_seconds  # noqa: E402

GOALS = {"dashboard": 3.0, "case list (all rows)": 2.0}
FIRST_SCREEN = 50


def _dashboard_floor(raw: sqlite3.Connection, today: date, year: int):
    """The SQL the dashboard's figures need, each answer fetched: the least any dashboard must do."""
    active = "le.status IN ('listed', 'renewed')"
    iso = today.isoformat()

    def run():
        raw.execute(f"SELECT COUNT(*) FROM list_entry le WHERE {active}").fetchall()
        raw.execute(f"SELECT e.district_id, COUNT(*) FROM list_entry le JOIN enterprise e ON e.id = le.enterprise_id "
                    f"WHERE {active} GROUP BY e.district_id").fetchall()
        raw.execute(f"SELECT j.value, COUNT(*) FROM list_entry le, json_each(le.basis) j WHERE {active} "
                    f"GROUP BY j.value").fetchall()
        raw.execute(f"SELECT e.industry_section, COUNT(*) FROM list_entry le JOIN enterprise e "
                    f"ON e.id = le.enterprise_id WHERE {active} GROUP BY e.industry_section").fetchall()
        raw.execute("SELECT e.district_id, a.status, COUNT(*) FROM application a JOIN enterprise e "
                    "ON e.id = a.enterprise_id JOIN round r ON r.id = a.round_id WHERE r.year = ? "
                    "AND NOT a.superseded GROUP BY 1, 2", (year,)).fetchall()
        raw.execute("SELECT e.district_id, COUNT(DISTINCT a.enterprise_id) FROM review v JOIN application a "
                    "ON a.id = v.application_id JOIN enterprise e ON e.id = a.enterprise_id JOIN round r "
                    "ON r.id = a.round_id WHERE v.kind = 'recommendation' AND r.year = ? AND a.source != 'direct' "
                    "GROUP BY 1", (year,)).fetchall()
        raw.execute(f"SELECT le.id, e.name, d.name, le.next_review_on FROM list_entry le JOIN enterprise e "
                    f"ON e.id = le.enterprise_id JOIN district d ON d.id = e.district_id WHERE {active} "
                    f"AND le.next_review_on <= date(?, '+60 days') ORDER BY le.next_review_on", (iso,)).fetchall()
        raw.execute("SELECT f.id, f.uuid, e.uscc, e.name, d.name, f.description, u.login, f.due_on, f.status, "
                    "f.visit_id, f.resolution FROM follow_up f JOIN enterprise e ON e.id = f.enterprise_id "
                    "JOIN district d ON d.id = e.district_id LEFT JOIN user u ON u.id = f.owner_id "
                    "WHERE f.status IN ('open', 'in_progress') AND f.due_on < ? ORDER BY f.due_on, f.id",
                    (iso,)).fetchall()
        raw.execute(f"SELECT e.id, e.name, d.name, (SELECT MAX(visited_on) FROM visit v WHERE v.enterprise_id = e.id), "
                    f"EXISTS (SELECT 1 FROM liaison_assignment l WHERE l.enterprise_id = e.id AND l.end_on IS NULL) "
                    f"FROM list_entry le JOIN enterprise e ON e.id = le.enterprise_id JOIN district d "
                    f"ON d.id = e.district_id WHERE {active} ORDER BY le.id").fetchall()
        raw.execute("SELECT k.case_id, c.number, k.label, k.due, k.unit FROM case_clock k JOIN \"case\" c "
                    "ON c.id = k.case_id WHERE k.met_on IS NULL AND NOT (k.window AND k.overdue_on <= ?) "
                    "ORDER BY k.due, c.received_on DESC, c.id DESC LIMIT 20", (iso,)).fetchall()
        raw.execute("SELECT r.case_id, c.number, r.reported_on FROM city_report r JOIN \"case\" c ON c.id = r.case_id "
                    "WHERE r.acknowledged_on IS NULL").fetchall()

    return run


def _case_list_floor(raw: sqlite3.Connection):
    def run():
        raw.execute("SELECT c.id, c.number, c.type, c.source, d.name, c.important, c.important_note, c.status, "
                    "c.received_on, c.closed_on, c.outcome FROM \"case\" c LEFT JOIN district d "
                    "ON d.id = c.handling_district_id ORDER BY c.received_on DESC, c.id DESC").fetchall()
        raw.execute("SELECT case_id, name, role, enterprise_id FROM case_party ORDER BY id").fetchall()
        raw.execute("SELECT case_id, key, label, start, due, unit, met_on, soon_on, overdue_on, window "
                    "FROM case_clock ORDER BY case_id, position").fetchall()

    return run


def measure(size: int, folder: Path) -> list[tuple[str, float, float]]:
    from app.models import Enterprise, User
    from app.services.cases import clock_store
    from app.services.cases.case_rows import case_rows
    from app.services.core import settings
    from app.services.dashboard.figures import dashboard
    from app.services.enterprises.search import EnterpriseQuery, fetch_rows, search_ids
    from app.services.system import database as setup

    path = folder / f"city-{size}.db"
    start = time.perf_counter()
    if path.exists():  # a city kept from an earlier run (--keep)
        setup.open_register(path)
        print(f"  reusing {path}", flush=True)
    else:
        city.build(path, size)
        print(f"  built {size:,} enterprises in {time.perf_counter() - start:.1f} s", flush=True)
    admin = User.get(User.login == "admin")
    raw = sqlite3.connect(path)
    today = date.today()
    year = settings.current_round_year(today)
    results = []

    start = time.perf_counter()
    computed = clock_store.refresh()
    first = time.perf_counter() - start
    results.append((f"case clocks, first computation ({computed} cases)", first, float("nan")))

    results.append(("dashboard", median_seconds(lambda: dashboard(admin, today=today)),
                    median_seconds(_dashboard_floor(raw, today, year))))  # fmt: skip
    results.append(("case list (all rows)", median_seconds(lambda: case_rows(admin, today=today)),
                    median_seconds(_case_list_floor(raw))))  # fmt: skip

    rules = settings.get("cases.deadline_rules")
    from app.models import CaseClockBasis

    def after_rules_change():
        CaseClockBasis.update(fingerprint="changed").execute()  # as a change of the rules or calendar does
        return clock_store.refresh(deadline_rules=rules)

    open_cases = after_rules_change()
    results.append((f"clocks after a rules change ({open_cases} open cases)",
                    median_seconds(after_rules_change, repeat=3), float("nan")))  # fmt: skip

    sample = Enterprise.get_by_id(size // 2)
    fragment = sample.name_key[5:9]

    def raw_first_screen():
        ids = [r[0] for r in raw.execute("SELECT id FROM enterprise WHERE archived = 0 ORDER BY name_key, id")]
        marks = ",".join("?" * FIRST_SCREEN)
        raw.execute(f"SELECT e.id, e.name, e.uscc, d.name FROM enterprise e JOIN district d "
                    f"ON d.id = e.district_id WHERE e.id IN ({marks})", ids[:FIRST_SCREEN]).fetchall()

    def app_first_screen():
        fetch_rows(search_ids(admin, EnterpriseQuery())[:FIRST_SCREEN])

    results.append(("register first screen", median_seconds(app_first_screen), median_seconds(raw_first_screen)))
    results.append((f"name search “{fragment}”", median_seconds(lambda: search_ids(admin, EnterpriseQuery(text=fragment))),
                    median_seconds(lambda: raw.execute("SELECT id FROM enterprise WHERE archived = 0 AND "
                                                       "name_key LIKE ? ORDER BY name_key, id",
                                                       (f"%{fragment}%",)).fetchall())))  # fmt: skip
    raw.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="enterprises per city, comma-separated")
    parser.add_argument("--import", dest="with_import", action="store_true", help="also run import_bench.py")
    parser.add_argument("--keep", type=Path, help="folder to keep the cities in (and reuse them from)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    table = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"city of {size:,} enterprises", flush=True)
        table += [(size, *row) for row in measure(size, folder)]
    print()
    print(f"{'size':>8}  {'measure':<44}{'app':>11}{'floor':>11}{'ratio':>8}  goal")
    for size, label, app, floor in table:
        ratio = app / floor if floor == floor else float("nan")  # nan: no floor for this measure
        goal = GOALS.get(label)
        verdict = "" if goal is None else (f"≤{goal:g}× ok" if ratio <= goal else f"≤{goal:g}× MISSED")
        floor_text = f"{floor * 1000:>8.1f} ms" if floor == floor else f"{'—':>11}"
        ratio_text = f"{ratio:>8.2f}" if ratio == ratio else f"{'—':>8}"
        print(f"{size:>8}  {label:<44}{app * 1000:>8.1f} ms{floor_text}{ratio_text}  {verdict}")
    if args.with_import:
        here = Path(__file__).resolve().parent
        subprocess.run([sys.executable, str(here / "import_bench.py")], check=False)


if __name__ == "__main__":
    main()
