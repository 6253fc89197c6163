"""A byte scan of an .xlsx part before it is parsed: cells, rows, the rectangle a reader would allocate, merges.

Parsing the XML would cost as much as reading the rows, and a bomb must be caught first. The scan streams the
part in chunks and mostly uses `bytes.count` and regexes that start with a literal, which run at memory speed;
a sheet written with namespace prefixes (`<x:c>`) takes the slower general patterns.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

_CHUNK = 1 << 20
_TAIL = 256  # longer than any tag the scan looks for
_PREFIXED = re.compile(rb":(?:c[ >/]|row|mergeCell)")  # a tag written with a namespace prefix

MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_MERGE_PLAIN = re.compile(rb'<mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_NUMBER = re.compile(rb'\sr="([0-9]+)"')  # only rows carry a bare number; cells carry "A1"
_ROW_PLAIN = re.compile(rb'<row [^>]*?\br="([0-9]+)"')
SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
CONTROL_BYTES = bytes(range(0, 9)) + b"\x0b\x0c" + bytes(range(14, 32))  # XML 1.0 forbids them
# A cell's reference by the length of its row digits / column letters, so that the widest are found first.
# Whitespace is folded to spaces first, so these start with a literal and run at memory speed.
_REF_DIGITS = {k: re.compile(rb' r="[A-Z]{1,3}([0-9]{%d})"' % k) for k in range(1, 12)}
_REF_LONGER = {k: re.compile(rb' r="[A-Z]{1,3}([0-9]{%d,})"' % (k + 1)) for k in range(0, 12)}
_REF_LETTERS = {k: re.compile(rb' r="([A-Z]{%d})[0-9]' % k) for k in (3, 2, 1)}
_SPACES = bytes.maketrans(b"\t\n\r", b"   ")
# A whole cell holding a formula (<f>…</f> or a shared formula's <f …/>) whose value is absent or empty.
_UNCOMPUTED = re.compile(
    rb'<(?:\w+:)?c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*<(?:\w+:)?f(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)'
    rb"\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_CELL_START = re.compile(rb"<(?:\w+:)?c r=")
_CARRY_LIMIT = 1 << 16  # a formula cell longer than this is not looked at across a chunk boundary


@dataclass
class SheetScan:
    """What a byte scan of a sheet's XML found, before the sheet is parsed."""

    merges: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # (min_col, min_row, max_col, max_row)
    cells: int = 0
    last_row: int = 0  # the highest row number written in the XML (0 if none is written)
    last_column: int = 0  # the rightmost column a cell names
    ref_digits: int = 0  # the most digits of a row number in a cell's own reference
    ref_rows: int | None = None  # the highest row a cell's reference names, once counted exactly
    controls: bool = False  # a byte XML forbids
    # (row, column) of every cell holding a formula with no computed value (a file written by a program,
    # never opened in Excel): its value reads as blank, which the clerk must not be told is a missing entry
    uncomputed: set[tuple[int, int]] = field(default_factory=set)

    def area_bound(self) -> int:
        """At least the number of cells from A1 to the last cell named (rows × columns)."""
        rows = self.ref_rows if self.ref_rows is not None else 10**self.ref_digits - 1
        return max(self.last_row, rows) * self.last_column


def chunks(archive: zipfile.ZipFile, member: str):
    """(data, cut) pairs: tags never split before `cut`; the rest is carried into the next pair."""
    tail = b""
    with archive.open(member) as source:
        while True:
            chunk = source.read(_CHUNK)
            data = tail + chunk
            # keep a possibly split tag for the next round, but never a long text run (that would be quadratic)
            cut = len(data) if not chunk else max(data.rfind(b"<"), len(data) - _TAIL)
            yield data, cut
            tail = data[cut:]
            if not chunk:
                return


def count_strings(archive: zipfile.ZipFile, member: str) -> tuple[int, bool]:
    """How many shared strings a part holds, and whether it holds a byte XML forbids."""
    found, controls = 0, False
    for data, cut in chunks(archive, member):
        part = data[:cut].translate(_SPACES)
        if b":si" in part:
            found += len(SHARED_STRING.findall(part))
        else:
            found += part.count(b"<si>") + part.count(b"<si ") + part.count(b"<si/>")
        controls = controls or len(data[:cut].translate(None, CONTROL_BYTES)) != cut
    return found, controls


