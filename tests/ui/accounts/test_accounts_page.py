"""账号管理 and 修改密码 driven as a city administrator would: new account (password shown once), edit,
disable, reset, the last-admin refusal as a message, and a forced password change at the next sign-in."""

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from app.models import User
from app.services.accounts import users as accounts
from app.services.core.errors import AuthenticationFailed
from app.ui.accounts import page as page_module
from app.ui.accounts.page import AccountsPage
from app.ui.accounts.password_dialog import ChangePasswordDialog
from app.ui.accounts.user_dialog import UserDialog
from app.ui.login_dialog import LoginDialog
from app.ui.tables import select_key


@pytest.fixture
def shown(monkeypatch):
    """Messages the page shows, instead of modal boxes."""
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: messages.append((title, text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: messages.append((title, text)))
    monkeypatch.setattr(page_module, "confirm", lambda *_: True)
    return messages


@pytest.fixture
def page(qtbot, admin_session):
    widget = AccountsPage(admin_session)
    qtbot.addWidget(widget)
    widget.resize(1366 - 150, 768 - 60)
    widget.show()
    return widget


def _logins(page):
    return [page.model.row_at(r).login for r in range(page.model.rowCount())]


def _fill_new(dialog: UserDialog):
    dialog.login_edit.setText("yijinhuoluo")
    dialog.name_edit.setText("伊金霍洛旗联络员")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("district_officer"))
    dialog.district_combo.setCurrentIndex(dialog.district_combo.findData("150627"))
    dialog.phone_edit.setText("0477-8600000")
    dialog.save()


def test_new_account_shows_its_one_time_password_once_and_appears(page, shown, monkeypatch, tmp_path):
    monkeypatch.setattr(UserDialog, "exec", lambda d: _fill_new(d) or d.result())
    page.add_user()
    ((title, text),) = shown
    password = text.split("一次性密码：")[1].split("\n")[0]
    assert title == "账号已新建" and accounts.login("yijinhuoluo", password).must_change_password
    assert "yijinhuoluo" in _logins(page) and page.selected().login == "yijinhuoluo"
    row = page.selected()
    assert (row.district_name, row.phone) == ("伊金霍洛旗", "0477-8600000")
    assert page.model.index(page.model.row_of_key(row.id), 5).data() == "须改密码"
    page.grab().save(str(tmp_path / "accounts.png"))


def test_a_refused_account_names_the_fields(qtbot, admin_session):
    dialog = UserDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("坏 名字")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("district_officer"))
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "只能包含英文字母" in dialog.errors["login"].text()
    assert "必须指定所属旗区" in dialog.errors["district"].text()
    assert dialog.errors["display_name"].text() == "不能为空"


def test_disable_then_enable_and_the_state_column(page, shown, demo_users):
    officer = demo_users["dalate"]
    assert select_key(page.view, officer.id)
    page.toggle_active()
    assert not User.get_by_id(officer.id).active and page.selected().active is False
    assert page.buttons["active"].text() == "启用"
    with pytest.raises(AuthenticationFailed, match="已停用"):
        accounts.login("dalate", "yanshi-2026")
    page.toggle_active()
    assert User.get_by_id(officer.id).active and page.buttons["active"].text() == "停用"


def test_disabling_oneself_is_refused_with_a_message(page, shown, demo_users):
    select_key(page.view, demo_users["admin"].id)
    page.toggle_active()
    assert shown and "不能停用自己的账号" in shown[0][1]
    assert User.get_by_id(demo_users["admin"].id).active


def test_reset_password_then_the_sign_in_forces_a_change(page, shown, qtbot, monkeypatch, demo_users):
    select_key(page.view, demo_users["dongsheng"].id)
    page.reset_password()
    password = shown[0][1].split("一次性密码：")[1].split("\n")[0]

    def change(dialog: ChangePasswordDialog):
        dialog.new_edit.setText("aaaaaaaa")
        dialog.again_edit.setText("aaaaaaaa")
        dialog.save()
        assert "同一个字符" in dialog.errors["password"].text()
        dialog.new_edit.setText("东胜区新密码2026")
        dialog.again_edit.setText("东胜区新密码2026")
        dialog.save()
        return dialog.result()

    refusals = iter([lambda d: QDialog.DialogCode.Rejected, change])
    monkeypatch.setattr(ChangePasswordDialog, "exec", lambda d: next(refusals)(d))
    login = LoginDialog()
    qtbot.addWidget(login)
    login.login_edit.setText("dongsheng")
    login.password_edit.setText(password)
    login.submit()
    assert login.user is None and "须先设置新密码" in login.error.text()
    login.submit()
    assert login.result() == QDialog.DialogCode.Accepted and not login.user.must_change_password
    assert accounts.login("dongsheng", "东胜区新密码2026").id == demo_users["dongsheng"].id


def test_change_password_from_the_user_menu(main_window, monkeypatch):
    def change(dialog: ChangePasswordDialog):
        dialog.old_edit.setText("adminpass123")
        dialog.new_edit.setText("新的管理员密码1")
        dialog.again_edit.setText("新的管理员密码1")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    main_window.password_action.trigger()
    assert accounts.login("admin", "新的管理员密码1").login == "admin"
    assert main_window.statusBar().currentMessage() == "密码已修改"
