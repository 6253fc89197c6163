"""Logging in: a wrong password shows the Chinese error and stays; the right one accepts with the user."""

from PySide6.QtWidgets import QDialog

from app.ui.login_dialog import LoginDialog


def test_wrong_then_right_password(qtbot, demo_db):
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.login_edit.setText("admin")
    dialog.password_edit.setText("wrong-password")
    dialog.submit()
    assert dialog.error.text() == "登录名或密码不正确"
    assert not dialog.error.isHidden()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.password_edit.setText("adminpass123")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user.login == "admin"


def test_demo_accounts_are_listed_and_fill_the_fields(qtbot, demo_db):
    _, result = demo_db
    dialog = LoginDialog({"admin": "adminpass123"})
    qtbot.addWidget(dialog)
    logins = [dialog.demo_list.item(i).text().split("　")[0] for i in range(dialog.demo_list.count())]
    assert set(logins) == {"admin", *result.demo_accounts}
    row = logins.index("dongsheng")
    assert dialog.demo_list.item(row).text().endswith("（旗区局联络员 · 东胜区）")  # which role it tries
    assert dialog.demo_list.item(logins.index("admin")).text().endswith("（市局管理员）")
    dialog._use_demo(dialog.demo_list.item(row))
    assert dialog.password_edit.text() == result.demo_accounts["dongsheng"]
    dialog.submit()
    assert dialog.user.login == "dongsheng"


def test_the_login_button_pauses_after_repeated_failures(qtbot, demo_db):
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.login_edit.setText("nobody")
    dialog.password_edit.setText("wrong-password")
    dialog.submit()
    assert ok.isEnabled()
    dialog.submit()
    assert not ok.isEnabled() and dialog.error.text() == "登录名或密码不正确"
    qtbot.waitUntil(ok.isEnabled, timeout=3000)


def test_demo_hints_hold_no_stored_password_and_skip_disabled_accounts(qtbot, demo_db):
    from app.models import Setting
    from app.services.accounts import users as accounts

    _, result = demo_db
    assert "yanshi-2026" not in " ".join(s.value for s in Setting.select())
    accounts.set_active(result.admin, accounts.get_user("chakan"), False)
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    logins = [dialog.demo_list.item(i).text().split("　")[0] for i in range(dialog.demo_list.count())]
    assert logins == ["shenhe", "dongsheng", "dalate"]


def test_no_demo_box_for_a_real_database(qtbot, empty_db):
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "demo_list")
