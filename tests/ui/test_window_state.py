"""Windows open as their user left them: place and size per window and per user, on the same screen; pulled
inside a smaller screen; splitters and table columns; the main window stays maximised across 切换用户."""

from datetime import date

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QDialog, QHeaderView, QSplitter, QTableView

from app.services.applications import forms as applications
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui import screen_fit
from app.ui.liaison.consultation_dialog import ConsultationDialog
from tests.helpers.screens import use_screen

WIDE = QRect(0, 0, 1920, 1040)
LAPTOP = QRect(0, 0, 1366, 728)


def _open(qtbot, session) -> ConsultationDialog:
    dialog = ConsultationDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_dialog_reopens_where_and_as_large_as_its_user_left_it(qtbot, session_for, monkeypatch):
    use_screen(monkeypatch, WIDE, "DP-1")
    first = _open(qtbot, session_for("admin"))
    assert first.size() == QSize(620, 560)  # its preferred size the first time
    first.setGeometry(300, 120, 900, 700)
    first.close()
    again = _open(qtbot, session_for("admin"))
    assert again.geometry() == QRect(300, 120, 900, 700)
    other_user = _open(qtbot, session_for("dongsheng"))
    assert other_user.size() == QSize(620, 560)


def test_a_window_left_on_a_larger_screen_opens_inside_the_smaller_one(qtbot, session_for, monkeypatch):
    use_screen(monkeypatch, WIDE, "DP-1")
    first = _open(qtbot, session_for("admin"))
    first.setGeometry(1100, 300, 800, 720)
    first.close()
    use_screen(monkeypatch, LAPTOP, "eDP-1")
    again = _open(qtbot, session_for("admin"))
    frame = QRect(again.pos(), again.size() + screen_fit.FRAME)
    assert LAPTOP.contains(frame), frame
    assert again.width() == 800 and again.height() == LAPTOP.height() - screen_fit.FRAME.height()


def test_the_same_place_on_another_screen_is_not_trusted(qtbot, session_for, monkeypatch):
    use_screen(monkeypatch, WIDE, "DP-1")
    first = _open(qtbot, session_for("admin"))
    first.setGeometry(0, 0, 700, 500)
    first.close()
    use_screen(monkeypatch, WIDE, "HDMI-2")  # another monitor of the same size: centred rather than at 0,0
    again = _open(qtbot, session_for("admin"))
    assert again.size() == QSize(700, 500) and again.pos() != first.pos()


def test_splitter_and_columns_are_remembered(qtbot, session_for, demo_users, monkeypatch):
    from app.ui.applications.editor import ApplicationEditor

    use_screen(monkeypatch, WIDE)
    enterprise = search_ids(demo_users["dongsheng"], EnterpriseQuery(district_code="150602"))[0]
    draft = applications.new_draft(demo_users["dongsheng"], enterprise, date.today().year)

    def editor() -> ApplicationEditor:
        window = ApplicationEditor(session_for("dongsheng"), draft.id)
        qtbot.addWidget(window)
        window.show()
        return window

    first = editor()
    [split] = first.findChildren(QSplitter)
    split.setSizes([500, 600])
    sizes = split.sizes()
    # The first table whose first column the user can drag wider.
    n = next(i for i, t in enumerate(first.findChildren(QTableView))
             if t.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive)  # fmt: skip
    first.findChildren(QTableView)[n].horizontalHeader().resizeSection(0, 237)
    first.close()
    again = editor()
    [split_again] = again.findChildren(QSplitter)
    assert split_again.sizes() == sizes
    assert again.findChildren(QTableView)[n].horizontalHeader().sectionSize(0) == 237


def test_the_main_window_stays_maximised_across_a_change_of_user(qtbot, demo_db, demo_users, monkeypatch):
    from app.ui import startup

    path, _ = demo_db
    logins = iter(["admin", "dongsheng"])

    class SignedIn:
        def __init__(self, extra):
            self.user = demo_users[next(logins)]

        def exec(self):
            return QDialog.DialogCode.Accepted

    use_screen(monkeypatch, WIDE)
    monkeypatch.setattr(startup, "LoginDialog", SignedIn)
    shell = startup.Shell(None, path, {})
    assert shell.login()
    first = shell.window
    qtbot.addWidget(first)
    assert not first.isMaximized()  # a large screen, never maximised before: its preferred size
    first.showMaximized()
    shell.relogin()
    qtbot.addWidget(shell.window)
    assert shell.window is not first and shell.window.session.user.login == "dongsheng"
    assert shell.window.isMaximized()


def test_a_user_who_left_the_main_window_maximised_gets_it_maximised(qtbot, admin_session, monkeypatch):
    from app.ui.main_window import MainWindow

    use_screen(monkeypatch, WIDE)
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    assert not window.opens_maximised()
    window.showMaximized()
    window.close()
    again = MainWindow(admin_session)
    qtbot.addWidget(again)
    assert again.opens_maximised()


def test_on_a_laptop_screen_the_main_window_is_presented_maximised(qtbot, admin_session, monkeypatch):
    from app.ui.main_window import MainWindow

    use_screen(monkeypatch, LAPTOP)
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    window.present()
    assert window.isMaximized()


def _shell(demo_db, demo_users, monkeypatch, logins: list[str]):
    from app.ui import startup

    turns = iter(logins)

    class SignedIn:
        def __init__(self, extra):
            self.user = demo_users[next(turns)]

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(startup, "LoginDialog", SignedIn)
    return startup.Shell(None, demo_db[0], {})


def test_on_a_laptop_screen_the_main_window_comes_back_maximised_after_a_change_of_user(
    qtbot, demo_db, demo_users, monkeypatch
):
    """Even when the user had restored it to a smaller size: on a laptop screen every pixel is needed."""
    use_screen(monkeypatch, LAPTOP)
    shell = _shell(demo_db, demo_users, monkeypatch, ["admin", "dongsheng"])
    assert shell.login()
    first = shell.window
    qtbot.addWidget(first)
    assert first.isMaximized()
    first.showNormal()
    first.resize(900, 600)
    assert not first.isMaximized()
    shell.relogin()
    qtbot.addWidget(shell.window)
    assert shell.window is not first and shell.window.session.user.login == "dongsheng"
    assert shell.window.isMaximized()


def test_after_a_change_of_user_each_user_gets_the_main_window_as_they_left_it(
    qtbot, demo_db, demo_users, monkeypatch
):
    use_screen(monkeypatch, WIDE, "DP-1")
    shell = _shell(demo_db, demo_users, monkeypatch, ["admin", "dongsheng", "admin"])
    assert shell.login()
    qtbot.addWidget(shell.window)
    shell.window.setGeometry(200, 100, 1400, 900)
    shell.relogin()  # to dongsheng, who never opened it here: its preferred size
    qtbot.addWidget(shell.window)
    assert shell.window.session.user.login == "dongsheng" and not shell.window.isMaximized()
    assert shell.window.size() == QSize(1280, 800)
    shell.relogin()  # back to admin: where admin left it
    qtbot.addWidget(shell.window)
    assert shell.window.session.user.login == "admin"
    assert shell.window.geometry() == QRect(200, 100, 1400, 900) and not shell.window.isMaximized()
