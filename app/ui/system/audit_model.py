"""The audit log as a lazy table: the matching ids, with rows read a page at a time as the view shows them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models import User
from app.services.system.audit_trail import AuditIds, AuditQuery, AuditRow, fetch_rows, search_ids
from app.ui.tables import LazyRowsModel

PAGE_SIZE = 200
HEADERS = ("时间", "操作人", "操作", "对象", "所属记录")


class AuditModel(LazyRowsModel):
    headers = HEADERS
    page_size = PAGE_SIZE

    def __init__(self, user: User, parent=None):
        super().__init__(fetch_rows, parent)
        self.user = user
        self.query = AuditQuery()
        self.found = AuditIds([], False)

    def set_query(self, query: AuditQuery) -> None:
        """Search again; raises the service's DomainError (unknown login, no such enterprise) untouched."""
        found = search_ids(self.user, query)
        self.query, self.found = query, found
        self.set_ids(found.ids)

    def cell(self, row: AuditRow, column: int, role):
        return _display(row, column) if role == Qt.ItemDataRole.DisplayRole else None


def _display(row: AuditRow, column: int) -> str:
    if column == 0:
        return f"{row.at:%Y-%m-%d %H:%M:%S}"
    if column == 1:
        return row.login
    if column == 2:
        return row.action_label
    if column == 3:
        return f"{row.entity_label} #{row.entity_id}" if row.entity_id is not None else row.entity_label
    return row.subject
