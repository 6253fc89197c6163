"""Crash trials: kill a restore, a backup, an import or a schema upgrade at a random moment, then open the result.

    python -m benchmarks.crash_trials [--trials 200] [--seed 1] [--kinds restore,backup,import,migrate]

Each trial lays out fresh copies of prepared files, starts a `python -c` child that opens a register through the
app and runs one call, waits for the child to say it is starting, and kills it (SIGKILL on POSIX,
TerminateProcess on Windows) after a delay drawn within 1.2× an uninterrupted run — stratified, trial i of n in
the i-th n-th of that span, so that even a few trials cover the whole call. The file at stake is then opened
through the app's own open function and classified:

- restore: "fresh" (0 enterprises, 1 account) is restored over "demo" (40 enterprises, 5 accounts);
- backup: a copy of "demo" is written over an earlier backup of "fresh";
- import: a workbook of `IMPORT_ROWS` new enterprises is imported into "demo";
- migrate: a schema-v1 register (the frozen fixture, its child tables grown to a few thousand rows) is upgraded
  to the latest schema; opening it afterwards finishes the upgrade, and every table of v1 must keep its rows.

Outcome: "before" (as it was), "after" (done), or "broken" (did not open, or holds neither: a partial import,
a lost row, an empty register).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.models import Enterprise, User
from app.models import db as dbmod
from app.models.migrations import open_database
from app.services.system import database as setup

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "crash-trial-1"
DEMO = (40, 5)  # (enterprises, accounts) of the demo register
FRESH = (0, 1)  # of a freshly initialised one
IMPORT_ROWS = 300
V1_FIXTURE = ROOT / "tests" / "models" / "fixtures" / "register_v1.sql"
GROWN_TABLES = {"contact": 3000, "honor": 3000, "audit_log": 3000}  # tables without a unique key but uuid
KINDS = ("restore", "backup", "import", "migrate")

_CHILD = """
import sys, time
from app.models import User
from app.models.migrations import open_database
from app.services.enterprises import import_xlsx
from app.services.system import backup, database as setup
kind, register, other = sys.argv[1:4]
if kind == "migrate":
    print("go", flush=True)
    started = time.perf_counter()
    open_database(register)
else:
    setup.open_register(register)
    admin = User.get(User.login == "admin")
    print("go", flush=True)
    started = time.perf_counter()
    if kind == "restore":
        backup.restore(admin, other)
    elif kind == "backup":
        backup.backup(admin, other)
    else:
        import_xlsx.import_enterprises(admin, other)
print(time.perf_counter() - started, flush=True)
"""


@dataclass(frozen=True)
class Templates:
    demo: Path
    fresh: Path
    workbook: Path
    v1: Path
    v1_counts: dict[str, int]


def prepare(workdir: Path) -> Templates:
    """The files every trial starts from, each closed and complete."""
    from benchmarks.import_bench import make_file

    demo, fresh = workdir / "template-demo.db", workdir / "template-fresh.db"
    setup.initialise(demo, PASSWORD, demo=True)
    workbook = workdir / "template-import.xlsx"
    make_file(workbook, IMPORT_ROWS, seed=3)  # needs the open register for the district names
    dbmod.close()
    setup.initialise(fresh, PASSWORD)
    dbmod.close()
    _same_installation(fresh, demo)  # a restore takes only a backup of its own installation
    v1 = workdir / "template-v1.db"
    grow_v1(v1)
    return Templates(demo, fresh, workbook, v1, table_counts(v1))


def grow_v1(path: Path) -> None:
    """The v1 fixture with its child tables copied up to a few thousand rows, so a kill lands inside the steps."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_FIXTURE.read_text(encoding="utf-8"))
    for table, rows in GROWN_TABLES.items():
        columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")') if c[1] != "id"]
        picked = ", ".join("lower(hex(randomblob(16)))" if c == "uuid" else f'"{c}"' for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        while conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] < rows:
            conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {picked} FROM "{table}"')
    conn.commit()
    conn.close()


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table of the v1 schema, read with plain sqlite3 (no app code in the way)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        v1_tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in v1_tables
                if not t.startswith("sqlite_")}  # fmt: skip
    finally:
        conn.close()


