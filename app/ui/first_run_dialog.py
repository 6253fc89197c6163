"""First start on a new database: choose the password of the `admin` account (typed twice)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.services.accounts.users import MIN_PASSWORD_LENGTH
from app.services.core.errors import DomainError
from app.services.system import database as setup
from app.ui.widgets import error_label, set_error


class FirstRunDialog(QDialog):
    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.result_info = None
        self.setWindowTitle("初始化数据库")
        intro = QLabel(
            f"数据库 {self.db_path} 是新建的。\n请设置系统管理员 admin 的密码（至少 {MIN_PASSWORD_LENGTH} 位）。"
        )
        intro.setWordWrap(True)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("管理员密码：", self.password)
        form.addRow("再次输入：", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("初始化")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        first, second = self.password.text(), self.again.text()
        if first != second:
            set_error(self.error, "两次输入的密码不一致")
            return
        try:
            self.result_info = setup.initialise(self.db_path, first)
        except DomainError as exc:
            set_error(self.error, str(exc))
            return
        self.accept()
