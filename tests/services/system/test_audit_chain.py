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
    assert "第 3 条" in capsys.readouterr().out  # before the anchor: found by the full walk
    assert main(["--db", str(db), "audit", "verify"]) == 1
    captured = capsys.readouterr()  # once found, every opening walks to it again and warns
    assert "第 3 条" in captured.out and "警告" in captured.err
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    assert main(["--db", str(db), "--user", "dongsheng", "audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert "只有市局管理员" in captured.err and "警告" not in captured.err


def _trail_of(admin, entries: int) -> None:
    ent = Enterprise.select().first()
    with dbmod.database.atomic():
        for _ in range(entries // 1000):
            audit.record_many(admin, "enterprise.update", [ent] * 1000)


def test_the_full_walk_of_a_large_trail_is_quick(demo_db, demo_users):
    """`audit verify` and the audit page walk the whole chain: 20,000 entries in well under a second here."""
    _trail_of(demo_users["admin"], 20_000)
    start = time.perf_counter()
    report = audit_chain.verify_chain()
    assert report.ok and report.checked > 20_000
    assert time.perf_counter() - start < 5


def _count_hashes(monkeypatch) -> list[int]:
    hashed = [0]

    def counting(values):
        hashed[0] += 1
        return chain_hash(values)

    monkeypatch.setattr(audit_chain, "chain_hash", counting)
    return hashed


def _reopen(path) -> None:
    setup.release_connection()
    setup.open_register(path)


def test_opening_a_register_with_a_long_trail_hashes_only_the_entries_after_the_anchor(
    demo_db, demo_users, monkeypatch
):
    path, _ = demo_db
    admin = demo_users["admin"]
    _trail_of(admin, 20_000)
    _reopen(path)  # verifies the 20,000 new entries once, and anchors at the end
    assert audit_chain.last_check().ok and audit_chain.last_check().checked >= 20_000
    assert audit_chain.remembered(path).verified.id == AuditLog.select().count() > 20_000
    hashed = _count_hashes(monkeypatch)
    _reopen(path)
    assert audit_chain.last_check().ok and hashed[0] <= 1  # the anchor's own hash; no entry after it
    _change(admin, 2)
    hashed[0] = 0
    _reopen(path)
    assert audit_chain.last_check().ok and audit_chain.last_check().checked == 2 and hashed[0] == 3


def _anchored(path, admin) -> int:
    """A trail with entries after the anchor: returns the anchor's id."""
    _reopen(path)
    anchor = audit_chain.remembered(path).verified.id
    _change(admin, 3)
    return anchor


def test_an_entry_edited_after_the_anchor_is_found_on_opening(demo_db, demo_users):
    path, _ = demo_db
    anchor = _anchored(path, demo_users["admin"])
    _sql(path, "UPDATE audit_log SET action = 'x' WHERE id = ?", anchor + 2)
    setup.open_register(path)
    assert audit_chain.last_check().broken_id == anchor + 2
    _reopen(path)  # the anchor stays where it was: found again at every opening
    assert audit_chain.last_check().broken_id == anchor + 2


def test_an_entry_edited_in_place_before_the_anchor_is_found_by_the_full_walk_not_on_opening(
    demo_db, demo_users
):
    path, _ = demo_db
    anchor = _anchored(path, demo_users["admin"])
    _sql(path, "UPDATE audit_log SET action = 'x' WHERE id = 3")
    setup.open_register(path)
    assert anchor > 3 and audit_chain.last_check().ok  # opening hashes only what came after the anchor
    assert audit_chain.status(demo_users["admin"]).broken_id == 3  # audit verify / the audit page
    _reopen(path)  # found once by the full walk: every later opening walks to it and reports it
    assert audit_chain.last_check().broken_id == 3


@pytest.mark.parametrize(
    "edit, where",
    [
        ("DELETE FROM audit_log WHERE id = ?", "before"),  # one entry fewer up to the anchor
        ("UPDATE audit_log SET after = '{}' WHERE id = ?", "anchor"),  # the anchor's content no longer hashes
        ("UPDATE audit_log SET entry_hash = 'forged' WHERE id = ?", "anchor"),
    ],
)
def test_a_deletion_before_the_anchor_or_an_edit_of_the_anchor_is_found_on_opening(
    demo_db, demo_users, edit, where
):
    path, _ = demo_db
    anchor = _anchored(path, demo_users["admin"])
    target = 5 if where == "before" else anchor
    _sql(path, edit, target)
    setup.open_register(path)
    found = audit_chain.last_check()
    # The anchor no longer holds, so opening walks the whole chain, which names the first entry that breaks.
    expected = 6 if where == "before" else anchor
    assert found.broken_id == expected and not found.ok


def test_a_trail_cut_short_after_the_last_opening_is_found_on_the_next(demo_db, demo_users):
    path, _ = demo_db
    admin = demo_users["admin"]
    _change(admin, 1)
    last = AuditLog.select().count()
    dbmod.close()  # the program ends without letting go properly (a crash): the head is not remembered
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE audit_log SET action = 'x' WHERE id = ?", (last,))  # after the anchor
    conn.close()
    setup.open_register(path)
    assert audit_chain.last_check().broken_id == last
