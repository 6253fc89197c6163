"""帮助 menu: the about window tells the version, installation and data location; the guide opens in Chinese."""

import re

from app import __version__
from app.ui.main_window import MainWindow
from app.ui.system.help import AboutDialog, GuideDialog


def test_about_names_the_version_installation_and_database(qtbot, admin_session):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.values["程序"]
    assert dialog.values["本机所属单位"] == "鄂尔多斯市市场监督管理局（知识产权局）（演示数据）"
    assert str(admin_session.db_path) in dialog.values["数据库"]
    assert re.search(r"（\d+(\.\d)? (KB|MB)）$", dialog.values["数据库"])
    assert "PySide6" in dialog.values["运行环境"] and "reportlab" in dialog.credits.text()
    assert "未安装" not in dialog.credits.text()


def test_guide_covers_the_main_tasks(qtbot):
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for task in ("首次使用", "导入", "申报与审核", "走访", "纠纷案件"):
        assert task in text
    assert dialog.width() <= 1024 and dialog.height() <= 700


def test_main_window_shows_the_installation_and_has_a_help_menu(qtbot, admin_session):
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    assert "（演示数据）" in window.windowTitle() and "市场监督管理局" in window.windowTitle()
    assert window.installation_label.text().startswith("本机：")
    menus = [a.text() for a in window.menuBar().actions()]
    assert "帮助(&H)" in menus
