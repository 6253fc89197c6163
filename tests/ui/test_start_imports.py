"""Start-up of the window: what is imported before the login window shows.

The login window is up in about a second only if the pages, the command line, the PDF and Excel libraries and
the PostgreSQL driver wait until after sign-in (benchmarks/frozen_start.py). The program runs in a fresh
interpreter with IPREG_START_PROBE=1, which closes the login window as soon as it is shown, and `-X importtime`
lists every module it imported on the way.
"""

import os
import subprocess
import sys
from pathlib import Path

from app.ui.launch import window_arguments

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "openpyxl", "python_calamine", "pypdf", "psycopg_binary", "pypinyin", "cryptography")
PAGES = (
    "app.ui.main_window", "app.ui.enterprises", "app.ui.applications", "app.ui.cases", "app.ui.dashboard",
    "app.ui.excel", "app.ui.liaison", "app.ui.listing", "app.ui.plans", "app.ui.questionnaires",
    "app.ui.statistics", "app.ui.system", "app.cli", "app.commands",
)  # fmt: skip


def _modules_before_login(db: Path) -> tuple[subprocess.CompletedProcess, set[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "IPREG_START_PROBE": "1"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", "--db", str(db)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done, modules


def test_the_login_window_comes_before_the_pages_and_the_heavy_libraries(cli_db):
    path, _ = cli_db
    done, modules = _modules_before_login(path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert {"app.ui.login_dialog", "app.services.system.database"} <= modules  # it really got to the login
    # peewee's own attempt at `import psycopg` is listed too (refused at once, app.models.drivers): the package's
    # modules are the sign it was really loaded.
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith("psycopg."))
    assert not heavy, f"imported before the login window: {heavy[:10]}"
    pages = sorted(m for m in modules if m.startswith(PAGES))
    assert not pages, f"imported before the login window: {pages[:10]}"


def test_only_the_global_options_mean_the_window(tmp_path):
    db = tmp_path / "r.db"
    window = window_arguments(["--db", str(db), "--demo"])
    assert (window.db, window.demo) == (db, True)
    assert window_arguments([f"--db={db}", "--user", "shenhe"]).db == db
    assert window_arguments([]).db.name == "register.db"  # the default database, as app.cli has it
    for command_line in (["--db", str(db), "enterprise", "list"], ["--help"], ["--version"], ["--db"], ["init"]):
        assert window_arguments(command_line) is None, command_line  # app.cli answers these
