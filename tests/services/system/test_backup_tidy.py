"""Backups leave no clutter: scratch files of a crashed earlier backup are swept at the next one; a backup
carries our application id, and a restore refuses another program's database even with a schema_info table."""

import os
import sqlite3
import time

import pytest

from app.models import db as dbmod
from app.services.core.errors import DomainError
from app.services.system import backup


def _crash_leftover(path, age_seconds):
    path.write_bytes(b"half a copy")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_a_backup_sweeps_what_a_crashed_backup_left_in_its_folder(demo_db, demo_users, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = [
        _crash_leftover(folder / "register-20261201-090000.db.ab12cd34.part", 7200),
        _crash_leftover(folder / "register-20261201-090000.db.ab12cd34.part-journal", 7200),
    ]
    in_progress = _crash_leftover(folder / "register-20261203-120000.db.zz99yy88.part", 1)
    made = backup.backup(demo_users["admin"], folder / "b.db")
    assert [p for p in stale if p.exists()] == []
    assert in_progress.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted(["b.db", in_progress.name])
    assert dbmod.file_application_id(made) == dbmod.APPLICATION_ID


def test_restore_refuses_another_programs_database_that_has_a_schema_info_table(
    demo_db, demo_users, tmp_path
):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute(f"PRAGMA application_id = {0x12345678}")
    conn.execute("CREATE TABLE schema_info (version INTEGER)")
    conn.execute("INSERT INTO schema_info VALUES (3)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(DomainError, match="其他程序的数据库"):
        backup.restore(demo_users["admin"], other)
    assert other.read_bytes() == before
