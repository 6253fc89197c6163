"""Diff the whole database around a write and check every changed row against the audit entries the write made.

A changed row is covered when the entries of the write mention it, in order, either as their own record
(entity + entity_id) or as a child riding on a parent's entry (app.services.core.audit, "children"); the first
mention's before-image must equal the row as it was (None for a row that is new), the last mention's
after-image the row as it is (None for a deleted row). Every entry must name the acting user.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import DecimalField

from app.models import ALL_MODELS, DERIVED_MODELS, AuditLog, User
from app.models.db import database
from app.services.core import audit
from app.services.system.audit_labels import action_label

# Derived tables (stored case clocks) are rebuilt from audited rows, never audited themselves.
TABLES = {model._meta.table_name: model for model in ALL_MODELS if model is not AuditLog and model not in DERIVED_MODELS}
# Columns a write may change without an entry: when a person last logged in is session bookkeeping.
EXEMPT_COLUMNS = {("user", "last_login_at")}
# Columns never copied into the audit log; their change shows in the entry only as a changed row.
SECRET_COLUMNS = {("user", "password_hash")}

Key = tuple[str, int]


@dataclass
class State:
    """Every row but the audit log's: its raw values (to see any change) and its audit snapshot."""

    raw: dict[Key, dict] = field(default_factory=dict)
    images: dict[Key, dict] = field(default_factory=dict)
    last_entry: int = 0


def take() -> State:
    state = State(last_entry=AuditLog.select(AuditLog.id).order_by(AuditLog.id.desc()).scalar() or 0)
    existing = set(database.get_tables())
    for table, model in TABLES.items():
        if table not in existing:
            continue
        for row in model.select():
            key = (table, row.id)
            state.raw[key] = {
                name: value for name, value in row.__data__.items() if (table, name) not in EXEMPT_COLUMNS
            }
            state.images[key] = audit.snapshot(row)
    return state


def _same(model, key: str, recorded, expected) -> bool:
    field_ = next((f for f in model._meta.fields.values() if key in (f.name, f.column_name)), None)
    if isinstance(field_, DecimalField) and recorded is not None and expected is not None:
        return Decimal(str(recorded)) == Decimal(str(expected))
    return recorded == expected


def _image_problem(table: str, recorded: dict | None, expected: dict | None) -> str | None:
    """Why a recorded image does not describe the row as it was/is (None when it does)."""
    if expected is None or recorded is None:
        if expected is recorded:
            return None
        return "应为空（新增前或删除后）" if expected is None else "记录为空，应为该行的值"
    model = TABLES[table]
    for key, value in expected.items():
        if (table, key) in SECRET_COLUMNS:
            if key in recorded:
                return f"审计日志中不应出现 {key}"
            continue
        if key not in recorded or not _same(model, key, recorded[key], value):
            return f"{key}：记录为 {recorded.get(key)!r}，实际为 {value!r}"
    return None


def _mentions(entries: list[AuditLog]) -> dict[Key, list[tuple[AuditLog, dict | None, dict | None]]]:
    """Row → (entry, before-image, after-image) for each entry naming it, oldest entry first."""
    found: dict[Key, list] = {}
    for entry in entries:
        before = json.loads(entry.before) if entry.before else None
        after = json.loads(entry.after) if entry.after else None
        if entry.entity in TABLES and entry.entity_id is not None:
            found.setdefault((entry.entity, entry.entity_id), []).append((entry, before, after))
        children: dict[Key, list] = {}
        for side, image in ((0, before), (1, after)):
            for table, items in ((image or {}).get(audit.CHILDREN) or {}).items():
                for item in items:
                    children.setdefault((table, item["id"]), [None, None])[side] = item
        for key, (old, new) in children.items():
            found.setdefault(key, []).append((entry, old, new))
    return found


def problems(before: State, after: State, actor: User | None) -> tuple[set[str], list[str]]:
    """(tables with changed rows, what is wrong with the audit of the change: empty when all is covered)."""
    entries = list(AuditLog.select().where(AuditLog.id > before.last_entry).order_by(AuditLog.id))
    found: list[str] = []
    login = actor.login if actor else "system"
    for entry in entries:
        if entry.user_id != (actor.id if actor else None) or entry.user_login != login:
            found.append(f"审计记录 {entry.action} 的操作人为 {entry.user_login}，应为 {login}")
        if action_label(entry.action) == entry.action:
            found.append(f"审计动作 {entry.action} 没有中文名称")
    mentions = _mentions(entries)
    changed = {k for k in before.raw.keys() | after.raw.keys() if before.raw.get(k) != after.raw.get(k)}
    for key in sorted(changed):
        table, row_id = key
        chain = mentions.get(key)
        what = "新增" if key not in before.raw else "删除" if key not in after.raw else "修改"
        if not chain:
            found.append(f"{table} #{row_id} 被{what}，但没有审计记录")
            continue
        for label, recorded, expected in (
            ("变更前", chain[0][1], before.images.get(key)),
            ("变更后", chain[-1][2], after.images.get(key)),
        ):
            problem = _image_problem(table, recorded, expected)
            if problem:
                found.append(
                    f"{table} #{row_id} 被{what}，{chain[0][0].action} 等审计记录的{label}不符：{problem}"
                )
    return {table for table, _ in changed}, found
