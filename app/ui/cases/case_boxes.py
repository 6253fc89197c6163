"""Boxes of the case file: the outcome (结果), and the report to the city (上报) with the city's 签收….

`ask_text` is the one place these pages ask for a reason or an opinion; tests replace it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CASE_OUTCOMES
from app.services.cases import handling as cases
from app.services.core.errors import DomainError
from app.ui import text_dialog
from app.ui.session import Session
from app.ui.widgets import error_label, fill_combo, select_data, set_error, show_error


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """A multi-line answer, or None when cancelled (typed text is guarded: app/ui/text_dialog.py)."""
    return text_dialog.ask_text(parent, title, label)


def acknowledge(parent: QWidget | None, session: Session, case_id: int, number: str) -> bool:
    """签收…: the city acknowledges a district's report, with an optional opinion."""
    note = ask_text(parent, "签收上报", f"签收案件 {number} 的上报。签收意见（可不填）：")
    if note is None:
        return False
    try:
        session.perform(cases.acknowledge_report, session.user, case_id, note)
    except DomainError as exc:
        show_error(parent, exc, "未能签收")
        return False
    return True


class OutcomeBox(QGroupBox):
    """结果: the outcome, a note and a penalty amount; `saved()` after set_outcome succeeded."""

    saved = Signal()

    def __init__(self, session: Session, editable: bool, parent: QWidget | None = None):
        super().__init__("处理结果", parent)
        self.session, self.case_id = session, None
        self.outcome = QComboBox()
        fill_combo(self.outcome, CASE_OUTCOMES, "（尚无结果）")
        self.note = QLineEdit(placeholderText="结果说明")
        self.amount = QLineEdit(placeholderText="罚没款金额（元），无则不填")
        self.save_button = QPushButton("保存结果")
        self.save_button.clicked.connect(lambda: self.save())
        self.error = error_label()
        for widget in (self.outcome, self.note, self.amount):
            widget.setEnabled(editable)
        self.save_button.setVisible(editable)
        form = QFormLayout(self)
        form.addRow("结果：", self.outcome)
        form.addRow("说明：", self.note)
        row = QHBoxLayout()
        row.addWidget(self.amount, 1)
        row.addWidget(self.save_button)
        form.addRow("罚没款：", row)
        form.addRow(self.error)

    def show_case(self, data: dict, outcome_note: str) -> None:
        self.case_id = data["id"]
        select_data(self.outcome, data["outcome"])
        self.note.setText(outcome_note)
        self.amount.setText(data["penalty_amount"] or "")

    def save(self) -> bool:
        if not self.outcome.currentData():
            set_error(self.error, "请选择处理结果")
            return False
        try:
            self.session.perform(cases.set_outcome, self.session.user, self.case_id, self.outcome.currentData(),
                                 self.note.text(), self.amount.text().strip() or None)  # fmt: skip
        except DomainError as exc:
            set_error(self.error, str(exc))
            return False
        except ValueError as exc:  # the service lets the amount's own check through unwrapped
            set_error(self.error, f"罚没款金额：{exc}")
            return False
        set_error(self.error, "")
        self.saved.emit()
        return True


class ReportBox(QGroupBox):
    """上报市局: when reported and whether the city has acknowledged; city roles get 签收…."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__("上报市局", parent)
        self.session, self.data = session, None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.ack_button = QPushButton("签收…")
        self.ack_button.clicked.connect(lambda: self.acknowledge())
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)

    def show_case(self, data: dict, may_acknowledge: bool) -> None:
        self.data = data
        report = data.get("report")
        self.setVisible(report is not None)
        if report is None:
            return
        if report["acknowledged"]:
            state = f"<span style='color:#1e6b2e'>市局已于 {report['acknowledged_on']} 签收</span>"
        else:
            state = "<span style='color:#8a5300'>待市局签收</span>"
        note = report["note"].replace("\n", "<br>")
        self.status.setText(f"已于 {report['reported_on']} 上报市局，{state}。<br>{note}")
        self.ack_button.setVisible(may_acknowledge)

    def acknowledge(self) -> bool:
        return acknowledge(self, self.session, self.data["id"], self.data["number"])
