"""Logging in. A demo database also lists its demo accounts, so a visitor can try every role."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app import APP_NAME
from app.services.accounts import signin
from app.services.accounts import users as accounts
from app.services.accounts.users import role_label
from app.services.core.errors import DomainError
from app.services.system import demo as demo_data
from app.ui.accounts.password_dialog import ChangePasswordDialog
from app.ui.widgets import error_label, set_error


def _role_of(login: str) -> str:
    """（市局管理员）, （旗区局联络员 · 东胜区） …: which role a demo account tries."""
    try:
        user = accounts.get_user(login)
    except DomainError:
        return ""
    district = f" · {user.district.name}" if user.district_id else ""
    return f"（{role_label(user)}{district}）"


class LoginDialog(QDialog):
    def __init__(self, extra_accounts: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.user = None
        self.failures = 0
        self.setWindowTitle(f"登录 — {APP_NAME}")
        title = QLabel(APP_NAME)
        title.setStyleSheet("font-size: 16pt; font-weight: bold; padding: 8px 0;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.login_edit = QLineEdit(placeholderText="例如 admin")
        self.password_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("登录名：", self.login_edit)
        form.addRow("密码：", self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        demo = {**(extra_accounts or {}), **demo_data.sign_in_hints()}
        if demo:
            layout.addWidget(self._demo_box(demo))
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def _demo_box(self, demo: dict[str, str]) -> QGroupBox:
        box = QGroupBox("演示账号（仅演示数据库显示；单击填入）")
        self.demo_list = QListWidget()
        for login, password in demo.items():
            item = QListWidgetItem(f"{login}　/　{password}　{_role_of(login)}")
            item.setData(Qt.ItemDataRole.UserRole, (login, password))
            self.demo_list.addItem(item)
        self.demo_list.setMaximumHeight(24 * len(demo) + 8)
        self.demo_list.itemClicked.connect(self._use_demo)
        inner = QVBoxLayout(box)
        inner.addWidget(self.demo_list)
        return box

    def _use_demo(self, item: QListWidgetItem) -> None:
        login, password = item.data(Qt.ItemDataRole.UserRole)
        self.login_edit.setText(login)
        self.password_edit.setText(password)

    def submit(self) -> None:
        password = self.password_edit.text()
        try:
            user = accounts.login(self.login_edit.text(), password)
        except DomainError as exc:
            self._failed(str(exc))
            return
        if user.must_change_password and not self._change_password(user, password):
            set_error(self.error, "使用一次性密码登录后须先设置新密码")
            return
        self.user = user
        self.accept()

    def _change_password(self, user, password: str) -> bool:
        dialog = ChangePasswordDialog(user, current=password, forced=True, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        user.must_change_password = False
        return True

    def _failed(self, message: str) -> None:
        """The message, and a growing pause before the next try (it knows nothing about the login)."""
        self.failures += 1
        set_error(self.error, message)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        pause = signin.pause_after(self.failures)
        if pause:
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setEnabled(False)
            QTimer.singleShot(pause * 1000, lambda: ok.setEnabled(True))
