"""Reading a clerk's workbook safely: checks, header row, merged cells, blank and note rows.

Rows are read with python-calamine, which reads .xlsx, .xls (district offices still send them), .xlsb and .ods
and builds each sheet from the cells actually written: a stale `<dimension>` is ignored. A value merged down a
column (a district typed once for several rows) fills every row of the range.

A hostile file is refused before it is parsed: the zip directory's uncompressed sizes and entry count, any
XML part declaring a DTD (entity bombs), then a byte scan of an .xlsx sheet (cells, row numbers, the rectangle
calamine would allocate, merges, control bytes) and of the shared strings are checked against `Limits`. An
.xls's record stream and an .ods's content part are scanned the same way (app.services.io.legacy_scan) before
calamine opens them; their sheets are checked once more, exactly, right after parsing.
openpyxl is not used here (it is the writer): importing it costs more than reading a small sheet.
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import python_calamine

from app.services.core import settings
from app.services.core.errors import DomainError
from app.services.io import legacy_scan, sheet_scan
from app.services.io.sheet_cells import Column
from app.services.io.sheet_scan import SheetScan

HEADER_SEARCH_ROWS = 10
EXCEL_MAX_ROW = 1_048_576
MB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "文件设置了打开密码（已加密），请取消密码后另存为 .xlsx 再导入"
_NOTE_ROW = re.compile(r"^\s*(注|备注|说明|填表说明|填报说明)")


def get_column_letter(index: int) -> str:
    """1 → "A", 28 → "AB", as Excel names columns."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index_from_string(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index


def range_boundaries(ref: str) -> tuple[int, int, int, int]:
    """The bounds of a range such as B2:D9: (min_col, min_row, max_col, max_row)."""
    first, _, last = ref.partition(":")
    (c1, r1), (c2, r2) = (_split_ref(part) for part in (first, last or first))
    return c1, r1, c2, r2


def _split_ref(ref: str) -> tuple[int, int]:
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return column_index_from_string(ref[: len(ref) - len(digits)]), int(digits)


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
    uncomputed: frozenset[str] = frozenset()  # keys of cells holding a formula with no computed value


@dataclass
class SheetLayout:
    sheet_title: str
    header_row: int
    columns: dict[int, Column]  # 1-based column index → column
    ignored_headers: list[str] = field(default_factory=list)
    max_row: int | None = None


def check_file(path: Path, max_mb: int) -> str:
    """The file's format ("zip" for .xlsx/.xlsb/.ods, "ole" for .xls), after its size check."""
    if not path.is_file():
        raise WorkbookError(f"找不到文件：{path}")
    size = path.stat().st_size
    if size > max_mb * MB:
        raise WorkbookError(f"文件 {size / MB:.1f} MB，超过上限 {max_mb} MB")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if not head.startswith(b"PK"):
        raise WorkbookError(f"“{path.name}”不是 Excel .xlsx 文件（也不是 .xls、.xlsb、.ods）")
    return "zip"


