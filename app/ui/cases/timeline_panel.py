"""The case's timeline and the area that adds to it: exactly what cases.allowed() offers, next statuses first.

The service checks every step again (a suspended case, a step taken meanwhile elsewhere); its refusal is
shown in red under the area, in Chinese.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.cases import handling as cases
from app.services.core import dates
from app.services.core.errors import DomainError
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, set_error


class TimelinePanel(QGroupBox):
    """`added()` after an event was recorded."""

    added = Signal()

    def __init__(self, session: Session, editable: bool, parent: QWidget | None = None):
        super().__init__("办理经过", parent)
        self.session, self.case_id = session, None
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["日期", "事件", "说明"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().resizeSection(0, 100)
        self.table.horizontalHeader().resizeSection(1, 130)
        self.kind = QComboBox()
        self.kind.setMinimumWidth(150)
        self.day = date_edit(rule=dates.HAPPENED, label="事件日期")
        self.note = QLineEdit(placeholderText="说明（可选）")
        self.add_button = QPushButton("登记")
        self.add_button.clicked.connect(lambda: self.add())
        self.note.returnPressed.connect(lambda: self.add())
        self.error = error_label()
        self.day.use_label(self.error)
        row = QHBoxLayout()
        row.addWidget(QLabel("登记："))
        row.addWidget(self.kind)
        row.addWidget(self.day)
        row.addWidget(self.note, 1)
        row.addWidget(self.add_button)
        self.add_area = QWidget()
        area = QVBoxLayout(self.add_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.addLayout(row)
        area.addWidget(self.error)
        self.add_area.setVisible(editable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.add_area)

    def show_case(self, data: dict, actions: cases.CaseActions) -> None:
        self.case_id = data["id"]
        timeline = data["timeline"]
        self.table.setRowCount(len(timeline))
        for r, event in enumerate(timeline):
            for c, value in enumerate((event["date"], event["label"], event["note"])):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.scrollToBottom()
        self.kind.clear()
        for kind, label in actions.events:
            self.kind.addItem(label, kind)
        if 0 < actions.steps < len(actions.events):
            self.kind.insertSeparator(actions.steps)
        self.add_area.setVisible(actions.edit)
        self.kind.setCurrentIndex(0)

    def choose(self, kind: str) -> bool:
        index = self.kind.findData(kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)
        return index >= 0

    def add(self) -> bool:
        if not self.day.check():
            return False
        try:
            self.session.perform(cases.add_event, self.session.user, self.case_id, self.kind.currentData(),
                                 day_of(self.day), self.note.text())  # fmt: skip
        except DomainError as exc:
            set_error(self.error, str(exc))
            return False
        set_error(self.error, "")
        self.note.clear()
        self.added.emit()
        return True
