"""Writing styled xlsx tables: bold shaded header, frozen header row, widths, dates as dates, A4 print setup.

Used for every table export and for the import template, so they all look alike. Rows are streamed
(openpyxl write-only mode), so a 100,000-row export holds one row in memory at a time. `write_table` gives
each column its body style once (`ColumnStyles`) and every cell of the column shares it, instead of building
font, border and format objects per cell, which cost four times the writing itself.

Every text cell is safe to open: control characters (legacy data may hold them; XML cannot) are dropped, and
a text that starts like a formula (= + - @) is written as text, never as a live formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.services.io.sheet_cells import TableColumn

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
HEADER_FONT = Font(name="宋体", bold=True, size=11)
BODY_FONT = Font(name="宋体", size=11)
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "yyyy-mm-dd"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # \t \n \r are kept
_FORMULA_START = re.compile(r"^\s*[=+\-@＝＋－＠]")


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


class ColumnStyles:
    """Each column's body style registered once in the workbook: plain, as a date, as a date and time."""

    def __init__(self, sheet: Worksheet, columns: list[TableColumn]):
        def style(number_format: str | None):
            cell = body_cell(sheet, None)
            if number_format:
                cell.number_format = number_format
            return cell._style  # the workbook-wide style array every cell of the column points to

        self.date, self.datetime = style(DATE_FORMAT), style("yyyy-mm-dd hh:mm")
        self.plain = [style(c.number_format) for c in columns]

    def of(self, index: int, value):
        if isinstance(value, datetime):
            return self.datetime
        if isinstance(value, date):
            return self.date
        return self.plain[index]


def _shared_style_rows(sheet: Worksheet, columns: list[TableColumn]) -> bool:
    """Make `sheet.append` take plain values and give each cell its column's shared style.

    Replaces the write-only sheet's own conversion of values to cells (an openpyxl internal, checked to exist;
    without it `write_table` falls back to styled cells one by one). One cell object is reused for a row, as
    openpyxl itself does: the writer serialises each cell before the next is filled.
    """
    if not callable(getattr(sheet, "_values_to_row", None)):
        return False
    styles = ColumnStyles(sheet, columns)
    width = len(columns)

    def values_to_row(values, row_index):
        cell = WriteOnlyCell(sheet)
        for index, value in enumerate(values[:width]):
            cell._style = styles.of(index, value)
            cell.value = safe_value(value)
            if cell.data_type == "f":
                cell.data_type = "s"  # never a live formula (see keep_as_text)
            cell.column, cell.row = index + 1, row_index
            yield cell

    sheet._values_to_row = values_to_row
    return True


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
    shared = _shared_style_rows(sheet, columns)
    count = 0
    for count, row in enumerate(rows, start=1):
        if shared:
            sheet.append(row if isinstance(row, list | tuple) else list(row))
        else:
            sheet.append([body_cell(sheet, v, column) for v, column in zip(row, columns, strict=False)])
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
