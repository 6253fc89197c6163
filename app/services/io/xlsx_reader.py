"""Reading a clerk's workbook safely and in a stream: checks, header row, merged cells, blank and note rows.

Rows are read with openpyxl's read-only mode, so memory stays flat however long the sheet is. The sheet's
`<dimension>` is ignored: other tools write stale ones, and read-only mode would silently stop at them. Merged
ranges, which read-only mode does not expose, are read from the sheet's XML; a value merged down a column (a
district typed once for several rows) fills every row of the range.

A hostile file is refused before it is parsed: the zip directory's uncompressed sizes and entry count, then
a byte scan of the sheet (cells, row numbers, merges) and of the shared strings are checked against `Limits`.
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from app.services.core import settings
from app.services.core.errors import DomainError
from app.services.io.sheet_cells import Column

HEADER_SEARCH_ROWS = 10
EXCEL_MAX_ROW = 1_048_576
MB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOTE_ROW = re.compile(r"^\s*(注|备注|说明|填表说明|填报说明)")


class WorkbookError(DomainError):
    """The file as a whole cannot be read (not a row's fault)."""


@dataclass(frozen=True)
class Limits:
    """How big a workbook may be, checked before anything is parsed (settings `import.*`)."""

    max_mb: int = 50
    max_uncompressed_mb: int = 250
    max_cells: int = 5_000_000
    max_entries: int = 1_000  # parts in the zip; Excel writes about ten
    max_merges: int = 200_000

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            settings.get("import.max_mb"),
            settings.get("import.max_uncompressed_mb"),
            settings.get("import.max_cells"),
        )


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


@dataclass
class SheetScan:
    """What a byte scan of a sheet's XML found, before the sheet is parsed."""

    merges: list[tuple[int, int, int, int]]  # (min_col, min_row, max_col, max_row)
    cells: int
    last_row: int  # the highest row number written in the XML (0 if none is written)


def check_file(path: Path, max_mb: int) -> None:
    if not path.is_file():
        raise WorkbookError(f"找不到文件：{path}")
    size = path.stat().st_size
    if size > max_mb * MB:
        raise WorkbookError(f"文件 {size / MB:.1f} MB，超过上限 {max_mb} MB")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE_MAGIC):
        if path.suffix.lower() == ".xls":
            raise WorkbookError("这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入")
        raise WorkbookError("文件设置了打开密码（已加密），请取消密码后另存为 .xlsx 再导入")
    if not head.startswith(b"PK"):
        raise WorkbookError(f"“{path.name}”不是 Excel .xlsx 文件")


def open_workbook(path: Path, limits: Limits | None = None):
    """The workbook in read-only mode, after its size checks; every sheet's stale `<dimension>` is dropped."""
    limits = limits or Limits.from_settings()
    check_file(path, limits.max_mb)
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path.name, limits)
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except WorkbookError:
        raise
    except (
        Exception
    ) as exc:  # openpyxl's parsers raise all kinds of errors on a broken file; no code of ours runs
        raise WorkbookError(f"无法读取“{path.name}”：文件已损坏或不是 .xlsx（{exc}）") from exc
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()  # rows are read to the sheet's real end, whatever `<dimension>` claims
    return workbook


def first_sheet(workbook):
    if not workbook.worksheets:
        raise WorkbookError("工作簿中没有工作表")
    return workbook.worksheets[0]


