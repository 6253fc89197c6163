"""变更记录: who changed what and when, newest first, from the audit trail filed under the enterprise."""

from __future__ import annotations

import json

from app.models.enterprises import HOLDING_COUNTS
from app.services.core import audit
from app.services.enterprises import records as enterprise_records
from app.services.enterprises.fields import CONTACT_LABELS, LABELS
from app.services.system.audit_labels import action_label
from app.ui.enterprises.record_tab import RecordTab

# Audit snapshots name foreign keys by column; the rest by field. Labels depend on the record's table.
FIELD_LABELS = {
    "enterprise": {**LABELS, "district_id": "所属旗区", "archived": "归档", "reason": "归档原因"},
    "contact": {**CONTACT_LABELS, "is_primary": "知识产权联系人"},
    "ip_holding": {**HOLDING_COUNTS, "trade_secrets": "商业秘密", "year": "年度"},
    "honor": {"level": "级别", "kind": "称号", "year": "年度", "title": "说明"},
    "attachment": {"original_name": "文件名"},
}
# For a record added or removed, the one field that tells which record it was.
IDENTITY = {
    "enterprise": "name",
    "contact": "name",
    "ip_holding": "year",
    "honor": "year",
    "attachment": "original_name",
}
HIDDEN = {"id", "uuid", "name_key", "enterprise_id", "created_by_id", "sha256", "entity", "entity_uuid"}
MAX_SHOWN = 6


def describe(entry) -> str:
    """Old → new for each field an update changed; for an added or removed record, which record it was."""
    labels = FIELD_LABELS.get(entry.entity, {})
    diffs = {k: v for k, v in audit.changes(entry).items() if k not in HIDDEN}
    if entry.before and entry.after:
        parts = [f"{labels.get(k, k)}：{_text(old)} → {_text(new)}" for k, (old, new) in diffs.items()]
        more = f" 等 {len(parts)} 项" if len(parts) > MAX_SHOWN else ""
        return "；".join(parts[:MAX_SHOWN]) + more
    key = IDENTITY.get(entry.entity)
    record = json.loads(entry.after or entry.before or "{}")
    return f"{labels.get(key, key)}：{_text(record.get(key))}" if key in record else ""


def _text(value) -> str:
    if value in (None, ""):
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


class HistoryTab(RecordTab):
    headers = ("时间", "操作人", "操作", "变更内容")

    def load(self) -> None:
        entries = enterprise_records.history(self.session.user, self.enterprise_id)
        rows = [(e.at, e.user_login, action_label(e.action), describe(e)) for e in entries]
        self.fill(rows)
        self.table.resizeColumnsToContents()
