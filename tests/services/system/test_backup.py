"""Backup and restore: a round trip, and every way a backup or a restore could lose the register, refused."""

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.models import AuditLog, Enterprise
from app.models import db as dbmod
from app.models.migrations import LATEST_VERSION, current_version
from app.services.core import installation
from app.services.core.errors import DomainError, PermissionDenied
from app.services.enterprises import register as enterprises
from app.services.system import backup
from tests.helpers.other_process import other_instance

V1_SCHEMA = Path(__file__).resolve().parents[2] / "models" / "fixtures" / "schema_v1.sql"
CHANGED = "备份之后的修改"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def audit_actions(action: str) -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.action == action))


@pytest.fixture
def changed_after_backup(demo_db, demo_users, tmp_path):
    """A backup of the demo register, then one enterprise changed: (backup file, changed enterprise id)."""
    admin = demo_users["admin"]
    copy = backup.backup(admin, tmp_path / "backups" / "b1.db")
    victim = Enterprise.select().order_by(Enterprise.id).first()
    enterprises.update(admin, victim.id, {"legal_representative": CHANGED})
    return copy, victim.id


def assert_register_unchanged(path: Path, victim_id: int) -> None:
    """Still the open register, still holding the change made after the backup, and still writable."""
    assert dbmod.current_path() == path
    assert Enterprise.select().count() == 40
    assert Enterprise.get_by_id(victim_id).legal_representative == CHANGED
    assert not list(path.parent.glob("*.replaced-*.bak"))
    assert (
        sorted(p.name for p in path.parent.iterdir() if ".restoring" in p.name or p.suffix == ".part") == []
    )


def test_backup_then_restore_brings_back_the_old_state_and_audits_it_there(
    demo_db, demo_users, changed_after_backup
):
    path, _ = demo_db
    copy, victim_id = changed_after_backup
    assert dbmod.integrity_check(copy) == "ok"
    assert len(audit_actions("database.backup")) == 1
    kept = backup.restore(demo_users["admin"], copy)
    assert dbmod.current_path() == path and current_version() == LATEST_VERSION
    assert Enterprise.get_by_id(victim_id).legal_representative != CHANGED
    assert Enterprise.select().count() == 40
    (entry,) = audit_actions("database.restore")
    assert entry.user_login == "admin" and json.loads(entry.after)["kept"] == str(kept)
    # The replaced register is kept whole: it still has the change the restore took away.
    conn = sqlite3.connect(kept)
    row = conn.execute("SELECT legal_representative FROM enterprise WHERE id = ?", (victim_id,)).fetchone()
    conn.close()
    assert row == (CHANGED,) and kept.parent == path.parent and ".replaced-" in kept.name
    assert (
        sorted(p.name for p in path.parent.iterdir() if ".restoring" in p.name or p.suffix == ".part") == []
    )


@pytest.mark.parametrize("naming", ["same path", "./relative", "symlink", "hard link"])
def test_restore_of_the_open_register_onto_itself_is_refused_and_keeps_its_data(
    naming, demo_db, demo_users, changed_after_backup, tmp_path, monkeypatch
):
    path, _ = demo_db
    _, victim_id = changed_after_backup
    if naming == "same path":
        source = path
    elif naming == "./relative":
        monkeypatch.chdir(path.parent)
        source = Path(".") / path.name
    elif naming == "symlink":
        source = tmp_path / "elsewhere" / "link.db"
        source.parent.mkdir()
        source.symlink_to(path)
    else:
        source = tmp_path / "hardlink.db"
        os.link(path, source)
    with pytest.raises(DomainError, match="就是当前正在使用的数据库"):
        backup.restore(demo_users["admin"], source)
    assert_register_unchanged(path, victim_id)
    enterprises.update(demo_users["admin"], victim_id, {"legal_representative": "仍可写入"})


