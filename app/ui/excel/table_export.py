"""Export what any table view shows to xlsx: its rows as filtered, its columns in on-screen order, hidden ones left out.

The rows are read through the view's model on the GUI thread (a model is not safe to touch from another
thread; a lazy model fetches its pages as it is read), then written by a worker with progress and cancel.
A model may answer RAW_ROLE with a typed value (date, number) so that dates are written as dates; otherwise
ISO date texts become dates and right-aligned (numeric) integers become numbers.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox, QTableView, QWidget

from app.services.io.xlsx_writer import TableColumn, write_table
from app.ui import tasks
from app.ui.excel import files
from app.ui.tables import RAW_ROLE  # optional: the typed value behind a cell's text
from app.ui.widgets import show_error

PIXELS_PER_CHAR = 7
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^-?[1-9]\d{0,11}$|^0$")


def visible_columns(view: QTableView) -> list[int]:
    """Logical column numbers in the order the user sees them, without hidden columns."""
    header = view.horizontalHeader()
    logical = [header.logicalIndex(visual) for visual in range(header.count())]
    return [c for c in logical if not header.isSectionHidden(c) and not view.isColumnHidden(c)]


def table_columns(view: QTableView, columns: list[int]) -> list[TableColumn]:
    model, header = view.model(), view.horizontalHeader()
    result = []
    for column in columns:
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        width = max(6, min(60, round(header.sectionSize(column) / PIXELS_PER_CHAR)))
        result.append(TableColumn(str(title or ""), width))
    return result


def _typed(text, numeric: bool):
    if not isinstance(text, str):
        return text
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    if numeric and _INTEGER.match(text):
        return int(text)
    return text


def _is_numeric(model, column: int) -> bool:
    if model.rowCount() == 0:
        return False
    align = model.data(model.index(0, column), Qt.ItemDataRole.TextAlignmentRole)
    return align is not None and bool(int(align) & int(Qt.AlignmentFlag.AlignRight))


def table_rows(view: QTableView, columns: list[int]) -> list[list]:
    """Every row of the view's model (fetched in full) as values, in the given column order."""
    model = view.model()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    numeric = {c: _is_numeric(model, c) for c in columns}
    rows = []
    for row in range(model.rowCount()):
        values = []
        for column in columns:
            index = model.index(row, column)
            raw = model.data(index, RAW_ROLE)
            if raw is None:
                raw = _typed(model.data(index, Qt.ItemDataRole.DisplayRole), numeric[column])
            values.append("" if raw is None else raw)
        rows.append(values)
    return rows


def write_job(path: Path, title: str, columns: list[TableColumn], rows: list[list], state) -> int:
    return write_table(
        path, title, columns, rows, total=len(rows),
        progress=lambda done, total: state.progress(done * 100 // max(total, 1), f"已写入 {done} / {total} 行…"),
        cancelled=lambda: state.cancelled,
    )  # fmt: skip


def export_view(
    parent: QWidget | None, view: QTableView, sheet_title: str, path: Path | None = None
) -> tasks.Task | None:
    """Ask for a file (unless given), then write the view's contents in a worker; returns the running Task."""
    if path is None:
        path = files.ask_save_path(parent, "导出当前列表", f"{sheet_title}_{date.today():%Y%m%d}.xlsx")
        if path is None:
            return None
    columns = visible_columns(view)
    header_row = table_columns(view, columns)
    rows = table_rows(view, columns)
    return tasks.run_task(
        parent, "正在导出…", write_job, path, sheet_title[:31], header_row, rows,
        on_success=lambda count: report_export(parent, path, count, "行"),
        on_failure=lambda error: export_failed(parent, path, error),
        cancellable=True,
    )  # fmt: skip


def report_export(parent: QWidget | None, path: Path, count: int, unit: str) -> None:
    if count < 0:
        QMessageBox.information(parent, "导出已取消", "导出已取消，没有生成文件。")
    else:
        QMessageBox.information(parent, "导出完成", f"已导出 {count} {unit}到：\n{path}")


def export_failed(parent: QWidget | None, path: Path, error: Exception) -> None:
    if isinstance(error, OSError):
        QMessageBox.warning(
            parent, "导出失败", f"无法写入“{path}”：{error.strerror or error}\n文件是否正在 Excel 中打开？"
        )
    else:
        show_error(parent, error, "导出失败")
