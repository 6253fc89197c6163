"""The follow-up items of a visit: one row per problem that needs following up (事项、责任人、完成期限).

Before the visit is saved the rows are editable; a saved visit shows its items with their status.
"""

from __future__ import annotations

import re
from datetime import timedelta

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.liaison import FOLLOWUP_STATUSES
from app.services.core import dates
from app.services.liaison import visits
from app.services.liaison.assignments import staff_for
from app.services.liaison.visits import NewFollowUp
from app.ui.liaison.common import OVERDUE_LOOK, person, text_of
from app.ui.tables import fit_columns, make_table
from app.ui.widgets import date_edit, day_of, error_label, set_error

HEADERS = ("跟进事项", "责任人", "完成期限", "状态")
DEFAULT_DAYS = 30
_NUMBERING = re.compile(r"^\s*(?:\d+[.、．)）]|[（(]\d+[)）]|[一二三四五六七八九十]+、)\s*")


def split_problems(text: str) -> list[str]:
    """“1. 商标被仿冒；2. 缺少指导” → ["商标被仿冒", "缺少指导"]: one item per line or per ；."""
    parts = re.split(r"[\n；;]+", text or "")
    return [cleaned for part in parts if (cleaned := _NUMBERING.sub("", part).strip(" 。，,"))]


class FollowUpsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.district_id: int | None = None
        self.table = make_table(HEADERS, stretch_last=False)
        fit_columns(self.table, (200, 130, 112, 64))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.error = error_label()
        self.add_button = QPushButton("添加事项")
        self.from_problems_button = QPushButton("按问题逐条添加")
        self.from_problems_button.setToolTip("把“反映的问题”按行或分号拆开，每条问题生成一个跟进事项")
        self.remove_button = QPushButton("删除事项")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.from_problems_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.visit_day = None
        self.default_owner = None  # the visit's officer: new items are theirs unless another owner is chosen

    # --- editing ---------------------------------------------------------------------------------------

    def set_district(self, district_id: int | None) -> None:
        """Owners must belong to the enterprise's district (or the city): refill every owner list."""
        self.district_id = district_id
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                self._fill_owners(combo)

    def _fill_owners(self, combo: QComboBox) -> None:
        keep = combo.currentData()
        combo.clear()
        combo.addItem("（暂不指定）", None)
        for user in staff_for(self.district_id):
            combo.addItem(user.display_name, user)
        index = next((i for i in range(combo.count()) if keep is not None and combo.itemData(i) == keep), 0)
        combo.setCurrentIndex(index)

    def add_row(self, description: str = "", owner=None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCellWidget(row, 0, QLineEdit(description, placeholderText="需要跟进解决的事项"))
        combo = QComboBox()
        self._fill_owners(combo)
        owner = owner if owner is not None else self.default_owner
        if owner is not None:
            combo.setCurrentIndex(
                max(0, next((i for i in range(combo.count()) if combo.itemData(i) == owner), 0))
            )
        self.table.setCellWidget(row, 1, combo)
        start = self.visit_day() if self.visit_day else None
        self.table.setCellWidget(row, 2, self._due_field(start))
        self.table.setItem(row, 3, QTableWidgetItem(FOLLOWUP_STATUSES["open"]))
        return row

    def _due_field(self, start):
        field = date_edit((start + timedelta(days=DEFAULT_DAYS)) if start else None, dates.DUE, "完成期限")
        field.use_label(None)  # a table cell has no room: the messages are listed under the table
        return field

    def add_from_problems(self, text: str) -> int:
        """A row for each problem not yet listed; returns how many were added."""
        present = {self.table.cellWidget(r, 0).text().strip() for r in range(self.table.rowCount())}
        added = [p for p in split_problems(text) if p not in present]
        for problem in added:
            self.add_row(problem)
        return len(added)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows or ([self.table.rowCount() - 1] if self.table.rowCount() else []):
            self.table.removeRow(row)

    def items(self) -> list[NewFollowUp] | None:
        """The rows as new items, or None (with the messages shown) when a row has no description or a bad date."""
        due_fields = [self.table.cellWidget(row, 2) for row in range(self.table.rowCount())]
        bad_dates = [f"第 {row + 1} 行{field.problem()}" for row, field in enumerate(due_fields) if not field.check()]
        dates_ok = not bad_dates
        result, missing = [], []
        for row in range(self.table.rowCount()):
            text = self.table.cellWidget(row, 0).text().strip()
            if not text:
                missing.append(str(row + 1))
                continue
            owner = self.table.cellWidget(row, 1).currentData()
            result.append(NewFollowUp(text, day_of(due_fields[row]) if dates_ok else None, owner))
        messages = [f"第 {'、'.join(missing)} 行未填写跟进事项（不需要的行请删除）"] if missing else []
        set_error(self.error, "；".join(messages + bad_dates))
        return None if missing or not dates_ok else result

    # --- a saved visit ---------------------------------------------------------------------------------

    def show_saved(self, followups: list) -> None:
        self.table.setRowCount(0)
        self.table.setRowCount(len(followups))
        for row, item in enumerate(followups):
            late = visits.is_overdue(item)
            status = FOLLOWUP_STATUSES[item.status] + ("（逾期）" if late else "")
            for column, value in enumerate(
                (item.description, person(item.owner), text_of(item.due_on), status)
            ):
                cell = QTableWidgetItem(value)
                if late:
                    cell.setForeground(QBrush(QColor(OVERDUE_LOOK[0])))
                    cell.setBackground(QBrush(QColor(OVERDUE_LOOK[1])))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnToContents(3)
        for button in (self.add_button, self.from_problems_button, self.remove_button):
            button.hide()
        set_error(self.error, "")
