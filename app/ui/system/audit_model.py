"""The audit log as a lazy table: the matching ids, with rows read a page at a time as the view shows them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.models import User
from app.services.system.audit_trail import AuditIds, AuditQuery, AuditRow, fetch_rows, search_ids
from app.ui.enterprises.table_model import ID_ROLE

PAGE_SIZE = 200
HEADERS = ("时间", "操作人", "操作", "对象", "所属记录")
_ROOT = QModelIndex()


class AuditModel(QAbstractTableModel):
    def __init__(self, user: User, parent=None):
        super().__init__(parent)
        self.user = user
        self.query = AuditQuery()
        self.found = AuditIds([], False)
        self._rows: dict[int, AuditRow] = {}

    def set_query(self, query: AuditQuery) -> None:
        """Search again; raises the service's DomainError (unknown login, no such enterprise) untouched."""
        found = search_ids(self.user, query)
        self.beginResetModel()
        self.query, self.found = query, found
        self._rows.clear()
        self.endResetModel()

    @property
    def ids(self) -> list[int]:
        return self.found.ids

    def row_at(self, row: int) -> AuditRow | None:
        if not 0 <= row < len(self.ids):
            return None
        entry_id = self.ids[row]
        if entry_id not in self._rows:
            start = row - row % PAGE_SIZE
            self._rows.update(fetch_rows(self.ids[start : start + PAGE_SIZE]))
        return self._rows.get(entry_id)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.row_at(index.row())
        return None if row is None else _display(row, index.column())


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
