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