class Workbook:
    """A clerk's workbook opened with python-calamine: sheets are parsed only when their rows are asked for,
    and an .xlsx sheet only after its byte scan passed (`scan_sheet`)."""

    def __init__(self, path: Path, book, limits: Limits, parts: dict[str, str]):
        self.path, self._book, self.limits = path, book, limits
        names = [m.name for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        self.worksheets = [Sheet(self, name, parts.get(name)) for name in names]
        self.sheetnames = names
        self._archive: zipfile.ZipFile | None = None

    def __getitem__(self, name: str) -> Sheet:
        for sheet in self.worksheets:
            if sheet.title == name:
                return sheet
        raise KeyError(name)

    def archive(self) -> zipfile.ZipFile:
        if self._archive is None:
            self._archive = zipfile.ZipFile(self.path)
        return self._archive

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
        self._book.close()


class Sheet:
    def __init__(self, workbook: Workbook, title: str, part: str | None):
        self._workbook, self.title, self.part = workbook, title, part
        self.scan: SheetScan | None = None
        self._merges: list[tuple[int, int, int, int]] = []
        self._values: list[list] | None = None

    def values(self) -> list[list]:
        """Every row from A1 to the last written cell (blank cells as ""), parsed once, after the scan."""
        if self._values is None:
            if self.scan is None:
                scan_sheet(self._workbook, self, self._workbook.limits)
            if self._values is None:
                self._values = self._load()
        return self._values

    def _load(self) -> list[list]:
        try:
            loaded = self._workbook._book.get_sheet_by_name(self.title)
            self._merges = [(c1 + 1, r1 + 1, c2 + 1, r2 + 1) for (r1, c1), (r2, c2) in
                            (loaded.merged_cell_ranges or [])]  # fmt: skip
            return loaded.to_python(skip_empty_area=False)
        except Exception as exc:  # calamine's parsers raise their own errors on a broken sheet
            raise WorkbookError(f"工作表“{self.title}”已损坏，无法读取（{exc}）") from exc


def open_workbook(path: Path, limits: Limits | None = None) -> Workbook:
    """The workbook (.xlsx, .xls, .xlsb or .ods) after its size checks; no sheet is parsed yet.

    The format is told from the content, not the name: an .xls saved with an .xlsx name reads all the same.
    """
    limits = limits or Limits.from_settings()
    kind = check_file(path, limits.max_mb)
    parts: dict[str, str] = {}
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as archive:
                check_archive(archive, path.name, limits)
                parts = _sheet_parts(archive, path.name)
                if not parts and "content.xml" in archive.namelist():
                    _check_bounds(path.name, legacy_scan.scan_ods(archive, limits.max_cells), limits)
        else:
            sheets, strings = legacy_scan.scan_xls(path, limits.max_cells)
            if strings > limits.max_cells:
                raise WorkbookError(f"“{path.name}”含 {strings} 个文本，超过单元格上限 {limits.max_cells}，请分批导入")
            _check_bounds(path.name, sheets, limits)
        with path.open("rb") as fh:
            book = python_calamine.CalamineWorkbook.from_filelike(fh)
    except WorkbookError:
        raise
    except legacy_scan.Encrypted as exc:
        raise WorkbookError(_ENCRYPTED) from exc
    except (legacy_scan.ScanRefused, OSError) as exc:
        if kind == "ole" and path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb"):
            raise WorkbookError(_ENCRYPTED) from exc  # as below: Excel keeps an encrypted .xlsx in an OLE box
        raise WorkbookError(f"无法读取“{path.name}”：文件已损坏或不是 Excel 工作簿（{exc}）") from exc
    except python_calamine.PasswordError as exc:
        raise WorkbookError(_ENCRYPTED) from exc
    except Exception as exc:
        if kind == "ole" and path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb"):
            raise WorkbookError(
                _ENCRYPTED
            ) from exc  # Excel keeps an encrypted .xlsx in an OLE box  # the zip and calamine parsers raise all kinds of errors on a broken file
        raise WorkbookError(f"无法读取“{path.name}”：文件已损坏或不是 Excel 工作簿（{exc}）") from exc
    return Workbook(path, book, limits, parts)


def _check_bounds(name: str, sheets: list[legacy_scan.SheetBound], limits: Limits) -> None:
    """An .xls or .ods refused before calamine parses it: cells in all, and each sheet's rectangle from A1."""
    total = sum(sheet.cells for sheet in sheets)
    if total > limits.max_cells:
        raise WorkbookError(f"“{name}”的单元格超过 {limits.max_cells} 个（上限），请分批导入")
    for sheet in sheets:
        _check_scan(sheet.title, SheetScan([], sheet.cells, sheet.last_row, sheet.last_column), limits)


def _sheet_parts(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Sheet name → its XML part, for an .xlsx (an .xlsb or .ods has no sheet XML to scan: {})."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names or "content.xml" in names:
            return {}
        raise WorkbookError(f"“{name}”不是 Excel .xlsx 文件（压缩包中没有工作簿）")
    rels_name = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels_name in names:
        for rel in ElementTree.fromstring(archive.read(rels_name)):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    parts = {}
    for element in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter():
        if element.tag.endswith("}sheet") or element.tag == "sheet":
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                parts[element.get("name")] = targets[rid]
    return parts


def first_sheet(workbook: Workbook) -> Sheet:
    if not workbook.worksheets:
        raise WorkbookError("工作簿中没有工作表")
    return workbook.worksheets[0]


def check_archive(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse a zip bomb from its directory (entry count, total uncompressed size, shared-string count) and an
    XML part that declares a DTD (entity bombs, external entities), before any XML is parsed.

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
        if sheet_scan.is_xml_part(info.filename) and sheet_scan.declares_doctype(archive, info.filename):
            raise WorkbookError(
                f"“{name}”的部件 {info.filename} 含文档类型声明（DTD，可定义实体），正常的表格文件不含此内容；"
                "可能是恶意构造的文件，已拒绝读取"
            )
        if info.filename.lower().endswith("sharedstrings.xml"):
            strings, controls = sheet_scan.count_strings(archive, info.filename)
            if controls:
                raise WorkbookError(f"“{name}”的文本中含 XML 不允许的控制字符，文件已损坏")
            if strings > limits.max_cells:
                raise WorkbookError(
                    f"“{name}”含 {strings} 个文本，超过单元格上限 {limits.max_cells}，请分批导入"
                )


def scan_sheet(workbook: Workbook, sheet: Sheet, limits: Limits) -> SheetScan:
    """Merged ranges, cell count and last row of a sheet, refused if over the limits.

    An .xlsx sheet is scanned as bytes before calamine parses it (calamine would allocate the whole rectangle
    from A1 to the last cell); other formats are checked right after parsing.
    """
    if sheet.scan is None:
        sheet.scan = _scan_xlsx(workbook, sheet) if sheet.part else _scan_parsed(sheet)
        _check_scan(sheet.title, sheet.scan, limits)
    return sheet.scan


def _scan_xlsx(workbook: Workbook, sheet: Sheet) -> SheetScan:
    try:
        scan = sheet_scan.scan_part(workbook.archive(), sheet.part, range_boundaries)
        if scan.area_bound() > workbook.limits.max_cells and scan.ref_digits:
            scan.ref_rows = sheet_scan.exact_ref_rows(workbook.archive(), sheet.part, scan.ref_digits)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as exc:
        raise WorkbookError(f"工作表“{sheet.title}”已损坏，无法读取（{exc}）") from exc
    if scan.controls:
        raise WorkbookError(f"工作表“{sheet.title}”中含 XML 不允许的控制字符，文件已损坏")
    return scan


def _scan_parsed(sheet: Sheet) -> SheetScan:
    values = sheet._values = sheet._load()
    width = max((len(row) for row in values), default=0)
    cells = sum(1 for row in values for v in row if v != "")
    return SheetScan(sheet._merges, cells, len(values), width)  # parsed already: the rectangle is exact


def _check_scan(title: str, scan: SheetScan, limits: Limits) -> None:
    if scan.cells > limits.max_cells:
        raise WorkbookError(
            f"工作表“{title}”有 {scan.cells} 个单元格，超过上限 {limits.max_cells}，请分批导入"
        )
    if scan.last_row > EXCEL_MAX_ROW:
        raise WorkbookError(f"工作表“{title}”的行号 {scan.last_row} 超出 Excel 的范围，文件已损坏")
    if len(scan.merges) > limits.max_merges:
        raise WorkbookError(
            f"工作表“{title}”有 {len(scan.merges)} 处合并单元格，超过上限 {limits.max_merges}"
        )
    area = scan.area_bound()
    if scan.ref_rows is not None and scan.ref_rows > EXCEL_MAX_ROW:
        raise WorkbookError(f"工作表“{title}”的行号 {scan.ref_rows} 超出 Excel 的范围，文件已损坏")
    if area > limits.max_cells:
        last = f"{get_column_letter(scan.last_column)}{max(scan.last_row, scan.ref_rows or 0)}"
        raise WorkbookError(
            f"工作表“{title}”的内容铺满 A1:{last}，共 {area} 格，超过单元格上限 {limits.max_cells}；"
            "请删除多余的行列后再导入"
        )


def sheet_rows(sheet: Sheet, min_row: int = 1, max_row: int | None = None, max_col: int | None = None
               ) -> Iterator[tuple]:  # fmt: skip
    """The sheet's row values from `min_row` (1-based, inclusive) to `max_row`, blank cells as None."""
    for row in sheet.values()[min_row - 1 : max_row]:
        yield tuple(None if v == "" else v for v in row[:max_col])


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
    # per column read: (0-based index, key, letter, whether a merged range below the header covers it)
    plan = [(i - 1, c.key, get_column_letter(i), fill.covers(i)) for i, c in layout.columns.items()]
    first = layout.header_row + 1
    uncomputed_cells = scan.uncomputed
    for number, values in enumerate(sheet.values()[layout.header_row :], start=first):
        cells = {}
        uncomputed = []
        width = len(values)
        for index, key, letter, merged in plan:
            value = values[index] if index < width else None
            value = None if value == "" else normalise_cell(value)
            if value is None and uncomputed_cells and (number, index + 1) in uncomputed_cells:
                uncomputed.append(key)
            if merged:
                anchor = fill.anchor(index + 1, number)
                if anchor == (index + 1, number):
                    anchor_values[anchor] = value
                elif anchor is not None and value in (None, ""):
                    value = anchor_values.get(anchor)
            cells[key] = (letter, value)
        texts = {str(v) for _letter, v in cells.values() if v not in (None, "")}
        if not uncomputed and (not texts or (len(texts) == 1 and _NOTE_ROW.match(next(iter(texts))))):
            continue
        yield SheetRow(number, cells, frozenset(uncomputed))


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

    def covers(self, col: int) -> bool:
        return col in self._starts

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
