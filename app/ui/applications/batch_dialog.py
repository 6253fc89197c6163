"""批量决定…: several applications decided at once, with one shared opinion or one per row — all or nothing.

The decisions go to the service in one call; if any of them is refused none is made, and the refusal is shown
in red inside the dialog so the user can take the row out or change it and try again. No decision is chosen
in advance; approvals of forms still 待补充证明材料 are confirmed first, and the outcome is listed at the end.
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
    QMessageBox,
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
from app.services.core import dates
from app.services.core.errors import DomainError
from app.ui.applications.review_dialogs import OPINION_HINTS, confirm_missing_evidence
from app.ui.dirty_guard import DirtyGuard
from app.ui.district_names import district_cell
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, fill_combo, set_error
from app.ui.window_state import place

HEADERS = ("企业名称", "所属旗区", "状态", "审核决定", "意见")
CHOOSE = "请选择"  # no decision is preselected: 批准 must be chosen, never defaulted to


class BatchDecisionDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, chosen: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.chosen = list(chosen)
        self.results: list[str] = []  # after apply: the summary line, then one line per application
        self.setWindowTitle(f"批量审核决定（{len(self.chosen)} 份）")
        place(self, (920, 560))
        self.shared = QRadioButton("统一决定，共用一条意见")
        self.each = QRadioButton("逐条填写决定和意见")
        self.shared.setChecked(True)
        self.shared.toggled.connect(lambda _on: self._mode_changed())
        self.shared_decision = QComboBox()
        fill_combo(self.shared_decision, review.DECISION_LABELS, CHOOSE)
        self.shared_decision.currentIndexChanged.connect(lambda _i: self._hint())
        self.shared_opinion = QPlainTextEdit()
        self.shared_opinion.setMaximumHeight(80)
        self.day = date_edit(rule=dates.ANY, label="决定日期")
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
        self.guard(self.apply)

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
            cells = (QTableWidgetItem(application.enterprise.name), district_cell(application.enterprise.district.name),
                     QTableWidgetItem(applications.status_label(application)))  # fmt: skip
            for c, cell in enumerate(cells):
                table.setItem(r, c, cell)
            if actions.DECIDE not in actions.allowed(self.session.user, application):
                table.item(r, 2).setForeground(QColor("#c0392b"))
                table.item(r, 2).setToolTip("这份申报表当前不能审核决定：请取消选择后再执行")
            combo = QComboBox()
            fill_combo(combo, review.DECISION_LABELS, CHOOSE)
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
        self.shared_opinion.setPlaceholderText(
            OPINION_HINTS.get(self.shared_decision.currentData(), "请先选择审核决定。")
        )

    def decisions(self) -> list[tuple[int, str, str]]:
        if self.shared.isChecked():
            decision, opinion = self.shared_decision.currentData(), self.shared_opinion.toPlainText()
            return [(a.id, decision, opinion) for a in self.chosen]
        return [
            (a.id, combo.currentData(), line.text())
            for a, combo, line in zip(self.chosen, self.row_decisions, self.row_opinions, strict=True)
        ]

    def apply(self) -> bool:
        decisions = self.decisions()
        undecided = [str(r + 1) for r, (_id, decision, _opinion) in enumerate(decisions) if not decision]
        if undecided:
            where = "审核决定" if self.shared.isChecked() else f"第 {'、'.join(undecided)} 行的审核决定"
            set_error(self.error, f"请选择{where}")
            return False
        if not self.day.check():
            return False
        by_id = {a.id: a for a in self.chosen}
        lacking = review.approvals_lacking_evidence([(by_id[i], decision) for i, decision, _ in decisions])
        if not confirm_missing_evidence(self, lacking):
            return False
        try:
            done = self.session.perform(review.decide_many, self.session.user, decisions, on=day_of(self.day))
        except DomainError as exc:
            set_error(self.error, f"全部未执行：{exc}")
            return False
        self.results = result_lines(done, decisions)
        QMessageBox.information(self, "批量审核决定已完成", "\n".join(self.results))
        self.accept()
        return True


def result_lines(done: list, decisions: list[tuple[int, str, str]]) -> list[str]:
    """One line per application: 批准纳入名录, or 不予纳入/退回修改 with the reason written."""
    opinions = {app_id: (decision, opinion.strip()) for app_id, decision, opinion in decisions}
    lines = []
    for application in done:
        decision, opinion = opinions[application.id]
        label = review.DECISION_LABELS[decision]
        reason = f"：{opinion}" if decision != "approve" and opinion else ""
        lines.append(f"{application.enterprise.name}——{label}{reason}")
    counts = {label: sum(decision == key for decision, _ in opinions.values())
              for key, label in review.DECISION_LABELS.items()}  # fmt: skip
    summary = "，".join(f"{label} {n} 份" for label, n in counts.items() if n)
    return [f"共 {len(done)} 份：{summary}", *lines]