def signature(path: Path) -> tuple[int, int] | None:
    """(enterprises, accounts) of the register at `path` opened by the app, or None if it does not open."""
    if not path.is_file():
        return None
    try:
        open_database(path)
        return Enterprise.select().count(), User.select().count()
    except Exception:
        return None
    finally:
        dbmod.close()


def _same_installation(path: Path, like: Path) -> None:
    """Give `path` the installation identity of `like`, as two states of one installation's register."""
    key = "installation.identity"
    identity = dbmod.stored_setting(like, key)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE setting SET value = ? WHERE key = ?", (identity, key))
    conn.close()


def outcome(kind: str, path: Path, templates: Templates) -> str:
    if kind == "migrate":
        return migrate_outcome(path, templates.v1_counts)
    before, after = {
        "restore": (DEMO, FRESH),
        "backup": (FRESH, DEMO),
        "import": (DEMO, (DEMO[0] + IMPORT_ROWS, DEMO[1])),
    }[kind]
    return {before: "before", after: "after"}.get(signature(path), "broken")


def migrate_outcome(path: Path, counts: dict[str, int]) -> str:
    """"after" if the killed upgrade had finished, "before" if not; "broken" if opening it loses a row or fails."""
    try:
        # Read-write, as any SQLite program opens it: a kill mid-transaction leaves a hot journal that the next
        # opener rolls back, and a read-only connection cannot (it would report an error, not a broken file).
        conn = sqlite3.connect(path)
        version = conn.execute("SELECT max(version) FROM schema_info").fetchone()[0]
        conn.close()
        open_database(path)
    except Exception:
        return "broken"
    finally:
        dbmod.close()
    now = table_counts(path)
    if any(now.get(table, -1) != rows for table, rows in counts.items() if table != "schema_info"):
        return "broken"
    return "before" if version == 1 else "after"


def layout(kind: str, templates: Templates, folder: Path) -> tuple[Path, Path, Path]:
    """(register, other file of the call, file at stake) for one trial in an empty `folder`."""
    folder.mkdir()
    register = folder / "register.db"
    if kind == "migrate":
        shutil.copyfile(templates.v1, register)
        return register, register, register
    shutil.copyfile(templates.demo, register)
    if kind == "import":
        other = folder / "import.xlsx"
        shutil.copyfile(templates.workbook, other)
        return register, other, register
    other = folder / "other.db"
    shutil.copyfile(templates.fresh, other)
    return register, other, (register if kind == "restore" else other)


def run_child(kind: str, register: Path, other: Path, kill_after: float | None) -> float | None:
    """Run one call in a child; kill it `kill_after` seconds after it starts the call (None: let it finish)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, kind, str(register), str(other)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        if child.stdout.readline().strip() != "go":
            raise RuntimeError(f"child did not start: {child.communicate()[1]}")
        if kill_after is None:
            out, err = child.communicate(timeout=300)
            if child.returncode != 0:
                raise RuntimeError(f"uninterrupted {kind} failed: {err}")
            return float(out.strip())
        time.sleep(kill_after)
        child.kill()
        child.communicate()
        return None
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()


def trials(kind: str, count: int, workdir: Path, seed: int = 1, templates: Templates | None = None) -> Counter:
    """Outcomes of `count` killed runs of `kind` (one of KINDS) in `workdir`."""
    rng = random.Random(seed)
    templates = templates or prepare(workdir)
    register, other, at_stake = layout(kind, templates, workdir / f"{kind}-0")
    duration = run_child(kind, register, other, None)
    if outcome(kind, at_stake, templates) != "after":
        raise RuntimeError(f"an uninterrupted {kind} did not give the expected result")
    span = 1.2 * duration
    results: Counter = Counter()
    for n in range(1, count + 1):
        register, other, at_stake = layout(kind, templates, workdir / f"{kind}-{n}")
        run_child(kind, register, other, span * (n - 1 + rng.random()) / count)
        results[outcome(kind, at_stake, templates)] += 1
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        templates = prepare(Path(folder))
        for kind in args.kinds.split(","):
            results = trials(kind, args.trials, Path(folder), args.seed, templates)
            print(
                f"{kind}: {args.trials} kills → "
                + ", ".join(f"{k} {results[k]}" for k in ("before", "after", "broken")),
                flush=True,
            )


if __name__ == "__main__":
    main()