def test_restore_is_refused_while_another_process_has_the_register_open(
    demo_db, demo_users, changed_after_backup
):
    path, _ = demo_db
    copy, victim_id = changed_after_backup
    with other_instance(path) as other:
        assert other.enterprises == 40
        with pytest.raises(DomainError, match="正被其他窗口或命令打开"):
            backup.restore(demo_users["admin"], copy)
        # The other instance still works on the one real register, which nobody replaced.
        assert other.legal_representative(victim_id) == CHANGED
    assert_register_unchanged(path, victim_id)
    assert audit_actions("database.restore") == []
    # Once the other instance has closed, the same restore goes through.
    backup.restore(demo_users["admin"], copy)
    assert Enterprise.get_by_id(victim_id).legal_representative != CHANGED


def _newer_version(copy: Path) -> None:
    conn = sqlite3.connect(copy)
    conn.execute(
        "INSERT INTO schema_info (version, applied_at, note) VALUES (?, '2030-01-01', '未来')",
        (LATEST_VERSION + 1,),
    )
    conn.commit()
    conn.close()


def _schema_info_only(copy: Path) -> None:
    copy.unlink()
    conn = sqlite3.connect(copy)
    conn.execute("CREATE TABLE schema_info (id INTEGER PRIMARY KEY, version INTEGER, applied_at, note)")
    conn.execute(
        "INSERT INTO schema_info (version, applied_at, note) VALUES (?, '2025-01-01', '')", (LATEST_VERSION,)
    )
    conn.commit()
    conn.close()


def _old_version_of_something_else(copy: Path) -> None:
    copy.unlink()
    conn = sqlite3.connect(copy)
    conn.execute("CREATE TABLE schema_info (id INTEGER PRIMARY KEY, version INTEGER, applied_at, note)")
    conn.execute("INSERT INTO schema_info (version, applied_at, note) VALUES (1, '2025-01-01', '')")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()


def _some_other_database(copy: Path) -> None:
    copy.unlink()
    conn = sqlite3.connect(copy)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()


def _not_a_database(copy: Path) -> None:
    copy.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)


@pytest.mark.parametrize(
    "spoil, refusal",
    [
        (_newer_version, "更新版本的程序"),
        (_schema_info_only, "不是本系统的数据库备份"),
        (_old_version_of_something_else, "无法升级"),
        (_some_other_database, "不是本系统的数据库备份"),
        (_not_a_database, "不是数据库文件或已损坏"),
    ],
    ids=["newer version", "schema_info only", "old version, foreign tables", "other database", "not sqlite"],
)
def test_restore_refuses_newer_and_foreign_files_leaving_both_untouched(
    spoil, refusal, demo_db, demo_users, changed_after_backup
):
    path, _ = demo_db
    copy, victim_id = changed_after_backup
    spoil(copy)
    before = digest(copy)
    with pytest.raises(DomainError, match=refusal):
        backup.restore(demo_users["admin"], copy)
    assert digest(copy) == before
    assert_register_unchanged(path, victim_id)


def test_an_older_backup_is_migrated_before_it_replaces_the_register(demo_db, demo_users, tmp_path):
    path, _ = demo_db
    old = tmp_path / "v1.db"
    conn = sqlite3.connect(old)
    conn.executescript(V1_SCHEMA.read_text(encoding="utf-8"))
    conn.execute(
        "INSERT INTO district (uuid, created_at, updated_at, row_version, code, name, short_name, sort_order,"
        " active) VALUES ('d1', '2025-01-01', '2025-01-01', 1, '150621', '达拉特旗', '达拉特', 2, 1)"
    )
    conn.commit()
    conn.close()
    before = digest(old)
    city = installation.current()
    backup.restore(demo_users["admin"], old)
    assert digest(old) == before
    assert current_version() == LATEST_VERSION and Enterprise.select().count() == 0
    assert installation.current() == city  # a v1 file had no identity: this installation keeps its own
    # The backup had no such account: the entry still says who restored it.
    (entry,) = audit_actions("database.restore")
    assert entry.user_id is None and json.loads(entry.after)["by"] == "admin"
    assert not list(path.parent.glob("*before-upgrade*"))


