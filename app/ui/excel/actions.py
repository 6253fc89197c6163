"""The Excel actions of the register page and the 文件 menu: 导入Excel…, 导出Excel…, 导出当前列表…, 下载导入模板…."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from app.ui import tasks
from app.ui.excel import files, jobs
from app.ui.excel.import_wizard import ImportWizard
from app.ui.excel.table_export import export_failed, export_view, report_export


def open_import_wizard(parent: QWidget, session) -> ImportWizard:
    wizard = ImportWizard(session, parent)
    wizard.open()  # window-modal without a nested event loop
    return wizard


def export_register(page, path=None) -> tasks.Task | None:
    """The register as filtered on screen, in the importer's columns (so the file can be edited and re-imported)."""
    if path is None:
        path = files.ask_save_path(page, "导出企业信息", f"企业名录_{date.today():%Y%m%d}.xlsx")
        if path is None:
            return None
    return tasks.run_task(
        page, "正在导出企业信息…", jobs.export_register_job, page.session.user, path, page.model.query,
        on_success=lambda count: report_export(page, path, count, "家企业"),
        on_failure=lambda error: export_failed(page, path, error),
        cancellable=True,
    )  # fmt: skip


def excel_menu(page, parent: QWidget) -> QMenu:
    """The four actions against a register page; 导入 only for users who may add enterprises."""
    menu = QMenu(parent)
    importing = menu.addAction("导入Excel…", lambda: open_import_wizard(page, page.session))
    importing.setEnabled(page.can_create)
    menu.addAction("导出Excel…", lambda: export_register(page))
    menu.addAction("导出当前列表…", lambda: export_view(page, page.table, "企业名录"))
    menu.addSeparator()
    menu.addAction("下载导入模板…", lambda: files.download_template(page))
    return menu


def excel_button(page) -> QPushButton:
    """An "Excel 导入/导出 ▾" button for the register page's button bar."""
    button = QPushButton("Excel 导入/导出")
    button.setToolTip("从 Excel 导入企业、导出名录或当前列表、下载导入模板")
    button.setMenu(excel_menu(page, button))
    return button


def add_file_menu_actions(window, menu: QMenu) -> list[QAction]:
    """The same actions in the main window's 文件 menu; each first shows the register."""

    def on_register(action):
        def run():
            window.show_area("企业名录库")
            return action(window.register)

        return run

    entries = (
        ("导入Excel(&I)…", lambda page: open_import_wizard(window, page.session)),
        ("导出Excel(&E)…", export_register),
        ("下载导入模板(&T)…", lambda page: files.download_template(window)),
    )
    actions = []
    for text, action in entries:
        item = QAction(text, window)
        item.triggered.connect(on_register(action))
        menu.addAction(item)
        actions.append(item)
    actions[0].setEnabled(window.register.can_create)
    return actions
