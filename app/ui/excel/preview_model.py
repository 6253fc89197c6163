"""The import preview table: one line per sheet row with what will happen to it and why.

A model rather than item widgets, so a 100,000-row plan costs only the rows on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.enterprises.import_xlsx import ACTION_LABELS, CREATE, REJECTED, UNCHANGED, UPDATE, RowPlan
from app.services.enterprises.sheet_columns import COLUMNS_BY_KEY
from app.ui.tables import HeadedModel

HEADERS = ("行号", "企业名称", "信用代码", "处理方式", "原因 / 变更内容")
ACTION_COLOURS = {
    CREATE: ("#e2f0d9", "#2e7d32"),
    UPDATE: ("#ddebf7", "#1f5fa8"),
    UNCHANGED: ("#f2f2f2", "#666666"),
    REJECTED: ("#ffc7ce", "#9c0006"),
}


MISSING = "—"
_GREY = QBrush(QColor("#999999"))


def cell_value(plan: RowPlan, key: str) -> str:
    """The cleaned value; for a rejected row what the clerk typed, as far as the plan still knows it."""
    value = plan.row.enterprise.get(key)
    if value:
        return str(value)
    header = COLUMNS_BY_KEY[key].header
    typed = next((e.value for e in plan.errors if e.header == header), None)
    if typed is None:
        # A row whose enterprise fields failed keeps no cleaned values; a service may add the raw ones.
        typed = (getattr(plan.row, "raw", None) or {}).get(key)
    text = "" if typed is None else str(typed).strip()
    return text or (MISSING if plan.action == REJECTED else "")


def explanation(plan: RowPlan) -> str:
    if plan.action == REJECTED:
        return "；".join(
            f"{e.column}列（{e.header}）：{e.reason}" if e.column else f"{e.header}：{e.reason}"
            for e in plan.errors
        )
    if plan.action == UPDATE:
        return "变更：" + "、".join(plan.changes)
    return ""


class PreviewModel(HeadedModel):
    headers = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all_rows: list[RowPlan] = []
        self.rows: list[RowPlan] = []
        self.rejected_only = False

    def set_rows(self, rows: list[RowPlan]) -> None:
        self.all_rows = rows
        self._refilter()

    def set_rejected_only(self, on: bool) -> None:
        self.rejected_only = on
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self.rows = (
            [r for r in self.all_rows if r.action == REJECTED] if self.rejected_only else self.all_rows
        )
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        plan, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(plan, column)
        if column == 3 and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(ACTION_COLOURS[plan.action][0]))
        if column == 3 and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ACTION_COLOURS[plan.action][1]))
        if (
            column in (1, 2)
            and role == Qt.ItemDataRole.ForegroundRole
            and self._text(plan, column) == MISSING
        ):
            return _GREY
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column in (0, 3) or self._text(plan, column) == MISSING
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, plan: RowPlan, column: int) -> str:
        if column == 0:
            return str(plan.row.number)
        if column == 1:
            return cell_value(plan, "name")
        if column == 2:
            return cell_value(plan, "uscc")
        if column == 3:
            return ACTION_LABELS[plan.action]
        return explanation(plan)
