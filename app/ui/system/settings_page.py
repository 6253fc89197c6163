"""系统设置: one tab per group of settings, generated from the declared settings, plus the working-day calendar,
the fonts found for printing, and backing the database up or restoring it (in a worker thread).

Restore replaces the database file, so no connection may stay open on it: the GUI thread closes its own
before the worker starts, the worker closes its own when done, and the GUI thread reopens the restored file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.core import settings
from app.services.core.permissions import admin_title, can_back_up
from app.services.system import backup, backup_crypto
from app.services.system import database as setup
from app.ui import dirty_guard
from app.ui.session import Session
from app.ui.system.calendar_panel import CalendarPanel
from app.ui.system.fonts_panel import FontsPanel
from app.ui.system.passphrase_dialog import ask_passphrase
from app.ui.system.setting_form import SettingsForm
from app.ui.tasks import run_task
from app.ui.widgets import confirm, show_error


def backup_job(actor, target: Path, passphrase: str | None = None) -> Path:
    """Worker: back up (run_task releases the connection the audit entry opened)."""
    return backup.backup(actor, target, passphrase)


def restore_job(actor, source: Path, passphrase: str | None = None) -> Path:
    return backup.restore(actor, source, passphrase)


def _scrolled(*widgets: QWidget) -> QScrollArea:
    """A tab's content in a scroll area, so every tab fits a 1024×768 screen."""
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(16, 12, 16, 12)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll


class SettingsPage(QWidget):
    """The tabs of 系统设置; `forms` holds the generated form of each group by its name."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.calendar = CalendarPanel(session)
        self.fonts = FontsPanel(session)
        self.backup = BackupBox(session)
        self.tabs = QTabWidget()
        extras = {
            settings.FONTS: (self.fonts,),
            settings.BACKUP: (self.backup,),
        }
        # A group's form scrolls its own fields (and the group's panels) and keeps 保存 in sight.
        self.forms = {group: SettingsForm(session, settings.specs_in(group), extras.get(group, ()))
                      for group in settings.GROUPS if settings.specs_in(group)}  # fmt: skip
        for group in settings.GROUPS:
            if group == settings.CALENDAR:
                self.tabs.addTab(self.calendar, group)  # its tables scroll themselves
                self.calendar.setContentsMargins(16, 12, 16, 12)
            elif group in self.forms:
                self.tabs.addTab(self.forms[group], group)
            else:
                self.tabs.addTab(_scrolled(*extras.get(group, ())), group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

    def show_tab(self, group: str) -> None:
        self.tabs.setCurrentIndex(list(settings.GROUPS).index(group))

    def settle(self) -> bool:
        """Before leaving the page or the window: True once no setting edit is left unsaved (saved, or
        dropped and the stored values shown again), False to stay here (取消, or a value was refused)."""
        unsaved = [group for group, form in self.forms.items() if form.has_unsaved()]
        if not unsaved:
            return True
        self.show_tab(unsaved[0])
        answer = dirty_guard.ask(self, f"系统设置（{'、'.join(unsaved)}）有未保存的修改。要保存吗？")
        if answer == dirty_guard.CANCEL:
            return False
        for group in unsaved:
            form = self.forms[group]
            if answer == dirty_guard.DISCARD:
                form.load()
                form.message.clear()
            elif not form.save() and form.has_unsaved():
                self.show_tab(group)  # the refused value is marked beside its field
                return False
        return True


class BackupBox(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__("数据库与备份", parent)
        self.session = session
        self.task = None
        self.db_label = QLabel(str(session.db_path))
        self.db_label.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.backup_button = QPushButton("立即备份")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("从备份恢复…")
        self.restore_button.clicked.connect(self.restore_from)
        allowed = can_back_up(session.user)
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip(f"只有{admin_title()}可以备份或恢复数据库（备份含本机全部数据和全部账号）")
        self.last_result = QLabel()
        self.last_result.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("数据库位置：", self.db_label)
        form.addRow("备份到：", self.folder_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.last_result)
        session.changed.connect(lambda changes: changes.settings and self.show_folder())
        self.show_folder()

    def show_folder(self) -> None:
        self.folder_label.setText(str(backup.backup_folder()))

    def backup_now(self) -> None:
        target = backup.default_backup_name(backup.backup_folder())
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
            self, "选择备份文件", str(backup.backup_folder()), "数据库备份 (*.db *.ipbak);;所有文件 (*)"
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
