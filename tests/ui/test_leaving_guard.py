"""切换用户, 退出 and leaving 系统设置 never drop what was typed: an open editor with unsaved edits, or a settings
form with unsaved values, asks 保存 / 不保存 / 取消 first — 取消 keeps everything as it was, 不保存 goes on and
stores nothing, 保存 stores and goes on."""

import pytest
from PySide6.QtCore import QDate

from app.models import Visit
from app.services.core import settings
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui import dirty_guard

TYPED = "走访时企业提出的问题，尚未保存"


@pytest.fixture
def asked(monkeypatch):
    class Asked(list):
        answer = dirty_guard.CANCEL

    record = Asked()
    monkeypatch.setattr(dirty_guard, "ask", lambda parent, text: record.append(text) or record.answer)
    return record


@pytest.fixture
def window(qtbot, session_for):
    from app.ui.main_window import MainWindow

    main = MainWindow(session_for("dongsheng"))
    qtbot.addWidget(main)
    main.show()
    return main


def _typed_visit(window, demo_users):
    """A visit editor opened from the 联络走访 page with notes typed into it."""
    from app.ui.liaison.visit_dialog import VisitDialog

    own = search_ids(demo_users["dongsheng"], EnterpriseQuery(district_code="150602"))[0]
    dialog = VisitDialog(window.session, own, parent=window.pages["联络走访"])
    dialog.open()
    dialog.texts["notes"].setPlainText(TYPED)
    return dialog


def _stored() -> bool:
    return Visit.select().where(Visit.notes == TYPED).exists()


def _switch_user(qtbot, window) -> bool:
    """Whether 切换用户 went ahead (asked the shell for a new login)."""
    emitted = []
    window.session.relogin_requested.connect(lambda: emitted.append(True))
    next(a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("切换用户")).trigger()
    return bool(emitted)


def test_switch_user_with_nothing_unsaved_asks_nothing(qtbot, window, asked):
    assert _switch_user(qtbot, window) and asked == []


def test_cancel_keeps_the_window_and_the_editor_with_its_text(qtbot, window, demo_users, asked):
    dialog = _typed_visit(window, demo_users)
    assert not _switch_user(qtbot, window)
    assert len(asked) == 1 and "走访" in asked[0]
    assert dialog.isVisible() and dialog.texts["notes"].toPlainText() == TYPED
    window.close()  # 退出 asks the same
    assert len(asked) == 2 and window.isVisible() and dialog.isVisible() and not _stored()


def test_dont_save_switches_user_and_stores_nothing(qtbot, window, demo_users, asked):
    dialog = _typed_visit(window, demo_users)
    asked.answer = dirty_guard.DISCARD
    assert _switch_user(qtbot, window)
    assert len(asked) == 1 and not dialog.isVisible() and not _stored()


def test_save_stores_the_visit_before_quitting(qtbot, window, demo_users, asked):
    dialog = _typed_visit(window, demo_users)
    asked.answer = dirty_guard.SAVE
    window.close()
    assert len(asked) == 1 and _stored() and not dialog.isVisible() and not window.isVisible()


def _edit_a_setting(qtbot, session_for):
    from app.ui.main_window import MainWindow

    main = MainWindow(session_for("admin"))
    qtbot.addWidget(main)
    main.show()
    main.show_area("系统设置")
    page = main.pages["系统设置"]
    form = page.forms[settings.ROUNDS]
    due = form.editors["list.target_due"]
    due.enabled.setChecked(True)
    due.edit.setDate(QDate(2026, 1, 31))
    return main, page, form


def test_leaving_the_settings_page_with_unsaved_values_asks(qtbot, session_for, asked):
    main, page, form = _edit_a_setting(qtbot, session_for)
    main.show_area("工作台")
    assert len(asked) == 1 and "系统设置" in asked[0] and settings.ROUNDS in asked[0]
    assert main.stack.currentWidget() is page and main.nav.currentItem().text() == "系统设置"
    assert form.pending() == {"list.target_due": "2026-01-31"}
    asked.answer = dirty_guard.DISCARD
    main.show_area("工作台")
    assert main.stack.currentWidget() is main.pages["工作台"]
    assert form.pending() == {} and settings.get("list.target_due") != "2026-01-31"
    main.show_area("系统设置")
    main.show_area("企业名录库")  # nothing unsaved any more: no question
    assert len(asked) == 2 and main.stack.currentWidget() is main.register


def test_saving_on_leaving_the_settings_page_stores_the_value(qtbot, session_for, asked):
    main, _page, form = _edit_a_setting(qtbot, session_for)
    asked.answer = dirty_guard.SAVE
    main.show_area("工作台")
    assert settings.get("list.target_due") == "2026-01-31" and form.pending() == {}
    assert main.stack.currentWidget() is main.pages["工作台"]


def test_quitting_or_switching_user_with_unsaved_settings_asks(qtbot, session_for, asked):
    main, page, form = _edit_a_setting(qtbot, session_for)
    main.show_area("工作台")  # 取消: stays on the page
    assert not _switch_user(qtbot, main) and main.stack.currentWidget() is page
    main.close()
    assert len(asked) == 3 and main.isVisible() and form.pending()
    asked.answer = dirty_guard.DISCARD
    main.close()
    assert not main.isVisible() and settings.get("list.target_due") != "2026-01-31"