def check_archive(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse a zip bomb from its directory: entry count, total uncompressed size, shared-string count.

    Python's zipfile never inflates an entry past its declared size (the CRC check fails instead), so the
    declared sizes are a real bound.
    """
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise WorkbookError(
            f"“{name}”内含 {len(infos)} 个部件，超过上限 {limits.max_entries}，不是正常的 Excel 文件"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_mb * MB:
        raise WorkbookError(
            f"“{name}”解压后共 {total / MB:.1f} MB，超过上限 {limits.max_uncompressed_mb} MB"
            "（表格过大或文件异常），请分批导入"
        )
    for info in infos:
        if info.filename.lower().endswith("sharedstrings.xml"):
            strings = _scan(archive, info.filename, {"strings": _SHARED_STRING})["strings"]
            if strings > limits.max_cells:
                raise WorkbookError(
                    f"“{name}”含 {strings} 个文本，超过单元格上限 {limits.max_cells}，请分批导入"
                )


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_NUMBER = re.compile(rb'\sr="([0-9]+)"')  # only rows carry a bare number; cells carry "A1"
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_CHUNK = 1 << 20
_TAIL = 256  # longer than any tag the scan looks for


def _scan(archive: zipfile.ZipFile, member: str, patterns: dict[str, re.Pattern], on_chunk=None) -> dict:
    """Count each pattern's matches in a part of the zip, streamed in chunks; `on_chunk` sees the matches too.

    A byte-level scan: parsing the XML would cost as much as reading the rows, and a bomb must be caught first.
    """
    counts = dict.fromkeys(patterns, 0)
    tail = b""
    with archive.open(member) as source:
        while True:
            chunk = source.read(_CHUNK)
            data = tail + chunk
            # keep a possibly split tag for the next round, but never a long text run (that would be quadratic)
            cut = len(data) if not chunk else max(data.rfind(b"<"), len(data) - _TAIL)
            for key, pattern in patterns.items():
                found = pattern.findall(data, 0, cut)
                counts[key] += len(found)
                if on_chunk:
                    on_chunk(key, found)
            tail = data[cut:]
            if not chunk:
                return counts


def scan_sheet(workbook, sheet, limits: Limits) -> SheetScan:
    """Merged ranges, cell count and last row of a sheet, refused if over the limits, before any parsing."""
    merges: list[tuple[int, int, int, int]] = []
    last_row = 0

    def collect(key: str, found: list[bytes]) -> None:
        nonlocal last_row
        if key == "merges":
            merges.extend(range_boundaries(m.decode()) for m in found)
        elif key == "rows" and found:
            last_row = max(last_row, max(int(n) for n in found))

    patterns = {"merges": _MERGE_REF, "cells": _CELL, "rows": _ROW_NUMBER}
    try:
        counts = _scan(
            workbook._archive, sheet._worksheet_path, patterns, collect
        )  # read-only sheets keep no merges
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise WorkbookError(f"工作表“{sheet.title}”已损坏，无法读取（{exc}）") from exc
    if counts["cells"] > limits.max_cells:
        raise WorkbookError(
            f"工作表“{sheet.title}”有 {counts['cells']} 个单元格，超过上限 {limits.max_cells}，请分批导入"
        )
    if last_row > EXCEL_MAX_ROW:
        raise WorkbookError(f"工作表“{sheet.title}”的行号 {last_row} 超出 Excel 的范围，文件已损坏")
    if len(merges) > limits.max_merges:
        raise WorkbookError(
            f"工作表“{sheet.title}”有 {len(merges)} 处合并单元格，超过上限 {limits.max_merges}"
        )
    return SheetScan(merges, counts["cells"], last_row)


def sheet_rows(sheet, **bounds) -> Iterator[tuple]:
    """The sheet's row values, with a parse failure inside a broken sheet turned into a WorkbookError."""
    rows = sheet.iter_rows(values_only=True, **bounds)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # raised by openpyxl's parser or zipfile on a broken sheet, not by our code
            raise WorkbookError(f"工作表“{sheet.title}”已损坏，无法读取（{exc}）") from exc
        yield values


def find_layout(
    sheet,
    scan: SheetScan,
    match_header: Callable[[object], Column | None],
    needed: Collection[str],
    hint: str,
) -> SheetLayout:
    """The header row: the row among the first ten that names the most known columns.

    `needed`: at least one of these column keys must be found; `hint` names them for the clerk.
    """
    best_row, best = None, {}
    ignored: list[str] = []
    for number, values in enumerate(sheet_rows(sheet, max_row=HEADER_SEARCH_ROWS), start=1):
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
    return SheetLayout(sheet.title, best_row, best, ignored, scan.last_row or None)


def iter_rows(sheet, layout: SheetLayout, scan: SheetScan) -> Iterator[SheetRow]:
    """Data rows below the header: blank rows and notes rows skipped, merged cells filled from their anchor."""
    fill = MergeFill(scan.merges, layout.columns, layout.header_row)
    anchor_values: dict[tuple[int, int], object] = {}
    last_column = max(layout.columns)  # columns further right are never read, however wide a row claims to be
    for number, values in enumerate(
        sheet_rows(sheet, min_row=layout.header_row + 1, max_col=last_column), start=layout.header_row + 1
    ):
        cells = {}
        for index, column in layout.columns.items():
            value = normalise_cell(values[index - 1] if index - 1 < len(values) else None)
            anchor = fill.anchor(index, number)
            if anchor == (index, number):
                anchor_values[anchor] = value
            elif anchor is not None and value in (None, ""):
                value = anchor_values.get(anchor)
            cells[column.key] = (get_column_letter(index), value)
        texts = {str(v) for _letter, v in cells.values() if v not in (None, "")}
        if not texts or (len(texts) == 1 and _NOTE_ROW.match(next(iter(texts)))):
            continue
        yield SheetRow(number, cells)


class MergeFill:
    """The anchor (top-left cell) of the merged range covering a cell, for ranges below the header.

    Ranges are kept per column read and found by bisection, never expanded cell by cell: a hostile range such
    as A2:XFD1048576 costs one entry per column, not seventeen billion.
    """

    def __init__(self, merges, columns: Collection[int], header_row: int):
        ranges: dict[int, list[tuple[int, int, int]]] = {}
        for min_col, min_row, max_col, max_row in sorted(merges, key=lambda m: m[1]):
            if min_row <= header_row:
                continue
            for col in columns:
                if min_col <= col <= max_col:
                    ranges.setdefault(col, []).append((min_row, max_row, min_col))
        self._ranges = ranges
        self._starts = {col: [r[0] for r in found] for col, found in ranges.items()}

    def anchor(self, col: int, row: int) -> tuple[int, int] | None:
        starts = self._starts.get(col)
        if not starts:
            return None
        i = bisect_right(starts, row) - 1
        if i < 0:
            return None
        min_row, max_row, min_col = self._ranges[col][i]
        return (min_col, min_row) if row <= max_row else None


def normalise_cell(value):
    """Excel's own types to plain ones: integral floats to int, datetimes at midnight to dates."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date | int | float | bool) or value is None:
        return value
    return str(value)
