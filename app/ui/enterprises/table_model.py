"""A table over the register that holds only ids and fetches rows in pages as the view asks for them.

Searching 100,000 enterprises returns ids quickly; only the rows on screen are ever read in full.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.models import User
from app.services.enterprises.search import SORT_KEYS, EnterpriseQuery, RegisterRow, fetch_rows, search_ids

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    key: str  # RegisterRow attribute
    title: str
    sort_key: str | None  # key of SORT_KEYS, None when the service cannot sort by it
    numeric: bool = False


COLUMNS = (
    Column("name", "企业名称", "name"),
    Column("uscc", "统一社会信用代码", "uscc"),
    Column("district", "所属旗区", "district"),
    Column("kind", "主体类型", "kind"),
    Column("industry", "行业", "industry"),
    Column("legal_representative", "法定代表人", None),
    Column("invention_patents", "有效发明专利", None, True),
    Column("trademarks", "国内注册商标", None, True),
    Column("archived", "状态", None),
)
assert all(c.sort_key is None or c.sort_key in SORT_KEYS for c in COLUMNS)

_ARCHIVED = QBrush(QColor("#888888"))
_ROOT = QModelIndex()


class RegisterModel(QAbstractTableModel):
    def __init__(self, user: User, parent=None):
        super().__init__(parent)
        self.user = user
        self.query = EnterpriseQuery()
        self.only_ids: set[int] | None = None  # e.g. 我的企业: the enterprises the user is liaison for
        self.ids: list[int] = []
        self._rows: dict[int, RegisterRow] = {}

    # --- queries -------------------------------------------------------------------------------------

    def set_query(self, query: EnterpriseQuery) -> None:
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-run the search; every cached row is stale after a change."""
        self.beginResetModel()
        self.ids = search_ids(self.user, self.query)
        if self.only_ids is not None:
            self.ids = [i for i in self.ids if i in self.only_ids]
        self._rows.clear()
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key
        if key is None:
            return  # the service cannot order by this column; the view restores its indicator
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.query.sort, self.query.descending):
            self.set_query(replace(self.query, sort=key, descending=descending))

    def sort_column(self) -> int:
        return next(i for i, c in enumerate(COLUMNS) if c.sort_key == self.query.sort)

    # --- rows ----------------------------------------------------------------------------------------

    def row_at(self, row: int) -> RegisterRow | None:
        if not 0 <= row < len(self.ids):
            return None
        ent_id = self.ids[row]
        if ent_id not in self._rows:
            start = row - row % PAGE_SIZE
            self._rows.update(fetch_rows(self.ids[start : start + PAGE_SIZE]))
        return self._rows.get(ent_id)

    def row_of_id(self, ent_id: int) -> int:
        try:
            return self.ids.index(ent_id)
        except ValueError:
            return -1

    # --- Qt model interface --------------------------------------------------------------------------

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        row = self.row_at(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column.key in ("name", "industry", "district"):
            return _display(row, column)  # the whole text when the column is too narrow for it
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return _ARCHIVED
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(row: RegisterRow, column: Column) -> str:
    value = getattr(row, column.key)
    if column.key == "archived":
        return "已归档" if value else "在册"
    return "" if value is None else str(value)
