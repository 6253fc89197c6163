"""Backup and restore round trip through SQLite's online backup API."""

import pytest

from app.models import Enterprise
from app.models import db as dbmod
from app.services.core.errors import DomainError, PermissionDenied
from app.services.enterprises import register as enterprises
from app.services.system import backup


def test_backup_then_restore_brings_back_the_old_state(demo_db, demo_users, tmp_path):
    path, _ = demo_db
    admin = demo_users["admin"]
    copy = backup.backup(admin, tmp_path / "backups" / "b1.db")
    assert dbmod.integrity_check(copy) == "ok"
    victim = Enterprise.select().first()
    enterprises.update(admin, victim.id, {"legal_representative": "备份之后的修改"})
    kept = backup.restore(admin, copy)
    assert Enterprise.get_by_id(victim.id).legal_representative != "备份之后的修改"
    assert Enterprise.select().count() == 40
    assert kept.exists() and kept != path
    assert dbmod.current_path() == path


def test_restore_refuses_a_damaged_file_and_non_admins(demo_users, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(DomainError):
        backup.restore(demo_users["admin"], bad)
    with pytest.raises(PermissionDenied):
        backup.restore(demo_users["shenhe"], bad)
    assert Enterprise.select().count() == 40


def test_backup_onto_itself_is_refused(demo_db, demo_users):
    path, _ = demo_db
    with pytest.raises(DomainError, match="不能与当前数据库相同"):
        backup.backup(demo_users["admin"], path)
