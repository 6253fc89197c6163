"""One audit entry taken apart: its record's fields before and after, side by side, and its child rows.

A child row (see app/services/core/audit.py) only in `after` was added, only in `before` removed, in both
(matched by uuid, else id) changed — or left alone, and then not listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.models import AuditLog, District, User
from app.models.enterprises import ENTERPRISE_KINDS, HOLDING_COUNTS
from app.services.core.audit import CHILDREN
from app.services.enterprises.fields import CONTACT_LABELS, LABELS
from app.services.system.audit_labels import entity_label
from app.services.system.audit_trail import AuditRow, fetch_rows, get_entry

PAGE = 500

# name_key is derived from the name for matching; showing it beside the name only confuses a reader.
HIDDEN = {"id", "uuid", "name_key"}
# Stored codes shown as a person knows them; other values show as stored.
DISTRICT_KEYS = {"district_id", "handling_district_id"}
MAX_TEXT = 300  # a cell shows this much of a long value (a form's JSON); the tooltip and the file hold it all
# Field labels for the tables people look at most; other fields show under their own names.
COMMON_LABELS = {
    "enterprise_id": "企业",
    "district_id": "所属旗区",
    "handling_district_id": "承办旗区",
    "status": "状态",
    "note": "备注",
    "reason": "原因",
    "year": "年度",
    "title": "标题",
    "name": "名称",
    "kind": "类别",
    "created_by_id": "创建人",
    "active": "启用",
    "login": "登录名",
    "display_name": "姓名",
    "role": "角色",
    "summary": "摘要",
    "number": "编号",
    "outcome": "结果",
    "visited_on": "走访日期",
    "due_on": "期限",
    "owner_id": "负责人",
    "officer_id": "联络人",
    "round_id": "申报年度",
    "form": "申报表内容",
    "key": "设置项",
    "value": "值",
    "description": "事项",
    "resolution": "处理结果",
    "closed_on": "办结日期",
    "received_on": "收到日期",
    "important": "重要",
    "type": "类型",
    "source": "来源",
    "revision": "版本",
}
TABLE_LABELS = {
    "enterprise": {**LABELS, "archived": "归档", "reason": "归档原因"},
    "contact": {**CONTACT_LABELS, "is_primary": "知识产权联系人"},
    "ip_holding": dict(HOLDING_COUNTS, trade_secrets="商业秘密"),
    "honor": {"level": "级别", "kind": "称号", "title": "说明"},
    "attachment": {"original_name": "文件名"},
}
# The field that tells a person which child row it was, first one present wins.
IDENTITY_KEYS = ("name", "title", "text", "number", "original_name", "year", "kind")


@dataclass
class FieldChange:
    key: str
    label: str
    before: str
    after: str
    changed: bool


@dataclass
class ChildChange:
    table: str
    table_label: str
    status: str  # added, removed, changed
    status_label: str
    identity: str
    fields: list[FieldChange]


@dataclass
class AuditDetail:
    row: AuditRow
    created: bool  # no before-image: the record was created
    deleted: bool  # no after-image: the record was removed
    fields: list[FieldChange] = field(default_factory=list)
    children: list[ChildChange] = field(default_factory=list)


STATUS_LABELS = {"added": "新增", "removed": "删除", "changed": "修改"}


def value_text(value, limit: int | None = None) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    return text if limit is None or len(text) <= limit else text[:limit] + "…"


def label_of(table: str, key: str) -> str:
    return TABLE_LABELS.get(table, {}).get(key) or COMMON_LABELS.get(key) or key


def _shown(table: str, key: str, value):
    if key in DISTRICT_KEYS and isinstance(value, int):
        return _district_names().get(value, value)
    if table == "enterprise" and key == "kind":
        return ENTERPRISE_KINDS.get(value, value)
    return value


def _district_names() -> dict[int, str]:
    return {d.id: d.name for d in District.select(District.id, District.name)}


def compare(table: str, before: dict | None, after: dict | None) -> list[FieldChange]:
    """Every field of either image, side by side, in the record's own order; `changed` marks the differences."""
    before, after = before or {}, after or {}
    keys = [k for k in {**before, **after} if k not in HIDDEN and k != CHILDREN]
    return [
        FieldChange(
            key, label_of(table, key), value_text(_shown(table, key, before.get(key))) if before else "",
            value_text(_shown(table, key, after.get(key))) if after else "", before.get(key) != after.get(key),
        )
        for key in keys
    ]  # fmt: skip


