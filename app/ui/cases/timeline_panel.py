"""The case's timeline and the area that adds to it: exactly what cases.allowed() offers, next statuses first.

Events cannot be taken back, so a step that moves the case on is confirmed first (naming the step and its date);
every event recorded is acknowledged in green under the area. The service checks every step again (a suspended case, a step taken meanwhile elsewhere); its refusal is
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
from app.ui.widgets import confirm, date_edit, day_of, error_label, set_error

DONE_STYLE = "color: #1e6b2e;"


class TimelinePanel(QGroupBox):
    """`added()` after an event was recorded."""

    added = Signal()

    def __init__(self, session: Session, editable: bool, parent: QWidget | None = None):
        super().__init__("办理经过", parent)
        self.session, self.case_id, self.steps = session, None, 0
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["日期", "事件", "说明"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().resizeSection(0, 100)
        self.table.horizontalHeader().resizeSection(1, 130)
        self.kind = QComboBox()
        self.kind.setMinimumWidth(130)
        # Sized by a few characters, not its longest step, so the note keeps room on a 1024 px screen.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(8)
        self.day = date_edit(rule=dates.HAPPENED, label="事件日期")
        self.note = QLineEdit(placeholderText="说明（可选）")
        self.note.setMinimumWidth(120)
        self.add_button = QPushButton("登记")
        self.add_button.clicked.connect(lambda: self.add())
        self.note.returnPressed.connect(lambda: self.add())
        self.error = error_label()
        self.done = QLabel()
        self.done.setStyleSheet(DONE_STYLE)
        self.done.hide()
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
        area.addWidget(self.done)
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
        chosen = self.kind.currentData()  # a reload (another change saved) keeps the kind chosen, if still offered
        self.kind.clear()
        for kind, label in actions.events:
            self.kind.addItem(label, kind)
        if 0 < actions.steps < len(actions.events):
            self.kind.insertSeparator(actions.steps)
        self.add_area.setVisible(actions.edit)
        self.steps = actions.steps
        self.kind.setCurrentIndex(max(self.kind.findData(chosen), 0) if chosen is not None else 0)

    def choose(self, kind: str) -> bool:
        index = self.kind.findData(kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)
        return index >= 0

    def add(self) -> bool:
        """登记: record the chosen event; False when the date is refused, the step not confirmed or refused."""
        if not self.day.check():
            return False
        label, on = self.kind.currentText().removeprefix("→").strip(), day_of(self.day)
        step = self.kind.currentIndex() < self.steps
        if step and not confirm(self, "登记办理步骤", f"登记“{label}”（{on:%Y-%m-%d}）后，案件将进入这一步，"
                                "登记的事件不能撤销。确定登记吗？"):  # fmt: skip
            return False
        self.done.hide()
        try:
            self.session.perform(cases.add_event, self.session.user, self.case_id, self.kind.currentData(),
                                 on, self.note.text())  # fmt: skip
        except DomainError as exc:
            set_error(self.error, str(exc))
            return False
        set_error(self.error, "")
        self.done.setText(f"已登记：{label}（{on:%Y-%m-%d}）")
        self.done.show()
        self.note.clear()
        self.kind.setCurrentIndex(0)  # the next step the case offers now
        self.added.emit()
        return True
