"""Writing styled xlsx tables: bold shaded header, frozen header row, widths, dates as dates, A4 print setup.

Used for every table export and for the import template, so they all look alike. Rows are streamed
(openpyxl write-only mode), so a 100,000-row export holds one row in memory at a time.

Every text cell is safe to open: control characters (legacy data may hold them; XML cannot) are dropped, and
a text that starts like a formula (= + - @) is written as text, never as a live formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
HEADER_FONT = Font(name="宋体", bold=True, size=11)
BODY_FONT = Font(name="宋体", size=11)
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "yyyy-mm-dd"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # \t \n \r are kept
_FORMULA_START = re.compile(r"^\s*[=+\-@＝＋－＠]")


@dataclass(frozen=True)
class TableColumn:
    header: str
    width: int = 14
    required: bool = False
    number_format: str | None = None


def setup_sheet(
    sheet: Worksheet, columns: list[TableColumn], *, landscape: bool = True, title_rows: int = 0
) -> None:
    """Widths, frozen header, A4 print setup with the header repeated on every printed page."""
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_row = title_rows + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_options.gridLines = False
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def safe_value(value):
    """A value as a cell may hold it: text without control characters, anything else unchanged."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def keep_as_text(cell) -> None:
    """A text starting like a formula (after blanks too, full-width forms too) stays text in the file.

    openpyxl turns any string starting with "=" into a formula; Excel would evaluate it (formula injection).
    """
    if isinstance(cell.value, str) and _FORMULA_START.match(cell.value):
        cell.data_type = "s"


def text_cell(sheet: Worksheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_value(value))
    keep_as_text(cell)
    return cell


def header_cells(sheet: Worksheet, columns: list[TableColumn]) -> list[WriteOnlyCell]:
    cells = []
    for column in columns:
        cell = text_cell(sheet, column.header)
        cell.font, cell.border = HEADER_FONT, BORDER
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def body_cell(sheet: Worksheet, value, column: TableColumn | None = None) -> WriteOnlyCell:
    cell = text_cell(sheet, value)
    cell.font, cell.border = BODY_FONT, BORDER
    if isinstance(value, datetime | date):
        cell.number_format = DATE_FORMAT if not isinstance(value, datetime) else "yyyy-mm-dd hh:mm"
    elif column is not None and column.number_format:
        cell.number_format = column.number_format
    return cell


def write_table(
    path: Path | str,
    sheet_title: str,
    columns: list[TableColumn],
    rows: Iterable[list],
    *,
    total: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    landscape: bool = True,
) -> int:
    """Stream rows into a new workbook; returns the number of rows written. Cancel leaves no file behind."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    setup_sheet(sheet, columns, landscape=landscape)
    sheet.append(header_cells(sheet, columns))
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append([body_cell(sheet, value, column) for value, column in zip(row, columns, strict=False)])
        if count % 500 == 0:
            if cancelled and cancelled():
                if hasattr(rows, "close"):
                    rows.close()  # a generator holding a cursor or a file must not outlive the cancel
                return -1
            if progress:
                progress(count, total or count)
    if progress:
        progress(count, total or count)
    tmp = path.with_name(path.name + ".part")
    workbook.save(tmp)
    tmp.replace(path)
    return count
