"""Asking for a backup passphrase: twice when a new encrypted backup is made, once to restore one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.core.errors import DomainError
from app.services.core.validation import typed_twice_problem
from app.services.system import backup_crypto
from app.ui.widgets import error_label, set_error


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None, intro: str, *, twice: bool):
        super().__init__(parent)
        self.setWindowTitle("备份口令")
        self.twice = twice
        text = QLabel(intro)
        text.setWordWrap(True)
        self.first = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.second = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("备份口令：", self.first)
        if twice:
            form.addRow("再次输入：", self.second)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        if self.twice:
            problem = typed_twice_problem(self.first.text(), self.second.text(), "备份口令")
            if problem:
                set_error(self.error, problem)
                return
            try:
                backup_crypto.check_passphrase(self.first.text())
            except DomainError as exc:
                set_error(self.error, str(exc))
                return
        elif not self.first.text():
            set_error(self.error, "请输入口令")
            return
        self.accept()

    @property
    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(parent: QWidget | None, intro: str, *, twice: bool) -> str | None:
    dialog = PassphraseDialog(parent, intro, twice=twice)
    return dialog.passphrase if dialog.exec() == QDialog.DialogCode.Accepted else None
