"""Adding or correcting one support entry; each field's message in red under it. The amount is taken as typed
(commas, 元 allowed) and checked by the service."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from app.models import SupportEntry
from app.models.support import SUPPORT_KINDS
from app.services.core import dates
from app.services.core.errors import DomainError
from app.services.support import ledger
from app.ui.dirty_guard import DirtyGuard
from app.ui.session import Session
from app.ui.widgets import (
    date_edit,
    day_of,
    error_label,
    fill_combo,
    save_cancel_buttons,
    set_error,
    show_save_error,
)

FIELDS = ("kind", "granted_on", "granting_body", "programme", "amount", "note")


class SupportEntryDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, enterprise_id: int, entry: SupportEntry | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.session, self.enterprise_id, self.entry = session, enterprise_id, entry
        self.saved: SupportEntry | None = None
        self.setWindowTitle("修改扶持记录" if entry else "登记扶持情况")
        self.kind = QComboBox()
        fill_combo(self.kind, SUPPORT_KINDS)
        self.granted_on = date_edit(entry.granted_on if entry else None, rule=dates.HAPPENED, label="扶持日期")
        self.granting_body = QLineEdit(placeholderText="如：鄂尔多斯市市场监督管理局、东胜区财政局")
        self.programme = QLineEdit(placeholderText="政策、项目或资金的名称，可含文号")
        self.amount = QLineEdit(placeholderText="如 200,000.00（资金扶持必填）")
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        if entry is not None:
            self.kind.setCurrentIndex(self.kind.findData(entry.kind))
            self.granting_body.setText(entry.granting_body)
            self.programme.setText(entry.programme)
            self.amount.setText(ledger.yuan_text(entry.amount_fen))
            self.note.setPlainText(entry.note)
        self.errors = {name: error_label() for name in FIELDS}
        self.message = error_label()
        form = QFormLayout(self)
        for label, widget, name in (("* 扶持类别：", self.kind, "kind"), ("* 日期：", self.granted_on, "granted_on"),
                                    ("* 扶持单位：", self.granting_body, "granting_body"),
                                    ("* 政策或项目名称：", self.programme, "programme"),
                                    ("金额（元）：", self.amount, "amount"), ("备注：", self.note, "note")):  # fmt: skip
            form.addRow(label, widget)
            form.addRow("", self.errors[name])
        form.addRow(self.message)
        form.addRow(save_cancel_buttons(self.save, self.reject))
        self.setMinimumWidth(520)
        self.guard(self.save)

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "granted_on": day_of(self.granted_on),
                "granting_body": self.granting_body.text(), "programme": self.programme.text(),
                "amount": self.amount.text(), "note": self.note.toPlainText()}  # fmt: skip

    def save(self) -> bool:
        if not self.granted_on.check():
            return False
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        user = self.session.user
        try:
            if self.entry is None:
                self.saved = self.session.perform(ledger.add_entry, user, self.enterprise_id, self.values())
            else:
                self.saved = self.session.perform(ledger.update_entry, user, self.entry.id, self.values())
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return False
        self.accept()
        return True
