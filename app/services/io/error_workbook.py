"""The error workbook: the clerk's own sheet with every bad cell marked and explained, plus a summary sheet.

The clerk fixes the marked cells and sends the file back; nothing else in it has moved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils import column_index_from_string

from app.services.io import xlsx_reader as reader
from app.services.io.xlsx_writer import TableColumn, body_cell, header_cells, setup_sheet, text_cell

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
SUMMARY_COLUMNS = [TableColumn("行号", 8), TableColumn("列", 6), TableColumn("列名", 22), TableColumn("填写内容", 30),
                   TableColumn("问题", 50)]  # fmt: skip


class ImportedSheet(Protocol):
    """What any import plan (enterprises, questionnaire answers) tells about the sheet it read."""

    path: Path
    sheet_title: str

    @property
    def errors(self) -> list: ...


def write_error_workbook(plan: ImportedSheet, out: Path | str) -> int:
    """Write the marked copy and the summary; returns the number of problems listed."""
    problems: dict[tuple[int, int], list[str]] = {}
    for error in plan.errors:
        column = column_index_from_string(error.column) if error.column else 1
        problems.setdefault((error.row, column), []).append(f"{error.header}：{error.reason}")
    source = reader.open_workbook(Path(plan.path))
    target = Workbook(write_only=True)
    try:
        copy = target.create_sheet(f"{plan.sheet_title}（已标注）"[:31])
        for number, values in enumerate(reader.sheet_rows(reader.first_sheet(source)), start=1):
            copy.append([_cell(copy, value, problems.get((number, index))) for index, value in
                         enumerate(values, start=1)])  # fmt: skip
        summary = target.create_sheet("错误汇总")
        setup_sheet(summary, SUMMARY_COLUMNS)
        summary.append(header_cells(summary, SUMMARY_COLUMNS))
        for e in plan.errors:
            summary.append(
                [body_cell(summary, v) for v in (e.row, e.column, e.header, _text(e.value), e.reason)]
            )
        target.save(out)
    finally:
        source.close()
    return len(plan.errors)


def _cell(sheet, value, messages: list[str] | None) -> WriteOnlyCell:
    cell = text_cell(sheet, value)
    if messages:
        cell.fill = BAD_FILL
        cell.comment = Comment("\n".join(messages), "导入检查")
    return cell


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
