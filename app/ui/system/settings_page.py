"""系统设置: where the database is, and backing it up or restoring it (in a worker thread).

Restore replaces the database file, so no connection may stay open on it: the GUI thread closes its own
before the worker starts, the worker closes its own when done, and the GUI thread reopens the restored file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.core.permissions import can_back_up
from app.services.system import backup, backup_crypto
from app.services.system import database as setup
from app.ui import preferences
from app.ui.session import Session
from app.ui.system.passphrase_dialog import ask_passphrase
from app.ui.tasks import run_task
from app.ui.widgets import confirm, show_error


def backup_job(actor, target: Path, passphrase: str | None = None) -> Path:
    """Worker: back up (run_task releases the connection the audit entry opened)."""
    return backup.backup(actor, target, passphrase)


def restore_job(actor, source: Path, passphrase: str | None = None) -> Path:
    return backup.restore(actor, source, passphrase)


class SettingsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.task = None
        self.db_label = QLabel(str(session.db_path))
        self.db_label.setWordWrap(True)
        self.folder_edit = QLineEdit(str(preferences.get(preferences.BACKUP_FOLDER)))
        self.folder_edit.setReadOnly(True)
        choose = QPushButton("选择…")
        choose.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.backup_button = QPushButton("立即备份")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("从备份恢复…")
        self.restore_button.clicked.connect(self.restore_from)
        allowed = can_back_up(session.user)
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip("只有市局管理员可以备份或恢复数据库（备份含全部旗区的数据和全部账号）")
        self.last_result = QLabel()
        self.last_result.setWordWrap(True)
        box = QGroupBox("数据库与备份")
        form = QFormLayout(box)
        form.addRow("数据库位置：", self.db_label)
        form.addRow("备份文件夹：", folder_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.last_result)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(box)
        layout.addStretch(1)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择备份文件夹", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
            preferences.put(preferences.BACKUP_FOLDER, folder)

    def backup_now(self) -> None:
        target = backup.default_backup_name(self.folder_edit.text())
        passphrase = None
        if backup.leaves_data_folder(target):
            target = target.with_suffix(".ipbak")
            intro = ("备份文件夹不在本机数据文件夹内，带出本机的备份必须加密。请设置备份口令（至少 8 位），"
                     "恢复时需要它；口令遗失则备份无法恢复。")  # fmt: skip
            passphrase = ask_passphrase(self, intro, twice=True)
            if passphrase is None:
                return
        self.backup_button.setEnabled(False)
        self.task = self.session.run_operation(
            self, "正在备份数据库…", backup_job, self.session.user, target, passphrase,
            on_success=self._backed_up, on_failure=self._failed,
        )  # fmt: skip

    def _backed_up(self, target: Path) -> None:
        self.backup_button.setEnabled(True)
        self.last_result.setText(f"已备份到：{target}")

    def _failed(self, error: Exception) -> None:
        self.backup_button.setEnabled(can_back_up(self.session.user))
        self.restore_button.setEnabled(can_back_up(self.session.user))
        show_error(self, error, "备份/恢复失败")

    def restore_from(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self, "选择备份文件", self.folder_edit.text(), "数据库备份 (*.db *.ipbak);;所有文件 (*)"
        )
        if not source:
            return
        passphrase = None
        if backup_crypto.is_encrypted(source):
            passphrase = ask_passphrase(self, f"{source} 是加密备份，请输入备份时设置的口令。", twice=False)
            if passphrase is None:
                return
        question = (
            f"将用备份文件\n{source}\n替换当前数据库。当前数据库会先另存一份副本。\n"
            "其他窗口或电脑上打开着本数据库时不能恢复，请先关闭它们。\n"
            "恢复后需要重新登录。确定恢复吗？"
        )
        if not confirm(self, "从备份恢复", question):
            return
        self.restore_button.setEnabled(False)
        setup.release_connection()  # the GUI thread's connection: the file is about to be replaced
        self.task = run_task(
            self, "正在恢复数据库…", restore_job, self.session.user, Path(source), passphrase,
            on_success=self._restored, on_failure=self._restore_failed,
        )  # fmt: skip

    def _restore_failed(self, error: Exception) -> None:
        setup.open_register(self.session.db_path)  # the old file is still in place: reconnect to it
        self._failed(error)

    def _restored(self, kept: Path) -> None:
        setup.open_register(self.session.db_path)
        QMessageBox.information(
            self, "恢复完成", f"数据库已从备份恢复。原数据库另存为：\n{kept}\n\n请重新登录。"
        )
        self.session.relogin_requested.emit()
