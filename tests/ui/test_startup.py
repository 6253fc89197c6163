"""Start-up pieces: the first-run dialog, a GUI-created demo database, Qt's Chinese translations."""

from PySide6.QtWidgets import QDialog

from app.services.accounts import users as accounts
from app.services.core import installation, settings
from app.services.system import database as setup
from app.ui import startup
from app.ui.first_run_dialog import FirstRunDialog


def test_first_run_requires_matching_passwords(qtbot, tmp_path):
    path = tmp_path / "new.db"
    setup.open_register(path)
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    dialog.password.setText("secret-one-1")
    dialog.again.setText("secret-two-2")
    dialog.submit()
    assert dialog.error.text() == "两次输入的密码不一致，请重新输入" and not setup.is_initialised()
    dialog.again.setText("secret-one-1")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert accounts.login("admin", "secret-one-1").role == "city_admin"


def test_the_wizard_names_a_district_installation_and_keeps_a_typed_body(qtbot, tmp_path):
    path = tmp_path / "new.db"
    setup.open_register(path)
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.body.text() == "鄂尔多斯市市场监督管理局（知识产权局）"
    dialog.scope.setCurrentIndex(dialog.scope.findData("150621"))
    assert dialog.body.text() == "鄂尔多斯市达拉特旗市场监督管理局"  # the suggestion follows the choice …
    dialog.body.setText("达拉特旗市场监督管理局（知识产权局）")
    dialog.scope.setCurrentIndex(dialog.scope.findData("150622"))
    assert dialog.body.text() == "达拉特旗市场监督管理局（知识产权局）"  # … until the administrator types one
    dialog.scope.setCurrentIndex(dialog.scope.findData("150621"))
    assert dialog.admin_role.text().startswith("达拉特旗旗区局管理员")  # the wizard says whose administrator
    dialog.admin_name.setText("王𠮷")
    dialog.admin_login.setText("wangji")
    dialog.password.setText("Dl-secret-41")
    dialog.again.setText("Dl-secret-41")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    identity = installation.current()
    assert (identity.scope, identity.body, identity.demo) == ("150621", "达拉特旗市场监督管理局（知识产权局）", False)
    user = accounts.login("wangji", "Dl-secret-41")
    assert user.display_name == "王𠮷"
    assert (user.role, user.district.code) == ("district_admin", "150621")  # never a city administrator
    assert dialog.minimumSizeHint().height() <= 700 and dialog.minimumSizeHint().width() <= 1000


def test_short_password_is_refused_in_chinese(qtbot, tmp_path):
    path = tmp_path / "new.db"
    setup.open_register(path)
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    dialog.password.setText("short")
    dialog.again.setText("short")
    dialog.submit()
    assert "至少 8 位" in dialog.error.text() and not setup.is_initialised()


def test_demo_database_created_from_the_window(qapp, tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert startup.open_database(path)
    extra = startup.ensure_initialised(path, demo=True)
    assert list(extra) == ["admin"]
    assert accounts.login("admin", extra["admin"]).login == "admin"
    assert settings.get("demo.logins") == ["shenhe", "dongsheng", "dalate", "chakan"]
    assert f"admin / {extra['admin']}" in capsys.readouterr().out
    assert startup.ensure_initialised(path, demo=True) == {}


def test_qt_translations_install(qapp):
    from PySide6.QtCore import QLocale

    before = QLocale()
    try:
        startup.install_qt_translations(qapp)
        assert qapp.translate("QPlatformTheme", "Cancel") == "取消"
        assert qapp.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
        assert QLocale().name() == "zh_CN"
    finally:
        QLocale.setDefault(before)  # the other tests keep the locale they started with


def test_switch_user_hides_the_previous_users_window_before_the_login_dialog(qtbot, qapp, session_for, demo_users,
                                                                              monkeypatch):
    from app.ui.main_window import MainWindow

    shell = startup.Shell(qapp, session_for().db_path, {})
    old = shell.window = MainWindow(session_for("admin"))
    qtbot.addWidget(old)
    old.session.relogin_requested.connect(shell.relogin)  # as Shell.login wires a session
    old.show()
    seen = []

    def sign_in_as_dongsheng(dialog):
        seen.append((old.isVisible(), [w for w in qapp.topLevelWidgets() if w.isVisible()]))
        dialog.user = demo_users["dongsheng"]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(startup.LoginDialog, "exec", sign_in_as_dongsheng)
    old.switch_user()
    new = shell.window
    qtbot.addWidget(new)
    assert seen == [(False, [])]  # nothing of the admin's screen showed behind the login dialog
    assert new is not old and new.isVisible() and not old.isVisible()
    assert demo_users["dongsheng"].display_name in new.user_label.text()
