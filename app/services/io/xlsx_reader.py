"""Reading a clerk's workbook safely and in a stream: checks, header row, merged cells, blank and note rows.

Rows are read with openpyxl's read-only mode, so memory stays flat however long the sheet is. Merged ranges,
which read-only mode does not expose, are read from the sheet's XML; a value merged down a column (a district
typed once for several rows) fills every row of the range.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from app.services.core.errors import DomainError
from app.services.io.sheet_cells import Column

HEADER_SEARCH_ROWS = 10
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOTE_ROW = re.compile(r"^\s*(注|备注|说明|填表说明|填报说明)")


class WorkbookError(DomainError):
    """The file as a whole cannot be read (not a row's fault)."""


@dataclass
class SheetRow:
    number: int  # as Excel shows it
    cells: dict[str, tuple[str, object]]  # column key → (column letter, raw value)


@dataclass
class SheetLayout:
    sheet_title: str
    header_row: int
    columns: dict[int, Column]  # 1-based column index → column
    ignored_headers: list[str] = field(default_factory=list)
    max_row: int | None = None


def check_file(path: Path, max_mb: int) -> None:
    if not path.is_file():
        raise WorkbookError(f"找不到文件：{path}")
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise WorkbookError(f"文件 {size / 1048576:.1f} MB，超过上限 {max_mb} MB")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE_MAGIC):
        if path.suffix.lower() == ".xls":
            raise WorkbookError("这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入")
        raise WorkbookError("文件设置了打开密码（已加密），请取消密码后另存为 .xlsx 再导入")
    if not head.startswith(b"PK"):
        raise WorkbookError(f"“{path.name}”不是 Excel .xlsx 文件")


def open_workbook(path: Path, max_mb: int):
    check_file(path, max_mb)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(f"无法读取“{path.name}”：文件已损坏或不是 .xlsx（{exc}）") from exc


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_CHUNK = 1 << 20


def merged_ranges(workbook, sheet) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, found in the sheet's XML.

    A byte-level scan: parsing the XML a second time would cost as much as reading the rows.
    """
    ranges, tail = [], b""
    with workbook._archive.open(sheet._worksheet_path) as source:  # read-only sheets keep no merge list
        while chunk := source.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")  # keep a possibly split tag for the next round
            ranges += [range_boundaries(m.decode()) for m in _MERGE_REF.findall(data, 0, cut)]
            tail = data[cut:]
    ranges += [range_boundaries(m.decode()) for m in _MERGE_REF.findall(tail)]
    return ranges


def find_layout(
    sheet, merges, match_header: Callable[[object], Column | None], needed: Collection[str], hint: str
) -> SheetLayout:
    """The header row: the row among the first ten that names the most known columns.

    `needed`: at least one of these column keys must be found; `hint` names them for the clerk.
    """
    best_row, best = None, {}
    ignored: list[str] = []
    for number, values in enumerate(sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
        found, unknown = {}, []
        for index, value in enumerate(values, start=1):
            column = match_header(value)
            if column and column not in found.values():
                found[index] = column
            elif value not in (None, "") and not column:
                unknown.append(str(value).strip())
        if len(found) > len(best):
            best_row, best, ignored = number, found, unknown
    keys = {c.key for c in best.values()}
    if best_row is None or len(best) < 2 or not keys & set(needed):
        raise WorkbookError(f"前{HEADER_SEARCH_ROWS}行中找不到表头（应包含{hint}等列名）")
    return SheetLayout(sheet.title, best_row, best, ignored, sheet.max_row)


def iter_rows(sheet, layout: SheetLayout, merges) -> Iterator[SheetRow]:
    """Data rows below the header: blank rows and notes rows skipped, merged cells filled from their anchor."""
    anchors = _merge_anchors(merges, layout.header_row)
    anchor_values: dict[tuple[int, int], object] = {}
    for number, values in enumerate(
        sheet.iter_rows(min_row=layout.header_row + 1, values_only=True), start=layout.header_row + 1
    ):
        cells = {}
        for index, column in layout.columns.items():
            value = normalise_cell(values[index - 1] if index - 1 < len(values) else None)
            anchor = anchors.get((index, number))
            if anchor == (index, number):
                anchor_values[anchor] = value
            elif anchor is not None and value in (None, ""):
                value = anchor_values.get(anchor)
            cells[column.key] = (get_column_letter(index), value)
        texts = {str(v) for _letter, v in cells.values() if v not in (None, "")}
        if not texts or (len(texts) == 1 and _NOTE_ROW.match(next(iter(texts)))):
            continue
        yield SheetRow(number, cells)


def _merge_anchors(merges, header_row: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(col, row) → the top-left cell of its merged range, for ranges below the header."""
    anchors = {}
    for min_col, min_row, max_col, max_row in merges:
        if min_row <= header_row:
            continue
        for col in range(min_col, max_col + 1):
            for row in range(min_row, max_row + 1):
                anchors[(col, row)] = (min_col, min_row)
    return anchors


def normalise_cell(value):
    """Excel's own types to plain ones: integral floats to int, datetimes at midnight to dates."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date | int | float | bool) or value is None:
        return value
    return str(value)
