"""The start-up sequence once Qt can run: application object, translations, database, first run, login."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app import APP_ID, APP_NAME
from app.models.migrations import SchemaError
from app.paths import resources_dir
from app.services.accounts.passwords import generate_password
from app.services.core.errors import DomainError
from app.services.system import database as setup
from app.services.system import file_checks, open_lock
from app.ui.login_dialog import LoginDialog
from app.ui.qt_locale import install_qt_translations
from app.ui.single_instance import InstanceServer, bring_forward, wake_running

START_PROBE = "IPREG_START_PROBE"  # set: the login window closes as soon as it is shown (start-up timing)


def open_database(db_path: Path) -> bool:
    """Open the register, or explain in a dialog why not (the program then ends)."""
    try:
        report = setup.open_register(db_path)
    except (SchemaError, DomainError) as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return False
    except Exception as exc:  # noqa: BLE001 (whatever it was, the user gets a sentence, not silence)
        QMessageBox.critical(None, "无法打开数据库", f"无法打开数据库 {db_path}：{file_checks.describe(exc)}")
        return False
    if report.backup_path:
        QMessageBox.information(
            None, "数据库已升级", f"数据库已升级到新版本，升级前的副本保存在：\n{report.backup_path}"
        )
    return True


def ensure_initialised(db_path: Path, demo: bool) -> dict[str, str] | None:
    """Make sure an admin exists; returns extra accounts to show at login ({} if none), None to quit."""
    if setup.is_initialised():
        return {}
    if demo:
        password = generate_password()
        setup.initialise(db_path, password, demo=True, activity=True)
        # The admin of a GUI-created demo database is not a demo login: print and show it once.
        print(f"演示数据库管理员：admin / {password}")
        return {"admin": password}
    from app.ui.first_run_dialog import FirstRunDialog  # once per installation: not on every start

    dialog = FirstRunDialog(db_path)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dict(dialog.result_info.demo_accounts)


class Shell:
    """Holds the main window between logins (a restore sends the user back to the login dialog)."""

    def __init__(self, app: QApplication, db_path: Path, extra_accounts: dict[str, str]):
        self.app, self.db_path, self.extra = app, db_path, extra_accounts
        self.window = None  # the MainWindow once signed in

    def login(self, maximised: bool = False) -> bool:
        """Sign in and open the main window; `maximised` keeps a maximised window so across 切换用户."""
        dialog = LoginDialog(self.extra)
        if os.environ.get(START_PROBE):
            QTimer.singleShot(0, dialog.reject)  # benchmarks/frozen_start.py: end once the login window is up
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        # Imported here, not at the top: the pages are most of the start-up time, and the login window should
        # not wait for them (benchmarks/frozen_start.py).
        from app.ui.main_window import MainWindow
        from app.ui.session import Session

        session = Session(dialog.user, self.db_path)
        session.relogin_requested.connect(self.relogin)
        self.window = MainWindow(session)
        if maximised:
            self.window.showMaximized()
        else:
            self.window.present()
        return True

    def on_quit(self) -> None:
        """The program is ending (not a change of user): the automatic backup on exit."""
        if self.window is not None:
            message = self.window.auto_backup.on_exit()
            if message:
                print(message)

    def relogin(self) -> None:
        # Log in before closing the old window: closing the last window first would quit the application.
        # Hidden meanwhile: the login dialog must not sit over the previous user's screen and name.
        old = self.window
        maximised = old is not None and old.isMaximized()
        if old is not None:
            old.hide()
        if not self.login(maximised=maximised):
            self.app.quit()
            return
        if old is not None:
            old.close()
            old.deleteLater()


def report_unexpected(exc_type, exc, tb) -> None:
    """sys.excepthook for the window: an exception no slot caught is shown in a dialog, not lost on stderr
    (PySide6 hands such exceptions to sys.excepthook and carries on, leaving a button that seems dead)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, DomainError):
        QMessageBox.warning(QApplication.activeWindow(), "操作未完成", str(exc))
        return
    traceback.print_exception(exc_type, exc, tb)  # for technical support; the user reads the dialog
    QMessageBox.critical(QApplication.activeWindow(), "操作未完成", f"发生意外错误：{file_checks.describe(exc)}")


def claim_database(db_path: Path) -> open_lock.OpenLock | None:
    """This window's hold on the register, or None when it is open elsewhere (the user was told where)."""
    if wake_running(db_path):
        print(f"数据库 {db_path} 已在本机的另一个窗口中打开，已切换到该窗口。")
        return None
    try:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        found = open_lock.acquire(db_path)
    except OSError:
        # A folder that cannot hold the lock file: opening the database will say what is wrong with it.
        return open_lock.OpenLock(None)
    if isinstance(found, open_lock.Holder):
        QMessageBox.warning(
            None, "数据库正在使用",
            f"数据库 {db_path} 已在{found.describe()}中打开。\n"
            "为免两处同时修改，请在那里继续工作，或先关闭那个窗口再打开。",
        )  # fmt: skip
        return None
    return found


def start(db_path: Path, demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    sys.excepthook = report_unexpected
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.png")))
    install_qt_translations(app)
    hold = claim_database(db_path)
    if hold is None:
        return 0
    server = InstanceServer(db_path, app)
    try:
        return _run(app, db_path, demo, server)
    finally:
        server.close()
        hold.release()


def _run(app: QApplication, db_path: Path, demo: bool, server: InstanceServer) -> int:
    if not open_database(db_path):
        return 1
    try:
        extra = ensure_initialised(db_path, demo)
    except Exception as exc:  # noqa: BLE001
        message = str(exc) if isinstance(exc, DomainError) else file_checks.describe(exc)
        QMessageBox.critical(None, "无法初始化数据库", message)
        return 1
    if extra is None:
        return 1
    shell = Shell(app, db_path, extra)
    server.wake.connect(lambda: bring_forward(shell.window or QApplication.activeModalWidget()))
    if not shell.login():
        return 0
    app.aboutToQuit.connect(shell.on_quit)
    return app.exec()
