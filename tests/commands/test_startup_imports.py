"""Start-up: a command that neither prints nor writes Excel loads neither Qt, reportlab, openpyxl nor calamine.

Importing them costs about a second on the office machines; `enterprise show` must answer before that.
The command runs in a fresh interpreter with `-X importtime`, which lists every module it imported.
"""

import os
import subprocess
import sys
from pathlib import Path

from app.models import Enterprise

HEAVY = ("PySide6", "reportlab", "openpyxl", "python_calamine", "pypdf")
ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done, modules


def test_enterprise_show_loads_no_gui_pdf_or_excel_library(cli_db):
    path, _ = cli_db
    uscc = _first_uscc(path)
    done, modules = _imported_modules("--db", str(path), "enterprise", "show", uscc)
    assert done.returncode == 0, done.stderr[-2000:]
    assert uscc in done.stdout
    assert "app.services.enterprises.register" in modules  # the listing really is the whole import tree
    loaded = {m for m in modules if m.split(".")[0] in HEAVY}
    assert not loaded, f"enterprise show imported {sorted(loaded)[:10]}"


def test_an_excel_command_still_loads_openpyxl(cli_db, tmp_path):
    path, _ = cli_db
    done, modules = _imported_modules("--db", str(path), "template", "enterprises", str(tmp_path / "t.xlsx"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "openpyxl" in modules and (tmp_path / "t.xlsx").is_file()


def _first_uscc(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as connection:
        query = f"SELECT uscc FROM {Enterprise._meta.table_name} ORDER BY id LIMIT 1"
        return connection.execute(query).fetchone()[0]
