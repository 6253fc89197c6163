"""批量决定…: several applications decided at once, with one shared opinion or one per row — all or nothing.

The decisions go to the service in one call; if any of them is refused none is made, and the refusal is shown
in red inside the dialog so the user can take the row out or change it and try again.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.applications import actions
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.core.errors import DomainError
from app.ui.applications.review_dialogs import OPINION_HINTS
from app.ui.session import Session
from app.ui.widgets import date_edit, error_label, fill_combo, set_error
from app.ui.window_state import place

HEADERS = ("企业名称", "所属旗区", "状态", "审核决定", "意见")


class BatchDecisionDialog(QDialog):
    def __init__(self, session: Session, chosen: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.chosen = list(chosen)
        self.setWindowTitle(f"批量审核决定（{len(self.chosen)} 份）")
        place(self, (920, 560))
        self.shared = QRadioButton("统一决定，共用一条意见")
        self.each = QRadioButton("逐条填写决定和意见")
        self.shared.setChecked(True)
        self.shared.toggled.connect(lambda _on: self._mode_changed())
        self.shared_decision = QComboBox()
        fill_combo(self.shared_decision, review.DECISION_LABELS)
        self.shared_decision.currentIndexChanged.connect(lambda _i: self._hint())
        self.shared_opinion = QPlainTextEdit()
        self.shared_opinion.setMaximumHeight(80)
        self.day = date_edit()
        self.table = self._table()
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("全部执行")
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        modes = QHBoxLayout()
        modes.addWidget(self.shared)
        modes.addWidget(self.each)
        modes.addStretch(1)
        form = QFormLayout()
        form.addRow("审核决定：", self.shared_decision)
        form.addRow("共用意见：", self.shared_opinion)
        form.addRow("决定日期：", self.day)
        note = QLabel("所有决定一并生效：任何一份不能决定时，全部不执行，原因显示在下方。")
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(modes)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._mode_changed()

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.chosen), len(HEADERS))
        table.setHorizontalHeaderLabels(list(HEADERS))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.row_decisions: list[QComboBox] = []
        self.row_opinions: list[QLineEdit] = []
        for r, application in enumerate(self.chosen):
            texts = (application.enterprise.name, application.enterprise.district.name,
                     applications.status_label(application))  # fmt: skip
            for c, text in enumerate(texts):
                table.setItem(r, c, QTableWidgetItem(text))
            if actions.DECIDE not in actions.allowed(self.session.user, application):
                table.item(r, 2).setForeground(QColor("#c0392b"))
                table.item(r, 2).setToolTip("这份申报表当前不能审核决定：请取消选择后再执行")
            combo = QComboBox()
            fill_combo(combo, review.DECISION_LABELS)
            opinion = QLineEdit()
            table.setCellWidget(r, 3, combo)
            table.setCellWidget(r, 4, opinion)
            self.row_decisions.append(combo)
            self.row_opinions.append(opinion)
        return table

    def _mode_changed(self) -> None:
        shared = self.shared.isChecked()
        self.shared_decision.setEnabled(shared)
        self.shared_opinion.setEnabled(shared)
        for combo, line in zip(self.row_decisions, self.row_opinions, strict=True):
            combo.setEnabled(not shared)
            line.setEnabled(not shared)
        self._hint()

    def _hint(self) -> None:
        self.shared_opinion.setPlaceholderText(OPINION_HINTS[self.shared_decision.currentData()])

    def decisions(self) -> list[tuple[int, str, str]]:
        if self.shared.isChecked():
            decision, opinion = self.shared_decision.currentData(), self.shared_opinion.toPlainText()
            return [(a.id, decision, opinion) for a in self.chosen]
        return [
            (a.id, combo.currentData(), line.text())
            for a, combo, line in zip(self.chosen, self.row_decisions, self.row_opinions, strict=True)
        ]

    def apply(self) -> bool:
        try:
            self.session.perform(
                review.decide_many, self.session.user, self.decisions(), on=self.day.date().toPython()
            )
        except DomainError as exc:
            set_error(self.error, f"全部未执行：{exc}")
            return False
        self.accept()
        return True
