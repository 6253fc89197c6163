"""Is the audit trail whole? The hash chain checked, and a trail rolled back with the whole file noticed.

The chain (app.models.audit) shows an entry edited, inserted or deleted anywhere in the log: the next entry's
`prev_hash` no longer matches. What it cannot show from inside the file is a log cut short at its newest end,
or an older copy of the whole database put back: what remains is a valid, shorter chain.

For that the program remembers the head of the chain outside the database, in a small JSON file beside it
(`<register>.audit-head`: the first entry's uuid, and the last entry's id and hash). The head is remembered
when the program opens the register (after the check below) and whenever it lets go of a connection
(the CLI on exit, the window's background jobs, the window on close). On open, the remembered head must
still be in the log, with the same hash, and the chain is checked — in full up to FULL_CHECK_LIMIT entries,
beyond that from the remembered head on (the full check of a long trail is `audit verify` and the audit
page's, for the administrator: 100,000 entries take seconds). If it is not, the trail was rolled back: a system entry
`database.trail_rolled_back` naming the remembered head is appended, so the finding stays in the log for
the administrators (the audit page's banner and `audit verify` show it) even after the file moves on.

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
FULL_CHECK_LIMIT = 20_000  # entries checked in full on every opening (about half a second here)
_last: ChainReport | None = None


@dataclass(frozen=True)
class Head:
    first_uuid: str
    last_id: int
    last_hash: str

    def as_dict(self) -> dict:
        return {"first_uuid": self.first_uuid, "last_id": self.last_id, "last_hash": self.last_hash}


@dataclass
class ChainReport:
    """`broken_id`: the first entry whose link or hash does not match (None: the chain is whole)."""

    checked: int = 0
    broken_id: int | None = None
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
    report, previous = ChainReport(), after_hash
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
        return Head(str(data["first_uuid"]), int(data["last_id"]), str(data["last_hash"])) if data else None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or unreadable: nothing remembered, nothing to compare


def remember_head() -> None:
    """Write the log's current head beside the register (temporary file, then rename). Never raises: losing
    the note only makes the next check less strict."""
    target = head_file()
    try:
        current = head() if target and not database.is_closed() else None
        if current is None:
            return
        staged = target.with_name(target.name + ".part")
        staged.write_text(json.dumps(current.as_dict()), encoding="utf-8")
        os.replace(staged, target)
    except Exception:  # noqa: BLE001 - a read-only folder or a closed database must not stop the program
        return


def _rollback_sentence(details: dict) -> str:
    head_ = details.get("remembered") or {}
    return (
        f"{details.get('found_at', '')} 打开数据库时发现审计日志被回退：上次记录到第 {head_.get('last_id')} 条，"
        f"现在{details.get('now', '')}"
    )


def check_on_open() -> ChainReport:
    """Verify the chain, compare with the remembered head (noting a rollback in the log), remember the head."""
    before, current = remembered(), head()
    same_register = before is not None and current is not None and before.first_uuid == current.first_uuid
    entry = AuditLog.get_or_none(AuditLog.id == before.last_id) if same_register else None
    intact = entry is not None and entry.entry_hash == before.last_hash
    # A long trail is checked from the head remembered last time; the whole of it by `status`.
    big = current is not None and current.last_id > FULL_CHECK_LIMIT
    report = verify_chain(before.last_id, before.last_hash) if big and intact else verify_chain()
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
    remember_head()
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
    report.rollbacks = rollback_findings()
    return report


def warnings_for(actor: User) -> list[str]:
    """What the audit page's banner says: the findings for the city administrator, nothing for anyone else."""
    return status(actor).messages() if is_admin(actor) else []
