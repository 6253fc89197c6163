"""Automatic backups while the window is open (when due, checked every few minutes) and when it closes.

The work is app.services.system.backup_schedule; this only decides when, runs the periodic one off the UI
thread without a dialog, and never lets a failed automatic backup stop the user: it shows in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QStatusBar

from app.services.core import settings
from app.services.core.errors import DomainError
from app.services.system import backup_schedule
from app.ui.tasks import run_task

CHECK_MS = 10 * 60 * 1000


class AutoBackup(QObject):
    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self.status_bar = status_bar
        self.task = None
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> bool:
        """Start a background backup if one is due and none is running; True if one started."""
        if self.task is not None:
            return False
        try:
            if not backup_schedule.is_due():
                return False
        except DomainError:
            return False
        self.task = run_task(
            None, "自动备份", backup_schedule.run, "schedule", quiet=True,
            on_success=self._done, on_failure=self._failed,
        )  # fmt: skip
        return True

    def _done(self, target) -> None:
        self.task = None
        self.status_bar.showMessage(f"已自动备份到 {target}", 10000)

    def _failed(self, error: Exception) -> None:
        self.task = None
        self.status_bar.showMessage(f"自动备份未完成：{error}", 30000)

    def on_exit(self) -> str | None:
        """The backup made when the window closes (in the UI thread: the program is ending); its message."""
        self.timer.stop()
        if not settings.get("backup.on_exit"):
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return f"已自动备份到 {backup_schedule.run('exit')}"
        except DomainError as exc:
            return f"自动备份未完成：{exc}"
        finally:
            QApplication.restoreOverrideCursor()
