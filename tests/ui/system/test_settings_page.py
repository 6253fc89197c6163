"""系统设置—备份: backup in a worker thread to the folder set in the 备份 form, restore replacing the database and
asking for a new login."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.core import settings
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, count
from app.ui.system.settings_page import SettingsPage


def make_page(qtbot, session):
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.show()
    return page


def choose_backup_folder(qtbot, session, folder, monkeypatch):
    """Choose the folder in the generated 备份 form and save it, as a person would."""
    folder.mkdir(exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    settings_page = SettingsPage(session)
    qtbot.addWidget(settings_page)
    form = settings_page.forms[settings.BACKUP]
    form.editors["backup.folder"].choose.click()
    assert form.save() == ["backup.folder"]
    return settings_page


def test_backup_now_writes_a_copy(qtbot, admin_session, tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    settings_page = choose_backup_folder(qtbot, admin_session, folder, monkeypatch)
    page = settings_page.backup
    assert settings.get("backup.folder") == str(folder) and page.folder_label.text() == str(folder)
    page.backup_button.click()
    with qtbot.waitSignal(page.task.finished, timeout=10000):
        pass
    copies = list(folder.glob("register-*.db"))
    assert len(copies) == 1 and "已备份到" in page.last_result.text()
    assert page.backup_button.isEnabled()


def test_restore_replaces_the_database(qtbot, admin_session, demo_users, tmp_path, monkeypatch):
    admin = demo_users["admin"]
    settings_page = choose_backup_folder(qtbot, admin_session, tmp_path, monkeypatch)
    page = settings_page.backup
    page.backup_button.click()
    with qtbot.waitSignal(page.task.finished, timeout=10000):
        pass
    backup_file = next(Path(tmp_path).glob("register-*.db"))
    enterprises.set_archived(admin, 1, True, "测试")
    assert count(admin, EnterpriseQuery()) == 39

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup_file), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with qtbot.waitSignal(admin_session.relogin_requested, timeout=10000):
        page.restore_button.click()
    assert count(admin, EnterpriseQuery()) == 40
    assert list(admin_session.db_path.parent.glob("*.replaced-*.bak"))


def test_backup_and_restore_are_for_the_admin_only(qtbot, session_for):
    for login in ("shenhe", "dongsheng", "chakan"):
        settings_page = make_page(qtbot, session_for(login))
        page = settings_page.backup
        assert not page.restore_button.isEnabled() and not page.backup_button.isEnabled()
        assert "市局管理员" in page.backup_button.toolTip()


def test_cancelled_restore_does_nothing(qtbot, admin_session, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("/nonexistent.db", ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    settings_page = make_page(qtbot, admin_session)
    page = settings_page.backup
    page.restore_button.click()
    assert page.task is None and page.restore_button.isEnabled()


def test_a_backup_outside_the_data_folder_asks_for_a_passphrase_and_restores_with_it(
    qtbot, admin_session, demo_users, tmp_path_factory, monkeypatch
):
    from app.services.system import backup_crypto
    from app.ui.system import settings_page

    usb = tmp_path_factory.mktemp("usb")
    asked = []
    monkeypatch.setattr(settings_page, "ask_passphrase", lambda _p, intro, twice: asked.append((intro, twice))
                        or "U盘-口令-2026")  # fmt: skip
    settings_page = choose_backup_folder(qtbot, admin_session, usb, monkeypatch)
    page = settings_page.backup
    page.backup_button.click()
    with qtbot.waitSignal(page.task.finished, timeout=10000):
        pass
    made = next(usb.glob("register-*.ipbak"))
    assert backup_crypto.is_encrypted(made) and asked[0][1] is True and "必须加密" in asked[0][0]
    enterprises.set_archived(demo_users["admin"], 1, True, "测试")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with qtbot.waitSignal(admin_session.relogin_requested, timeout=10000):
        page.restore_button.click()
    assert asked[1][1] is False and count(demo_users["admin"], EnterpriseQuery()) == 40


def test_the_passphrase_dialog_wants_the_same_strong_passphrase_twice(qtbot):
    from app.ui.system.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(None, "说明", twice=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("口令-one-1")
    dialog.second.setText("口令-two-2")
    dialog.submit()
    assert dialog.error.text() == "两次输入的备份口令不一致，请重新输入"
    dialog.first.setText("short")
    dialog.second.setText("short")
    dialog.submit()
    assert "至少 8 位" in dialog.error.text() and dialog.result() != dialog.DialogCode.Accepted
