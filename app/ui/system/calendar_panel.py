"""工作日历: which years the working-day calendar knows, and the holidays and make-up days entered for a year.

Case time limits in working days are computed on this calendar; a year nobody has entered is counted by weekday
alone and the case screens say so. A period (e.g. 1–8 October) is entered at once, with its source noted.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.cases import workdays
from app.services.core import dates, settings
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.ui.session import Session
from app.ui.tables import KEY_ROLE, Column, RowsModel, rows_view, select_key
from app.ui.widgets import date_edit, day_of, error_label, set_error

YEAR_COLUMNS = (
    Column("年份", lambda y: str(y.year)),
    Column("节假日数据", lambda y: y.source,
           look=lambda y: None if y.in_package or y.entries else ("#a61b1b", None)),
)  # fmt: skip
DAY_COLUMNS = (
    Column("日期", lambda d: f"{d.day:%Y-%m-%d}（{'一二三四五六日'[d.day.weekday()]}）"),
    Column("类别", lambda d: "调休上班日" if d.workday else "休息日"),
    Column("来源/说明", lambda d: d.note, tooltip=lambda d: d.note),
)
KINDS = {"休息日（放假）": False, "调休上班日": True}


class CalendarPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.years = RowsModel(YEAR_COLUMNS, key=lambda y: y.year)
        self.years_view = rows_view(self.years)
        self.years_view.horizontalHeader().setStretchLastSection(True)
        self.years_view.setColumnWidth(0, 60)
        self.years_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_days())
        self.days = RowsModel(DAY_COLUMNS, key=lambda d: d.day)
        self.days_view = rows_view(self.days)
        self.days_view.horizontalHeader().setStretchLastSection(True)
        self.days_title = QLabel()
        left = QVBoxLayout()
        left.addWidget(QLabel("各年份的节假日数据："))
        left.addWidget(self.years_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.days_title)
        right.addWidget(self.days_view, 1)
        right.addWidget(self._entry_box())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 2)
        row.addLayout(right, 3)
        allowed = settings.can_change(session.user)
        for widget in (self.add_button, self.remove_button):
            widget.setEnabled(allowed)
            widget.setToolTip("" if allowed else "只有市局管理员可以修改工作日历")
        session.changed.connect(self._on_changed)
        self.reload()

    def _entry_box(self) -> QGroupBox:
        box = QGroupBox("录入放假或调休（按国务院办公厅当年通知）")
        self.first = date_edit(rule=dates.ANY, label="起始日期")
        self.last = date_edit(rule=dates.ANY, label="结束日期")
        self.first.changed.connect(self._follow_first)
        self.kind = QComboBox()
        self.kind.addItems(list(KINDS))
        self.note = QLineEdit()
        self.note.setPlaceholderText("来源，如：国办发明电〔2026〕1号 国庆节")
        self.note.setMaxLength(workdays.NOTE_LENGTH)
        self.add_button = QPushButton("录入")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("删除所选日期")
        self.remove_button.clicked.connect(self.remove)
        self.problem = error_label()
        grid = QGridLayout(box)
        grid.addWidget(QLabel("从："), 0, 0)
        grid.addWidget(self.first, 0, 1)
        grid.addWidget(QLabel("至："), 0, 2)
        grid.addWidget(self.last, 0, 3)
        grid.addWidget(self.kind, 0, 4)
        grid.addWidget(QLabel("来源："), 1, 0)
        grid.addWidget(self.note, 1, 1, 1, 4)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 0, 1, 5)
        grid.addWidget(self.problem, 3, 0, 1, 5)
        grid.setColumnStretch(4, 1)
        return box

    def selected_year(self) -> int:
        row = self.years.row_at(self.years_view.currentIndex().row())
        return row.year if row else date.today().year

    def reload(self, year: int | None = None) -> None:
        year = year or (self.selected_year() if self.years.rows else date.today().year)
        self.years.set_rows(workdays.years(date.today().year)[::-1])  # newest first: the years being entered
        select_key(self.years_view, year)
        self._show_days()

    def _show_days(self) -> None:
        year = self.selected_year()
        rows = workdays.days_of(year)
        self.days.set_rows(rows)
        self.days_title.setText(f"{year} 年本系统录入的日期（{len(rows)} 天）：")

    def _follow_first(self) -> None:
        """A first day typed after the last one moves the last day along (a single day is the usual entry)."""
        first, last = self.first.peek(), self.last.peek()
        if first is not None and (last is None or last < first):
            self.last.set_date(first)

    def add(self) -> None:
        set_error(self.problem, "")
        if not all([self.first.check(), self.last.check()]):
            return
        first, last = day_of(self.first), day_of(self.last)
        try:
            self.session.perform(workdays.set_days, self.session.user, first, last,
                                 KINDS[self.kind.currentText()], self.note.text())  # fmt: skip
        except DomainError as error:
            set_error(self.problem, str(error))
            return
        self.reload(first.year)

    def remove(self) -> None:
        set_error(self.problem, "")
        day = self.days_view.currentIndex().data(KEY_ROLE)
        if day is None:
            set_error(self.problem, "请先在上表中选择要删除的日期")
            return
        try:
            self.session.perform(workdays.clear_day, self.session.user, day)
        except DomainError as error:
            set_error(self.problem, str(error))

    def _on_changed(self, changes: Changes) -> None:
        if changes.calendar:
            self.reload()
