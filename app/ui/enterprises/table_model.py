"""A table over the register that holds only ids and fetches rows in pages as the view asks for them.

Searching 100,000 enterprises returns ids quickly; only the rows on screen are ever read in full.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.models import User
from app.services.enterprises.search import SORT_KEYS, EnterpriseQuery, RegisterRow, fetch_rows, search_ids
from app.ui.district_names import district_text
from app.ui.tables import ID_ROLE, RAW_ROLE, ROW_ROLE, LazyRowsModel  # noqa: F401 (ID_ROLE: the register's views read it here)

PAGE_SIZE = 200


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


class RegisterModel(LazyRowsModel):
    headers = tuple(c.title for c in COLUMNS)
    page_size = PAGE_SIZE

    def __init__(self, user: User, parent=None):
        super().__init__(fetch_rows, parent)
        self.user = user
        self.query = EnterpriseQuery()
        self.only_ids: set[int] | None = None  # e.g. 我的企业: the enterprises the user is liaison for

    # --- queries -------------------------------------------------------------------------------------

    def set_query(self, query: EnterpriseQuery) -> None:
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-run the search; every cached row is stale after a change."""
        ids = search_ids(self.user, self.query)
        if self.only_ids is not None:
            ids = [i for i in ids if i in self.only_ids]
        self.set_ids(ids)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key
        if key is None:
            return  # the service cannot order by this column; the view restores its indicator
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.query.sort, self.query.descending):
            self.set_query(replace(self.query, sort=key, descending=descending))

    def sort_column(self) -> int:
        return next(i for i, c in enumerate(COLUMNS) if c.sort_key == self.query.sort)

    def cell(self, row: RegisterRow, index: int, role):
        column = COLUMNS[index]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column.key in ("name", "industry", "district"):
            # the whole text when the column is too narrow for it; a district's official name
            return row.district if column.key == "district" else _display(row, column)
        if role == ROW_ROLE:
            return row
        if role == RAW_ROLE and column.key == "district":
            return row.district  # exports keep the official name
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return _ARCHIVED
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(row: RegisterRow, column: Column) -> str:
    value = getattr(row, column.key)
    if column.key == "archived":
        return "已归档" if value else "在册"
    if column.key == "district":
        return district_text(value)
    return "" if value is None else str(value)
