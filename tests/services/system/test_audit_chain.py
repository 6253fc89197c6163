"""Finding 10: the audit trail is chained, so an edited, deleted or rolled-back trail is found and reported.

Edits are made the way someone would make them around the program: SQL on the file, or an older copy of the
file put back. A restore through the program is a rollback it knows of: audited, and not reported.
"""

import json
import shutil
import sqlite3
import time

import pytest

from app.cli import main
from app.models import AuditLog, Enterprise
from app.models import db as dbmod
from app.models.audit import CHAIN_COLUMNS, GENESIS, chain_hash
from app.services.core import audit
from app.services.core.errors import PermissionDenied
from app.services.enterprises import register as enterprises
from app.services.system import audit_chain, backup
from app.services.system import database as setup


def _change(admin, n: int) -> None:
    for i in range(n):
        ent = Enterprise.select().order_by(Enterprise.id).first()
        enterprises.update(admin, ent.id, {"legal_representative": f"法人{i}"})


def _sql(path, statement: str, *params) -> None:
    """An edit made around the program, on the closed file."""
    setup.release_connection()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(statement, params)
    conn.close()


def test_a_new_register_and_every_write_after_it_form_an_unbroken_chain(demo_db, demo_users):
    _change(demo_users["admin"], 3)
    report = audit_chain.verify_chain()
    assert report.ok and report.checked == AuditLog.select().count() > 3
    first = AuditLog.select().order_by(AuditLog.id).first()
    assert first.prev_hash == GENESIS
    links = list(AuditLog.select(AuditLog.prev_hash, AuditLog.entry_hash).order_by(AuditLog.id).tuples())
    assert all(prev == links[i][1] for i, (prev, _) in enumerate(links[1:]))


@pytest.mark.parametrize(
    "edit, why",
    [
        ("UPDATE audit_log SET after = '{}' WHERE id = ?", "内容与其哈希值不符"),
        ("UPDATE audit_log SET user_login = 'nobody' WHERE id = ?", "内容与其哈希值不符"),
        ("UPDATE audit_log SET at = '2020-01-01 00:00:00' WHERE id = ?", "内容与其哈希值不符"),
        ("DELETE FROM audit_log WHERE id = ?", "接不上"),
    ],
)
def test_an_entry_edited_or_deleted_in_the_middle_is_found_by_its_id(demo_db, demo_users, edit, why):
    path, _ = demo_db
    _change(demo_users["admin"], 2)
    middle = AuditLog.select().count() // 2
    _sql(path, edit, middle)
    setup.open_register(path)
    report = audit_chain.status(demo_users["admin"])
    assert report.broken_id == (middle + 1 if edit.startswith("DELETE") else middle)
    assert why in report.messages()[0] and f"第 {report.broken_id} 条" in report.messages()[0]


def test_an_edit_that_rehashes_the_entry_still_breaks_the_next_link(demo_db, demo_users):
    path, _ = demo_db
    middle = AuditLog.select().count() // 2
    entry = AuditLog.get_by_id(middle)
    forged = dict(entry.__data__, after="{}")
    values = [str(forged["at"]) if c == "at" else forged[c] for c in CHAIN_COLUMNS]
    _sql(path, "UPDATE audit_log SET after = '{}', entry_hash = ? WHERE id = ?", chain_hash(values), middle)
    setup.open_register(path)
    assert audit_chain.verify_chain().broken_id == middle + 1


def test_a_trail_cut_short_at_its_end_is_reported_on_opening_and_stays_in_the_log(demo_db, demo_users):
    path, _ = demo_db
    admin = demo_users["admin"]
    _change(admin, 3)
    setup.release_connection()  # the CLI and the window remember the head when they let go
    last = json.loads(audit_chain.head_file(path).read_text())["last_id"]
    _sql(path, "DELETE FROM audit_log WHERE id > ?", last - 2)
    setup.open_register(path)
    report = audit_chain.status(admin)
    assert report.broken_id is None and len(report.rollbacks) == 1
    assert f"上次记录到第 {last} 条" in report.rollbacks[0]
    assert AuditLog.select().order_by(AuditLog.id.desc()).first().action == audit_chain.ROLLED_BACK
    setup.release_connection()
    setup.open_register(path)  # reported once, kept in the log: not appended again
    assert AuditLog.select().where(AuditLog.action == audit_chain.ROLLED_BACK).count() == 1
    assert audit_chain.verify_chain().ok


