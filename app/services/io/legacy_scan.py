"""A scan of an .xls record stream and of an .ods content part before calamine parses them.

Both formats let a file of a few kilobytes name a huge sheet: an .xls cell at IV65536 (calamine then builds a
rectangle of 16 million cells from A1: 1.2 GB), an .ods cell repeated down and across with
`number-rows-repeated` / `number-columns-repeated`. The scans read the cells actually written, stop as soon
as the count passes the limit, and give per sheet what `xlsx_reader` checks for an .xlsx: cells, last row,
last column.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass

import olefile

_CELL_RECORDS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6}  # row, col first
_MULTI_RECORDS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first col, …, last col
_BOF, _BOUNDSHEET, _SST, _FILEPASS = 0x0809, 0x0085, 0x00FC, 0x002F
_WORKSHEET = 0x0010


class ScanRefused(ValueError):
    """The stream is not what it claims (a record cut short, a tag that never ends)."""


class Encrypted(ScanRefused):
    """A password-protected file: an .xls with a FILEPASS record, or an .xlsx in its encrypted OLE box."""


@dataclass
class SheetBound:
    title: str
    cells: int = 0
    last_row: int = 0  # 1-based; 0: nothing written
    last_column: int = 0


def scan_xls(path, max_cells: int) -> tuple[list[SheetBound], int]:
    """Each worksheet's written cells and far corner, and the shared-string count the file declares.

    Stops after `max_cells` cells in all: the caller refuses the file then, whatever the rest holds.
    """
    with olefile.OleFileIO(str(path)) as ole:
        name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if name is None:
            raise Encrypted() if ole.exists("EncryptedPackage") else ScanRefused("no workbook stream")
        data = ole.openstream(name).read()
    titles: list[str] = []
    sheets: list[SheetBound] = []
    current: SheetBound | None = None
    strings, total, pos, end = 0, 0, 0, len(data)
    while pos + 4 <= end:
        kind, size = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if kind == _FILEPASS:
            raise Encrypted()  # the records' contents are ciphered: nothing below can be counted
        if kind == _BOF:
            sheet_type = struct.unpack_from("<H", body, 2)[0] if len(body) >= 4 else 0
            current = None
            if sheet_type == _WORKSHEET:
                current = SheetBound(titles[len(sheets)] if len(sheets) < len(titles) else f"第{len(sheets) + 1}个")
                sheets.append(current)
        elif kind == _BOUNDSHEET:
            titles.append(_sheet_name(body))
        elif kind == _SST and len(body) >= 8:
            strings = struct.unpack_from("<I", body, 4)[0]
        elif current is not None and len(body) >= 6 and (kind in _CELL_RECORDS or kind in _MULTI_RECORDS):
            row, first = struct.unpack_from("<HH", body, 0)
            last = struct.unpack_from("<H", body, len(body) - 2)[0] if kind in _MULTI_RECORDS else first
            count = max(last - first + 1, 1)
            current.cells += count
            current.last_row = max(current.last_row, row + 1)
            current.last_column = max(current.last_column, max(first, last) + 1)
            total += count
            if total > max_cells:
                break
    return sheets, strings


def _sheet_name(body: bytes) -> str:
    """A BOUNDSHEET record's name: BIFF8 (a flag byte, then Latin-1 or UTF-16) or BIFF5 (8-bit text)."""
    if len(body) < 7:
        return ""
    length = body[6]
    if len(body) >= 8 + length and body[7] in (0, 1):
        raw = body[8 : 8 + length * (2 if body[7] else 1)]
        return raw.decode("utf-16-le" if body[7] else "latin-1", errors="replace")
    return body[7 : 7 + length].decode("gbk", errors="replace")


# --- .ods ------------------------------------------------------------------------------------------------
_CHUNK = 1 << 20
_LONGEST_TAG = 1 << 20
_TAG = re.compile(
    rb"<(/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table)"
    rb"((?:\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*?)?)(/?)>"
)
_TAG_END = re.compile(rb"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_ROWS_REPEATED = re.compile(rb"number-rows-repeated\s*=\s*[\"']\s*([0-9]+)")
_COLUMNS_REPEATED = re.compile(rb"number-columns-repeated\s*=\s*[\"']\s*([0-9]+)")
_NAME = re.compile(rb"(?:^|\s)(?:[\w.-]+:)?name\s*=\s*\"([^\"]*)\"")


def _tag_chunks(archive: zipfile.ZipFile, member: str):
    """The part in pieces that never split a tag (a tag holds no `<`, so the last `<` is the only open one)."""
    tail = b""
    with archive.open(member) as source:
        while True:
            chunk = source.read(_CHUNK)
            data = tail + chunk
            if not chunk:
                yield data
                return
            cut = data.rfind(b"<")
            if cut < 0 or _TAG_END.match(data, cut):
                cut = len(data)  # the last tag is complete: what follows it is text
            elif len(data) - cut > _LONGEST_TAG:
                raise ScanRefused("a tag longer than a megabyte")
            yield data[:cut]
            tail = data[cut:]


class _OdsCounter:
    def __init__(self, max_cells: int):
        self.max_cells, self.total = max_cells, 0
        self.sheets: list[SheetBound] = []
        self.sheet: SheetBound | None = None
        self.rows = 0  # rows of the current sheet so far, repeats counted
        self.row_repeat, self.column, self.row_width = 1, 0, 0

    def feed(self, piece: bytes) -> bool:
        """Count the tags in `piece`; False once the total passed the limit."""
        for closing, name, attributes, empty in _TAG.findall(piece):
            if name == b"table":
                if not closing:
                    title = _NAME.search(attributes)
                    self.sheet = SheetBound(title.group(1).decode("utf-8", "replace") if title else "")
                    self.sheets.append(self.sheet)
                    self.rows = 0
            elif self.sheet is None:
                continue
            elif name == b"table-row":
                if closing:
                    self._end_row()
                else:
                    found = _ROWS_REPEATED.search(attributes)
                    self.row_repeat, self.column, self.row_width = int(found.group(1)) if found else 1, 0, 0
                    if empty:
                        self._end_row()
            elif not closing:  # a cell: empty when it closes itself and carries no value
                found = _COLUMNS_REPEATED.search(attributes)
                repeat = int(found.group(1)) if found else 1
                self.column += repeat
                if not empty or b"value-type" in attributes:
                    self.row_width = self.column
                    self.sheet.cells += repeat * self.row_repeat
                    self.total += repeat * self.row_repeat
                    if self.total > self.max_cells:
                        return False
        return True

    def _end_row(self) -> None:
        self.rows += self.row_repeat
        if self.row_width:  # trailing blank rows (LibreOffice writes a million of them) add nothing
            self.sheet.last_row = self.rows
            self.sheet.last_column = max(self.sheet.last_column, self.row_width)
        self.row_repeat, self.column, self.row_width = 1, 0, 0


def scan_ods(archive: zipfile.ZipFile, max_cells: int) -> list[SheetBound]:
    """Each sheet's cells (repeats multiplied out) and far corner, from content.xml; stops past `max_cells`."""
    counter = _OdsCounter(max_cells)
    for piece in _tag_chunks(archive, "content.xml"):
        if not counter.feed(piece):
            break
    return counter.sheets
