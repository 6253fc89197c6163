"""Automatic backups from the window: one when due (off the UI thread), one when the program ends."""

from app.services.core import settings
from app.services.system import backup_schedule
from app.ui.system.auto_backup import AutoBackup


def test_a_due_backup_runs_in_the_background_and_says_so(qtbot, admin_session, main_window):
    auto = main_window.auto_backup
    # The window checks once as it opens: no backup yet, so one is made in the background.
    qtbot.waitUntil(lambda: auto.task is None and bool(backup_schedule.backups_in(backup_schedule.folder())),
                    timeout=10000)
    assert len(backup_schedule.backups_in(backup_schedule.folder())) == 1
    assert "已自动备份到" in main_window.statusBar().currentMessage()
    assert not auto.check()  # not due again within the interval


def test_on_exit_follows_the_setting(qtbot, admin_session, demo_users):
    from PySide6.QtWidgets import QStatusBar

    bar = QStatusBar()
    qtbot.addWidget(bar)
    auto = AutoBackup(bar)
    assert "已自动备份到" in auto.on_exit()
    settings.set_value(demo_users["admin"], "backup.on_exit", False)
    assert AutoBackup(bar).on_exit() is None
