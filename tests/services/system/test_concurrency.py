"""Parallel writers: a write waits for another's lock, retries, and at worst says "数据库正忙，请稍后重试";
two processes writing at once never see a raw "database is locked"; two imports at once both land."""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.cli import main
from app.models import Enterprise
from app.models import db as dbmod
from app.services.core.errors import DatabaseBusy
from app.services.enterprises import register
from app.services.system import database as setup
from tests.helpers.messy import codes, messy_workbook

ROOT = Path(__file__).resolve().parent.parent.parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "IPREG_PASSWORD": "adminpass123"}

_WRITER = """
import json, sys, time
from pathlib import Path
from app.models import Enterprise
from app.services.accounts import users as accounts
from app.services.enterprises import register
from app.services.system import database as setup

path, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
setup.open_register(path, create=False)
admin = accounts.get_user("admin")
ids = [e.id for e in Enterprise.select(Enterprise.id).order_by(Enterprise.id)]
print("ready", flush=True)
while not go.exists():
    time.sleep(0.01)
errors = {}
for i in range(count):
    try:
        register.update(admin, ids[i % len(ids)], {"legal_representative": f"{tag}{i}"})
    except Exception as exc:
        key = f"{type(exc).__name__}: {exc}"
        errors[key] = errors.get(key, 0) + 1
print(json.dumps(errors, ensure_ascii=False), flush=True)
"""


@pytest.fixture
def quick_give_up(monkeypatch):
    """Wait 0.2 s for a lock instead of 10 s (and retry once), so that a held lock ends the test quickly."""
    monkeypatch.setitem(dbmod.SQLITE_PRAGMAS, "busy_timeout", 200)
    monkeypatch.setattr(dbmod, "BUSY_RETRY_PAUSES", (0.05,))


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_write_behind_a_held_lock_says_busy_then_succeeds_once_it_is_free(
    demo_db, demo_users, quick_give_up
):
    path, _ = demo_db
    setup.open_register(path)  # reconnect with the short wait
    admin = demo_users["admin"]
    enterprise = Enterprise.select().first()
    other = _hold_write_lock(path)
    started = time.monotonic()
    with pytest.raises(DatabaseBusy, match="数据库正忙，请稍后重试"):
        register.update(admin, enterprise.id, {"legal_representative": "王五"})
    assert time.monotonic() - started >= 0.2  # it waited for the lock rather than failing at once
    other.execute("ROLLBACK")
    other.close()
    register.update(admin, enterprise.id, {"legal_representative": "王五"})
    assert Enterprise.get_by_id(enterprise.id).legal_representative == "王五"


def test_a_write_started_while_another_commits_waits_for_it(demo_db, demo_users):
    """With the normal wait, a lock held for half a second delays the write instead of failing it."""
    path, _ = demo_db
    admin = demo_users["admin"]
    enterprise = Enterprise.select().first()
    other = _hold_write_lock(path)
    releaser = threading.Timer(0.5, lambda: (other.execute("COMMIT"), other.close()))
    releaser.start()
    try:
        register.update(admin, enterprise.id, {"legal_representative": "赵六"})
    finally:
        releaser.join()
    assert Enterprise.get_by_id(enterprise.id).legal_representative == "赵六"


def test_the_command_line_says_busy_without_a_traceback(cli_db, tmp_path, capsys, quick_give_up):
    path, _ = cli_db
    workbook = tmp_path / "new.xlsx"
    messy_workbook(workbook, _rows(codes(3, seed=5)))
    other = _hold_write_lock(path)
    try:
        assert main(["--db", str(path), "import", "enterprises", str(workbook)]) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert "数据库正忙，请稍后重试" in err and "Traceback" not in err and "locked" not in err


def test_two_processes_writing_at_once_never_see_database_is_locked(demo_db, tmp_path):
    path, _ = demo_db
    dbmod.close()
    go = tmp_path / "go"
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), tag, "150", str(go)],
                         cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for tag in ("甲", "乙")
    ]  # fmt: skip
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    go.touch()
    results = [json.loads(w.communicate(timeout=300)[0]) for w in writers]
    assert results == [{}, {}]


def _rows(uscc_codes: list[str]) -> list[list]:
    return [
        [i + 1, code, f"鄂尔多斯市并行{code[-6:]}有限公司", "达拉特", "2015-03-01", "1", "1", "", "", "张敏", "0477-8160875"]
        for i, code in enumerate(uscc_codes)
    ]  # fmt: skip


def _import_in_parallel(path: Path, workbooks: list[Path]) -> list[subprocess.CompletedProcess]:
    processes = [
        subprocess.Popen([sys.executable, "-m", "app", "--db", str(path), "import", "enterprises", str(w)],
                         cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in workbooks
    ]  # fmt: skip
    return [(p.wait(timeout=600), p.stderr.read()) for p in processes]


def test_two_imports_at_once_both_land(cli_db, tmp_path):
    path, _ = cli_db
    all_codes = codes(600, seed=23)
    books = []
    for n, part in enumerate((all_codes[:300], all_codes[300:])):
        books.append(tmp_path / f"part{n}.xlsx")
        messy_workbook(books[-1], _rows(part))
    before = _count(path)
    results = _import_in_parallel(path, books)
    assert [(code, "Traceback" in err) for code, err in results] == [(0, False), (0, False)], results
    assert _count(path) == before + 600


def test_the_same_workbook_imported_twice_at_once_adds_each_enterprise_once(cli_db, tmp_path):
    path, _ = cli_db
    book = tmp_path / "same.xlsx"
    messy_workbook(book, _rows(codes(200, seed=29)))
    before = _count(path)
    results = _import_in_parallel(path, [book, book])
    assert [(code, "Traceback" in err) for code, err in results] == [(0, False), (0, False)], results
    assert _count(path) == before + 200


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM enterprise").fetchone()[0]
    finally:
        conn.close()
