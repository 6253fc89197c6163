"""Is the audit trail whole? The hash chain checked, and a trail rolled back with the whole file noticed.

The chain (app.models.audit) shows an entry edited, inserted or deleted anywhere in the log: the next entry's
`prev_hash` no longer matches. What it cannot show from inside the file is a log cut short at its newest end,
or an older copy of the whole database put back: what remains is a valid, shorter chain.

For that the program remembers the head of the chain outside the database, in a small JSON file beside it
(`<register>.audit-head`: the first entry's uuid, and the last entry's id and hash). The head is remembered
when the program opens the register (after the check below) and whenever it lets go of a connection
(the CLI on exit, the window's background jobs, the window on close). On open, the remembered head must
still be in the log, with the same hash. If it is not, the trail was rolled back: a system entry
`database.trail_rolled_back` naming the remembered head is appended, so the finding stays in the log for
the administrators (the audit page's banner and `audit verify` show it) even after the file moves on.

Opening checks the chain incrementally, since every CLI command opens the register: the same file also keeps
the anchor, the last entry the previous opening verified (its id, its hash, and how many entries there were
up to it). The anchor must still be there, hash to the same value and have as many entries up to it; then
only the entries after it are hashed. If any of that fails, or nothing is remembered, the whole chain is
walked. So an entry edited, inserted or deleted after the anchor, a deleted entry before it and the anchor
itself edited are found on opening; an entry before the anchor edited in place is found by the full walk of
`audit verify` and the audit page (the city administrator's check).

A restore through the program is a rollback it knows of: it is audited in the restored database with the
head of the trail it replaced (app.services.system.backup), and the remembered head then moves to the
restored trail, so it is not reported again. A register whose first entry differs from the remembered one
is another register (a new file at the same place): the file is simply rewritten.

What this does not do: whoever can write the database file can also rewrite the file beside it. The chain
catches careless and casual tampering, a file copied back by hand, and a trail edited with an SQLite tool;
it is not a signature.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError

from app.models import AuditLog, User, base
from app.models import db as dbmod
from app.models.audit import CHAIN_COLUMNS, GENESIS, chain_hash
from app.models.db import database
from app.services.core import audit
from app.services.core.permissions import is_admin, require_admin

ROLLED_BACK = "database.trail_rolled_back"
_BATCH = 5000
_last: ChainReport | None = None


@dataclass(frozen=True)
class Anchor:
    """The last entry an opening verified, with the number of entries up to it."""

    id: int
    hash: str
    count: int


@dataclass(frozen=True)
class Head:
    first_uuid: str
    last_id: int
    last_hash: str
    verified: Anchor | None = None  # kept in the same file; not part of the head's identity

    def as_dict(self) -> dict:
        return {"first_uuid": self.first_uuid, "last_id": self.last_id, "last_hash": self.last_hash}


@dataclass
class ChainReport:
    """`broken_id`: the first entry whose link or hash does not match (None: the chain is whole)."""

    checked: int = 0
    broken_id: int | None = None
    last_id: int = 0  # the last entry checked (or the one the check started after)
    last_hash: str = GENESIS
    reason: str = ""
    rollbacks: list[str] = field(default_factory=list)  # each rollback found on opening, as a sentence

    @property
    def ok(self) -> bool:
        return self.broken_id is None and not self.rollbacks

    def messages(self) -> list[str]:
        found = (
            []
            if self.broken_id is None
            else [f"审计日志第 {self.broken_id} 条记录{self.reason}，可能被改动或删除"]
        )
        return found + self.rollbacks


def verify_chain(after_id: int = 0, after_hash: str = GENESIS) -> ChainReport:
    """Recompute the chain from the entry after `after_id` (whose hash is `after_hash`) to the end."""
    columns = ", ".join(f'"{c}"' for c in ("entry_hash", *CHAIN_COLUMNS))
    report, previous = ChainReport(last_id=after_id, last_hash=after_hash), after_hash
    # One query, read a batch at a time: memory stays flat however long the log is.
    cursor = database.execute_sql(f'SELECT {columns} FROM "audit_log" WHERE "id" > ? ORDER BY "id"', (after_id,))
    while rows := cursor.fetchmany(_BATCH):
        for stored_hash, *values in rows:
            entry_id, prev_hash = values[0], values[-1]
            if prev_hash != previous:
                report.broken_id, report.reason = entry_id, "与前一条记录接不上（其前一条被删除、插入或改动）"
                return report
            if stored_hash != chain_hash(values):
                report.broken_id, report.reason = entry_id, "的内容与其哈希值不符"
                return report
            previous, report.checked = stored_hash, report.checked + 1
            report.last_id, report.last_hash = entry_id, stored_hash
    return report


def head() -> Head | None:
    first = AuditLog.select(AuditLog.uuid).order_by(AuditLog.id).first()
    last = AuditLog.select(AuditLog.id, AuditLog.entry_hash).order_by(AuditLog.id.desc()).first()
    if first is None:
        return None
    return Head(first.uuid, last.id, last.entry_hash or "")


def head_file(path: Path | None = None) -> Path | None:
    path = path or dbmod.current_path()
    return None if path is None else path.with_name(path.name + ".audit-head")


def remembered(path: Path | None = None) -> Head | None:
    target = head_file(path)
    try:
        data = json.loads(target.read_text(encoding="utf-8")) if target else None
        if not data:
            return None
        anchor = data.get("verified")
        verified = Anchor(int(anchor["id"]), str(anchor["hash"]), int(anchor["count"])) if anchor else None
        return Head(str(data["first_uuid"]), int(data["last_id"]), str(data["last_hash"]), verified)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing or unreadable: nothing remembered, nothing to compare


def remember_head() -> None:
    """Write the log's current head beside the register, keeping the anchor of the last verification. Never
    raises: losing the note only makes the next check less strict or slower."""
    try:
        before = remembered()
        current = head() if head_file() and not database.is_closed() else None
        same = before is not None and current is not None and before.first_uuid == current.first_uuid
        _write_head(current, before.verified if same else None)
    except Exception:  # noqa: BLE001 - a closed or unreadable database must not stop the program
        return


def _write_head(current: Head | None, verified: Anchor | None) -> None:
    """The head and the anchor, to a temporary file, then renamed over the note."""
    target = head_file()
    if current is None or target is None:
        return
    data = current.as_dict()
    if verified is not None:
        data["verified"] = {"id": verified.id, "hash": verified.hash, "count": verified.count}
    staged = target.with_name(target.name + ".part")
    try:
        staged.write_text(json.dumps(data), encoding="utf-8")
        os.replace(staged, target)
    except OSError:  # a read-only folder: the next opening walks the whole chain
        return


def _anchor_holds(anchor: Anchor) -> bool:
    """The anchor entry is still there, unchanged (its content hashes to the remembered hash), with as many
    entries up to it as when it was verified: one hash and one count, whatever the length of the trail."""
    columns = ", ".join(f'"{c}"' for c in ("entry_hash", *CHAIN_COLUMNS))
    row = database.execute_sql(f'SELECT {columns} FROM "audit_log" WHERE "id" = ?', (anchor.id,)).fetchone()
    if row is None or row[0] != anchor.hash or chain_hash(row[1:]) != anchor.hash:
        return False
    count = database.execute_sql('SELECT COUNT(*) FROM "audit_log" WHERE "id" <= ?', (anchor.id,)).fetchone()[0]
    return count == anchor.count


def _verify_since(anchor: Anchor | None) -> ChainReport:
    """The chain after the anchor when the anchor holds; otherwise all of it (which names the broken entry)."""
    if anchor is not None and _anchor_holds(anchor):
        return verify_chain(anchor.id, anchor.hash)
    return verify_chain()


def _anchor_at_end(report: ChainReport) -> Anchor | None:
    """The new anchor after a check that passed: the last entry it checked, and the count up to it."""
    if not report.last_id:
        return None  # an empty trail
    count = database.execute_sql('SELECT COUNT(*) FROM "audit_log" WHERE "id" <= ?', (report.last_id,)).fetchone()[0]
    return Anchor(report.last_id, report.last_hash, count)


def _rollback_sentence(details: dict) -> str:
    head_ = details.get("remembered") or {}
    return (
        f"{details.get('found_at', '')} 打开数据库时发现审计日志被回退：上次记录到第 {head_.get('last_id')} 条，"
        f"现在{details.get('now', '')}"
    )


def check_on_open() -> ChainReport:
    """Verify the chain after the remembered anchor, compare with the remembered head (noting a rollback in the
    log), remember the head and the new anchor."""
    before, current = remembered(), head()
    same_register = before is not None and current is not None and before.first_uuid == current.first_uuid
    entry = AuditLog.get_or_none(AuditLog.id == before.last_id) if same_register else None
    intact = entry is not None and entry.entry_hash == before.last_hash
    report = _verify_since(before.verified if same_register else None)
    if same_register:
        if not intact:
            now = (
                f"最后一条是第 {current.last_id} 条"
                if entry is None
                else f"第 {before.last_id} 条已不是原来的记录"
            )
            details = {"remembered": before.as_dict(), "now": now, "found_at": str(base.now())}
            try:
                with database.atomic():
                    audit.record(None, ROLLED_BACK, AuditLog(), None, details)
            except PeeweeDatabaseError:  # a read-only or busy register: report it now, note it next time
                report.rollbacks = [*rollback_findings(), _rollback_sentence(details)]
                return _remember_report(report)
    # A broken chain keeps the old anchor (or none): every opening walks past the break again and reports it.
    anchor = _anchor_at_end(report) if report.ok else (before.verified if same_register else None)
    _write_head(head(), anchor)
    report.rollbacks = rollback_findings()
    return _remember_report(report)


def _remember_report(report: ChainReport) -> ChainReport:
    global _last
    _last = report
    return report


def last_check() -> ChainReport | None:
    """What `check_on_open` found when this process last opened the register."""
    return _last


def rollback_findings() -> list[str]:
    entries = AuditLog.select(AuditLog.after).where(AuditLog.action == ROLLED_BACK).order_by(AuditLog.id)
    return [_rollback_sentence(json.loads(e.after or "{}")) for e in entries]


def status(actor: User) -> ChainReport:
    """The whole check, for the city administrator (the audit page's banner, `audit verify`)."""
    require_admin(actor)
    report = verify_chain()
    if report.broken_id is not None:  # a break before the anchor: from now on every opening walks to it
        _write_head(head(), None)
    report.rollbacks = rollback_findings()
    return report


def warnings_for(actor: User) -> list[str]:
    """What the audit page's banner says: the findings for the city administrator, nothing for anyone else."""
    return status(actor).messages() if is_admin(actor) else []