_PROLOG_LIMIT = 1 << 20  # an XML declaration and a few comments take a hundred bytes; this is far past that
_XML_PART = (".xml", ".rels", ".vml")


def is_xml_part(member: str) -> bool:
    return member.lower().endswith(_XML_PART)


def declares_doctype(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether the part's prolog holds a `<!DOCTYPE` (or any `<!` other than a comment) before the root element.

    A DTD is where entities are defined: a billion-laughs bomb or an external entity needs one, and no spreadsheet
    writer puts one in. Only the prolog is read (a DTD can be nowhere else); one longer than `_PROLOG_LIMIT` is
    treated as one.
    """
    with archive.open(member) as source:
        head = source.read(_PROLOG_LIMIT + 1)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:2] in (b"<\x00", b"\x00<"):
        head = head.replace(b"\x00", b"")  # UTF-16: the markup that matters here is ASCII
    head = head.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    pos = 0
    while True:
        while pos < len(head) and head[pos] in b" \t\r\n":
            pos += 1
        if head.startswith(b"<?", pos):
            closing = b"?>"
        elif head.startswith(b"<!--", pos):
            closing = b"-->"
        else:
            # the root element (or text, which the parser refuses); `<!` is a DOCTYPE or something as odd
            return head.startswith(b"<!", pos) or (pos >= _PROLOG_LIMIT)
        end = head.find(closing, pos)
        if end < 0:
            return len(head) > _PROLOG_LIMIT  # a prolog that never ends: a part cut short, or padding
        pos = end + len(closing)


def scan_part(archive: zipfile.ZipFile, member: str, range_boundaries) -> SheetScan:
    scan = SheetScan()
    carry = b""  # the start of a cell the previous chunk cut, for the formula search only
    for data, cut in chunks(archive, member):
        part = data[:cut].translate(_SPACES)
        carry = _find_uncomputed(carry + part, scan)
        plain = not _PREFIXED.search(part)
        merges = (_MERGE_PLAIN if plain else MERGE_REF).findall(part)
        scan.merges.extend(range_boundaries(m.decode()) for m in merges)
        if plain:
            scan.cells += part.count(
                b"<c"
            )  # <col>, <cfRule> and such counted too: a few, and on the safe side
            rows = _ROW_PLAIN.findall(part) if b"<row " in part else []
        else:
            scan.cells += len(_CELL.findall(part))
            rows = _ROW_NUMBER.findall(part)
        if rows:
            scan.last_row = max(scan.last_row, max(int(n) for n in rows))
        scan.controls = scan.controls or len(part.translate(None, CONTROL_BYTES)) != cut
        _widest_refs(part, scan)
    return scan


def _find_uncomputed(text: bytes, scan: SheetScan) -> bytes:
    """Formula cells without a value in `text`; returns the unfinished last cell to look at with the next chunk.

    Most sheets hold no formula: one `in` test each chunk then."""
    if b"f>" in text or b"<f " in text or b":f " in text:
        for letters, row in _UNCOMPUTED.findall(text):
            scan.uncomputed.add((int(row), _column_index(letters.decode())))
    last = text.rfind(b"<c r=") if b":c r=" not in text else _last_cell_start(text)
    # a cell found twice (complete in both) is the same cell: the set keeps it once
    return b"" if last < 0 or len(text) - last > _CARRY_LIMIT else text[last:]


def _last_cell_start(text: bytes) -> int:
    found = -1
    for match in _CELL_START.finditer(text):
        found = match.start()
    return found


def _widest_refs(part: bytes, scan: SheetScan) -> None:
    if scan.ref_digits < 12 and _REF_LONGER[scan.ref_digits].search(part):
        scan.ref_digits = max(len(n) for n in _REF_LONGER[scan.ref_digits].findall(part))
    for pattern in _REF_LETTERS.values():
        found = pattern.findall(part) if pattern.search(part) else []
        if found:
            scan.last_column = max(scan.last_column, _column_index(max(found).decode()))
            break


def exact_ref_rows(archive: zipfile.ZipFile, member: str, digits: int) -> int:
    """The highest row a cell's own reference names (a second pass, only when the bound is too coarse)."""
    best = 0
    for data, cut in chunks(archive, member):
        found = _REF_DIGITS[digits].findall(data[:cut].translate(_SPACES))
        if found:
            best = max(best, max(int(n) for n in found))
    return best


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index