def test_an_older_copy_of_the_file_put_back_by_hand_is_reported(demo_db, demo_users, tmp_path):
    path, _ = demo_db
    setup.release_connection()
    old = tmp_path / "yesterday.db"
    shutil.copyfile(path, old)
    setup.open_register(path)
    _change(demo_users["admin"], 2)
    setup.release_connection()
    shutil.copyfile(old, path)
    setup.open_register(path)
    assert len(audit_chain.status(demo_users["admin"]).rollbacks) == 1


def test_a_restore_through_the_program_is_audited_with_the_trail_it_replaced_and_not_reported(
    demo_db, demo_users, tmp_path
):
    path, _ = demo_db
    admin = demo_users["admin"]
    copy = backup.backup(admin, tmp_path / "b.db")
    _change(admin, 2)
    replaced = audit_chain.head()
    backup.restore(admin, copy)
    entry = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert entry.action == "database.restore"
    assert json.loads(entry.after)["replaced_trail"] == replaced.as_dict()
    setup.release_connection()
    setup.open_register(path)
    report = audit_chain.status(admin)
    assert report.ok, report.messages()


def test_a_new_register_at_the_same_place_is_not_a_rollback(tmp_path):
    path = tmp_path / "r.db"
    setup.initialise(path, "adminpass123")
    setup.release_connection()
    path.unlink()
    setup.initialise(path, "adminpass123")
    assert audit_chain.last_check().ok


def test_only_the_city_administrator_is_shown_the_check(demo_db, demo_users):
    for login in ("shenhe", "dongsheng", "chakan"):
        with pytest.raises(PermissionDenied):
            audit_chain.status(demo_users[login])


def test_audit_verify_on_the_cli(cli_db, capsys, monkeypatch):
    db, passwords = cli_db
    assert main(["--db", str(db), "audit", "verify"]) == 0
    assert "审计日志完整" in capsys.readouterr().out
    _sql(db, "UPDATE audit_log SET action = 'x' WHERE id = 3")
    assert main(["--db", str(db), "audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert "第 3 条" in captured.out and "警告" in captured.err
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    assert main(["--db", str(db), "--user", "dongsheng", "audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert "只有市局管理员" in captured.err and "警告" not in captured.err


def test_checking_a_large_trail_is_quick(demo_db, demo_users):
    """Every opening checks the whole chain: 20,000 entries in well under a second here."""
    admin = demo_users["admin"]
    ent = Enterprise.select().first()
    with dbmod.database.atomic():
        for _ in range(20):
            audit.record_many(admin, "enterprise.update", [ent] * 1000)
    start = time.perf_counter()
    report = audit_chain.verify_chain()
    assert report.ok and report.checked > 20_000
    assert time.perf_counter() - start < 5


def test_a_long_trail_is_checked_from_the_remembered_head_on_opening_and_in_full_on_request(
    demo_db, demo_users, monkeypatch
):
    path, _ = demo_db
    monkeypatch.setattr(audit_chain, "FULL_CHECK_LIMIT", 50)  # the demo trail counts as long
    setup.release_connection()  # remembers the head
    setup.open_register(path)
    remembered = audit_chain.remembered(path).last_id
    _change(demo_users["admin"], 2)
    _sql(path, "UPDATE audit_log SET action = 'x' WHERE id = 3")  # before the remembered head
    setup.open_register(path)
    assert audit_chain.last_check().ok and audit_chain.last_check().checked < remembered
    assert audit_chain.status(demo_users["admin"]).broken_id == 3
    _change(demo_users["admin"], 1)
    last = AuditLog.select().count()
    dbmod.close()  # the program ends without letting go properly (a crash): the head is not remembered
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE audit_log SET action = 'x' WHERE id = ?", (last,))  # after it: found on opening
    conn.close()
    setup.open_register(path)
    assert audit_chain.last_check().broken_id == last
