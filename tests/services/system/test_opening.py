"""Opening database files: every kind of bad file is refused with a Chinese message before anything is written
to it, another program's SQLite file stays byte for byte as it was, and our own files carry our application id."""

import os
import sqlite3
import time
from pathlib import Path

import pytest

from app.models import db as dbmod
from app.services.accounts import users as accounts
from app.services.core.errors import DatabaseUnusable
from app.services.system import database as setup
from app.services.system import file_checks
from tests.helpers.bad_files import BAD_FILES, make_bad_file, other_application_database, undo_permissions

FIXTURES = Path(__file__).parent.parent.parent / "models" / "fixtures"


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file under `folder` with its bytes (None for a folder)."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in folder.rglob("*")}


@pytest.mark.parametrize("bad", BAD_FILES, ids=[b.kind for b in BAD_FILES])
def test_each_bad_file_is_refused_with_a_message_and_left_unchanged(bad, tmp_path, empty_template):
    folder = tmp_path / "files"
    folder.mkdir()
    path = make_bad_file(bad.kind, folder, empty_template)
    before = _snapshot(folder)
    try:
        with pytest.raises(DatabaseUnusable) as refused:
            setup.open_register(path, create=False)
        assert bad.expected in str(refused.value)
        assert dbmod.database.is_closed()
        assert _snapshot(folder) == before
    finally:
        undo_permissions(folder)


def test_another_programs_database_stays_byte_identical_in_every_way_of_opening(tmp_path):
    path = other_application_database(tmp_path / "places.sqlite")
    before = path.read_bytes()
    for create, adopt_empty in ((False, False), (True, False), (True, True)):
        with pytest.raises(DatabaseUnusable, match="其他程序的数据库"):
            setup.open_register(path, create=create, adopt_empty=adopt_empty)
    with pytest.raises(DatabaseUnusable, match="其他程序的数据库"):
        setup.initialise(path, "adminpass123")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite"]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_new_register_carries_our_application_id(tmp_path):
    path = tmp_path / "new.db"
    setup.initialise(path, "adminpass123")
    dbmod.close()
    assert dbmod.file_application_id(path) == dbmod.APPLICATION_ID


def test_a_register_from_before_the_application_id_is_recognised_and_stamped(tmp_path):
    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "register_v6.sql").read_text(encoding="utf-8"))
    conn.close()
    assert dbmod.file_application_id(path) == 0
    setup.open_register(path, create=False)
    assert dbmod.application_id() == dbmod.APPLICATION_ID
    dbmod.close()
    assert dbmod.file_application_id(path) == dbmod.APPLICATION_ID


def test_a_zero_byte_file_becomes_a_register_only_when_initialised(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with pytest.raises(DatabaseUnusable, match="请运行 init"):
        setup.open_register(path)
    assert path.read_bytes() == b""
    setup.initialise(path, "adminpass123")
    assert accounts.login("admin", "adminpass123").login == "admin"


def test_a_missing_file_is_created_only_when_asked(tmp_path):
    path = tmp_path / "sub" / "new.db"
    with pytest.raises(DatabaseUnusable, match="文件夹 .* 也不存在"):
        setup.open_register(path, create=False)
    assert not path.parent.exists()
    report = setup.open_register(path)
    assert report.created and path.is_file()


def test_the_register_opens_writable_again_once_the_read_only_mark_is_gone(tmp_path, empty_template):
    path = make_bad_file("read_only_file", tmp_path, empty_template)
    with pytest.raises(DatabaseUnusable, match="取消“只读”"):
        setup.open_register(path)
    path.chmod(0o644)
    setup.open_register(path)
    assert accounts.login("admin", "adminpass123").login == "admin"


def _left_behind(path: Path, content: bytes, age_seconds: float) -> Path:
    path.write_bytes(content)
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_opening_removes_scratch_files_a_crash_left_but_not_fresh_ones(empty_db):
    path, _ = empty_db
    dbmod.close()
    folder = path.parent
    stale = [
        _left_behind(folder / "register.db.k3j9x_2a.part", b"half a backup", 3600),
        _left_behind(folder / "register.db.q0w9e8r7.restoring", b"half a restore", 3600),
        _left_behind(folder / "register.replaced-20261201-101010.bak.abcdefgh.part-journal", b"j", 3600),
    ]
    fresh = _left_behind(folder / "register.db.freshone.part", b"being written right now", 5)
    unrelated = _left_behind(folder / "notes.part", b"someone else's", 3600)
    setup.open_register(path)
    assert [p.name for p in stale if p.exists()] == []
    assert fresh.exists() and unrelated.exists()


def test_only_the_newest_three_pre_upgrade_copies_are_kept(empty_db):
    path, _ = empty_db
    folder = path.parent
    names = [f"register.v{v}-before-upgrade-2026120{d}-0{h}0000.bak" for v, d, h in
             [(1, 1, 1), (2, 1, 2), (3, 2, 1), (4, 3, 5), (5, 4, 9), (6, 5, 1)]]  # fmt: skip
    for name in names:
        (folder / name).write_bytes(b"copy")
    other = folder / "other.v1-before-upgrade-20261101-000000.bak"
    other.write_bytes(b"another register's copy")
    removed = file_checks.tidy_folder(path)
    assert sorted(p.name for p in folder.glob("register.v*-before-upgrade-*.bak")) == sorted(names[-3:])
    assert {p.name for p in removed} == set(names[:3])
    assert other.exists()
