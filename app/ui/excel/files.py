"""Choosing where an Excel file goes, and writing a fresh import template."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.services.enterprises.template_xlsx import TEMPLATE_NAME, write_template
from app.ui.widgets import show_error

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
READABLE_FILTER = "Excel 工作簿 (*.xlsx *.xls *.xlsb *.ods)"  # what the importer reads


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def ask_save_path(parent: QWidget | None, title: str, suggested: Path | str) -> Path | None:
    """A save dialog for an .xlsx file; a bare name is suggested in the user's documents folder."""
    suggested = Path(suggested)
    if not suggested.is_absolute():
        suggested = default_folder() / suggested
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), XLSX_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def ask_open_path(parent: QWidget | None, title: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, title, str(default_folder()), f"{READABLE_FILTER};;所有文件 (*)"
    )
    return Path(chosen) if chosen else None


def download_template(parent: QWidget | None) -> Path | None:
    """Write a fresh 企业信息导入模板.xlsx where the user chooses (district lists come from the database)."""
    path = ask_save_path(parent, "保存导入模板", TEMPLATE_NAME)
    if path is None:
        return None
    try:
        write_template(path)
    except OSError as exc:
        QMessageBox.warning(parent, "无法保存模板", f"无法写入“{path}”：{exc.strerror or exc}")
        return None
    except Exception as exc:  # noqa: BLE001 (explained to the user, never swallowed silently)
        show_error(parent, exc, "无法生成模板")
        return None
    QMessageBox.information(parent, "模板已生成", f"导入模板已保存到：\n{path}")
    return path