def test_backup_over_an_earlier_backup_keeps_it_until_the_new_one_is_complete(
    demo_db, demo_users, tmp_path, monkeypatch
):
    admin = demo_users["admin"]
    target = tmp_path / "backups" / "latest.db"
    backup.backup(admin, target)
    earlier = digest(target)
    seen_while_checking = []
    real_check = dbmod.integrity_check

    def watching_check(path):
        # At the moment the new copy is checked, the earlier backup must still be there, whole.
        seen_while_checking.append(digest(target))
        return real_check(path)

    monkeypatch.setattr(dbmod, "integrity_check", watching_check)
    enterprises.update(admin, Enterprise.select().first().id, {"legal_representative": CHANGED})
    backup.backup(admin, target)
    assert seen_while_checking == [earlier]
    assert digest(target) != earlier and real_check(target) == "ok"
    assert not list(target.parent.glob("*.part"))


def _corrupt_an_index(path: Path) -> None:
    """Overwrite one index page of the closed register with garbage: it opens, but is not sound."""
    dbmod.close()
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enterprise' LIMIT 1"
    ).fetchone()
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * 64)
    dbmod.connect_sqlite(path)


def test_backup_of_a_corrupt_register_is_refused_leaving_no_file_and_no_audit(demo_db, demo_users, tmp_path):
    path, _ = demo_db
    admin = demo_users["admin"]
    target = tmp_path / "backups" / "latest.db"
    backup.backup(admin, target)
    earlier = digest(target)
    _corrupt_an_index(path)
    with pytest.raises(DomainError, match="完整性检查未通过"):
        backup.backup(admin, target)
    with pytest.raises(DomainError, match="完整性检查未通过"):
        backup.backup(admin, tmp_path / "backups" / "new.db")
    assert digest(target) == earlier
    assert sorted(p.name for p in target.parent.iterdir()) == ["latest.db"]
    assert len(audit_actions("database.backup")) == 1  # the first, sound backup only


@pytest.mark.parametrize("login", ["shenhe", "dongsheng", "chakan"])
def test_only_the_city_administrator_may_back_up_or_restore(login, demo_db, demo_users, tmp_path):
    path, _ = demo_db
    copy = backup.backup(demo_users["admin"], tmp_path / "b.db")
    with pytest.raises(PermissionDenied, match="只有市局管理员"):
        backup.backup(demo_users[login], tmp_path / "mine.db")
    with pytest.raises(PermissionDenied, match="只有市局管理员"):
        backup.restore(demo_users[login], copy)
    assert not (tmp_path / "mine.db").exists()
    assert dbmod.current_path() == path and len(audit_actions("database.backup")) == 1


def test_backup_onto_the_register_itself_is_refused(demo_db, demo_users, tmp_path):
    path, _ = demo_db
    link = tmp_path / "link.db"
    link.symlink_to(path)
    for target in (path, link):
        with pytest.raises(DomainError, match="不能与当前数据库相同"):
            backup.backup(demo_users["admin"], target)
    assert Enterprise.select().count() == 40 and dbmod.integrity_check(path) == "ok"


def test_attachments_travel_with_the_backup_and_come_back_with_the_restore(demo_db, demo_users, tmp_path):
    path, _ = demo_db
    store = path.with_name(path.stem + "_files")
    (store / "ab").mkdir(parents=True)
    (store / "ab" / "ab12").write_bytes(b"attachment")
    copy = backup.backup(demo_users["admin"], tmp_path / "b" / "copy.db")
    assert (tmp_path / "b" / "copy_files" / "ab" / "ab12").read_bytes() == b"attachment"
    shutil.rmtree(store)
    backup.restore(demo_users["admin"], copy)
    assert (store / "ab" / "ab12").read_bytes() == b"attachment"
