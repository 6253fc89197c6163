"""帮助 menu: the user guide, the about window, and opening the data folder."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.services.system import about
from app.ui.window_state import place


def add_help_menu(window: QMainWindow) -> None:
    menu = window.menuBar().addMenu("帮助(&H)")
    guide = QAction("使用指南(&G)", window)
    guide.triggered.connect(lambda: GuideDialog(window).exec())
    folder = QAction("打开数据文件夹(&D)", window)
    folder.triggered.connect(lambda: open_data_folder(window))
    info = QAction("关于(&A)", window)
    info.triggered.connect(lambda: AboutDialog(window).exec())
    for action in (guide, folder):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(info)


def open_data_folder(parent: QWidget) -> bool:
    path = about.facts().database
    if path is None or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        QMessageBox.information(parent, "数据文件夹", f"数据文件夹：{path.parent if path else '（未知）'}")
        return False
    return True


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("关于")
        facts = about.facts()
        form = QFormLayout()
        rows = [
            ("程序：", f"{facts.name}  版本 {facts.version}"),
            ("本机所属单位：", facts.installation),
            ("本机标识：", facts.exchange_id),
            ("数据库：", f"{facts.database}（{about.size_text(facts.database_bytes)}）"),
            ("附件文件夹：", str(facts.files_folder)),
            ("运行环境：", f"{facts.python}；Qt {qVersion()}，PySide6 {pyside_version}"),
        ]
        self.values: dict[str, str] = {}
        for label, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
            self.values[label.rstrip("：")] = value
        libraries = "；".join(f"{name} {version}（{licence}）" for name, version, licence in facts.libraries)
        credits = QLabel(f"所用开源软件：{libraries}。\n{about.FONT_NOTE}")
        credits.setWordWrap(True)
        credits.setStyleSheet("color: #555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(credits)
        layout.addWidget(buttons)
        self.credits = credits
        self.setMinimumWidth(560)


class GuideDialog(QDialog):
    """The guide from resources/, shown as formatted text; it fits a 1024×768 screen and scrolls."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("使用指南")
        self.text = QTextBrowser()
        self.text.setMarkdown(about.guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        place(self, (760, 620))