def _key(row: dict):
    return row.get("uuid") or row.get("id")


def _identity(row: dict) -> str:
    for key in IDENTITY_KEYS:
        if row.get(key) not in (None, ""):
            return value_text(row[key], 60)
    return f"#{row.get('id', '')}"


def child_changes(before: dict | None, after: dict | None) -> list[ChildChange]:
    old = (before or {}).get(CHILDREN, {})
    new = (after or {}).get(CHILDREN, {})
    result = []
    for table in [*old, *(t for t in new if t not in old)]:
        was = {_key(r): r for r in old.get(table, [])}
        now = {_key(r): r for r in new.get(table, [])}
        for key in [*was, *(k for k in now if k not in was)]:
            status = "changed" if key in was and key in now else "removed" if key in was else "added"
            fields = compare(table, was.get(key), now.get(key))
            if status == "changed" and not any(f.changed for f in fields):
                continue
            shown = (now.get(key) or was.get(key)) or {}
            result.append(ChildChange(table, entity_label(table), status, STATUS_LABELS[status], _identity(shown),
                                      fields))  # fmt: skip
    return result


def detail(actor: User, entry_id: int) -> AuditDetail:
    """The entry, if the actor may see it, taken apart for the side-by-side view."""
    entry = get_entry(actor, entry_id)
    before = json.loads(entry.before) if entry.before else None
    after = json.loads(entry.after) if entry.after else None
    return AuditDetail(
        fetch_rows([entry.id])[entry.id],
        before is None,
        after is None,
        compare(entry.entity, before, after),
        child_changes(before, after),
    )


def summary(entity: str, before_json: str | None, after_json: str | None, limit: int = MAX_TEXT) -> str:
    """One line for a list or a sheet: old → new per changed field, then the child rows added/removed/changed."""
    before = json.loads(before_json) if before_json else None
    after = json.loads(after_json) if after_json else None
    if before and after:
        parts = [f"{f.label}：{_short(f.before)} → {_short(f.after)}" for f in compare(entity, before, after)
                 if f.changed]  # fmt: skip
    else:
        shown = after or before or {}
        parts = [f"{label_of(entity, k)}：{value_text(shown[k], 60)}" for k in IDENTITY_KEYS if k in shown][
            :1
        ]
    parts += [f"{c.status_label}{c.table_label}：{c.identity}" for c in child_changes(before, after)]
    return value_text("；".join(parts), limit) if parts else ""


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def as_dicts(ids: list[int]) -> list[dict]:
    """Entries (already filtered by `search_ids`) as plain data, images included, in the order of `ids`."""
    result = []
    for start in range(0, len(ids), PAGE):
        page = ids[start : start + PAGE]
        rows = fetch_rows(page)
        extra = {
            i: (eu, su, b, a)
            for i, eu, su, b, a in AuditLog.select(
                AuditLog.id, AuditLog.entity_uuid, AuditLog.subject_uuid, AuditLog.before, AuditLog.after
            )
            .where(AuditLog.id.in_(page))
            .tuples()
        }
        for entry_id in page:
            row, (entity_uuid, subject_uuid, before, after) = rows[entry_id], extra[entry_id]
            result.append({
                "id": row.id, "at": row.at.isoformat(sep=" "), "user": row.login, "action": row.action,
                "action_label": row.action_label, "entity": row.entity, "entity_label": row.entity_label,
                "entity_id": row.entity_id, "entity_uuid": entity_uuid, "subject": row.subject,
                "subject_uuid": subject_uuid, "summary": summary(row.entity, before, after),
                "before": json.loads(before) if before else None, "after": json.loads(after) if after else None,
            })  # fmt: skip
    return result
