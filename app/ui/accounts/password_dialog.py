"""修改密码: a user sets a new password of their own, knowing the current one (also forced after a reset)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.models import User
from app.services.accounts import users as accounts
from app.services.core.errors import DomainError
from app.services.core.validation import typed_twice_problem
from app.ui.widgets import error_label, save_cancel_buttons, set_error, show_save_error


def _direct(operation, *args, **kwargs):
    return operation(*args, **kwargs)


class ChangePasswordDialog(QDialog):
    """`current` given (just typed at sign-in) skips asking for it again; `perform` is session.perform."""

    def __init__(
        self,
        user: User,
        *,
        current: str | None = None,
        forced: bool = False,
        perform: Callable = _direct,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.user, self.current, self.perform = user, current, perform
        self.setWindowTitle("修改密码")
        self.old_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.new_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.errors = {"password": error_label(), "again": error_label()}
        self.message = error_label()
        form = QFormLayout()
        if current is None:
            form.addRow("当前密码：", self.old_edit)
        form.addRow("新密码：", self.new_edit)
        form.addRow("", self.errors["password"])
        form.addRow("再次输入：", self.again_edit)
        form.addRow("", self.errors["again"])
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel("您正在使用管理员设置的一次性密码，请先设置自己的新密码。")
            note.setWordWrap(True)
            layout.addWidget(note)
        hint = QLabel("至少 8 位；不能全是同一个字符、不能是常见密码，也不能与登录名相同。")
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(save_cancel_buttons(self.save, self.reject))
        self.setMinimumWidth(420)

    def save(self) -> None:
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        problem = typed_twice_problem(self.new_edit.text(), self.again_edit.text(), "新密码")
        if problem:
            set_error(self.errors["again"], problem)
            return
        old = self.current if self.current is not None else self.old_edit.text()
        try:
            self.perform(
                accounts.change_password, self.user, self.user, self.new_edit.text(), old_password=old
            )
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return
        self.accept()
