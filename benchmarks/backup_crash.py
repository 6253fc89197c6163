"""Crash trials: kill a restore or a backup at a random moment, then open what it was writing.

    python -m benchmarks.backup_crash [--trials 100] [--seed 1]

Each trial copies two prepared registers ("demo": 40 enterprises and 5 accounts; "fresh": 0 enterprises and
1 account), starts a `python -c` child that opens the register through
the app and runs the service call, waits for the child to say it is starting, and kills it (SIGKILL on POSIX,
TerminateProcess on Windows) after a delay drawn within 1.2× an uninterrupted run — stratified, trial i of n
in the i-th n-th of that span, so that even a few trials cover the whole call. The file the call was
replacing — the register for a restore, the earlier backup for a backup — is then opened through the app's
own open function. A restore puts "fresh" over "demo", a backup puts a copy of "demo" over a "fresh" earlier
backup. Outcome: "before" (untouched), "after" (done), or "broken" (did not open, or holds neither).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from app.models import Enterprise, User
from app.models import db as dbmod
from app.models.migrations import open_database
from app.services.system import database as setup

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "crash-trial-1"
DEMO = (40, 5)  # (enterprises, accounts) of the demo register
FRESH = (0, 1)  # of a freshly initialised one

_CHILD = """
import sys, time
from app.models import User
from app.services.system import backup, database as setup
kind, register, other = sys.argv[1:4]
setup.open_register(register)
admin = User.get(User.login == "admin")
print("go", flush=True)
started = time.perf_counter()
if kind == "restore":
    backup.restore(admin, other)
else:
    backup.backup(admin, other)
print(time.perf_counter() - started, flush=True)
"""


def prepare(workdir: Path) -> tuple[Path, Path]:
    """The two template registers, each closed and in one file."""
    demo, fresh = workdir / "template-demo.db", workdir / "template-fresh.db"
    setup.initialise(demo, PASSWORD, demo=True)
    dbmod.close()
    setup.initialise(fresh, PASSWORD)
    dbmod.close()
    return demo, fresh


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


def outcome(kind: str, path: Path) -> str:
    before, after = (DEMO, FRESH) if kind == "restore" else (FRESH, DEMO)
    return {before: "before", after: "after"}.get(signature(path), "broken")


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
            out, err = child.communicate(timeout=120)
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


def trials(kind: str, count: int, workdir: Path, seed: int = 1) -> Counter:
    """Outcomes of `count` killed runs of `kind` ("restore" or "backup") in `workdir`."""
    rng = random.Random(seed)
    demo, fresh = prepare(workdir)

    def layout(n: int) -> tuple[Path, Path, Path]:
        folder = workdir / f"{kind}-{n}"
        folder.mkdir()
        register, other = folder / "register.db", folder / "other.db"
        shutil.copyfile(demo, register)
        shutil.copyfile(fresh, other)
        return register, other, (register if kind == "restore" else other)

    register, other, _ = layout(0)
    duration = run_child(kind, register, other, None)
    span = 1.2 * duration
    results: Counter = Counter()
    for n in range(1, count + 1):
        register, other, at_stake = layout(n)
        run_child(kind, register, other, span * (n - 1 + rng.random()) / count)
        results[outcome(kind, at_stake)] += 1
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for kind in ("restore", "backup"):
        with tempfile.TemporaryDirectory() as folder:
            results = trials(kind, args.trials, Path(folder), args.seed)
        print(
            f"{kind}: {args.trials} kills → "
            + ", ".join(f"{k} {results[k]}" for k in ("before", "after", "broken"))
        )


if __name__ == "__main__":
    main()
