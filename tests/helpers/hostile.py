"""Hostile workbooks: stale dimensions, zip bombs and odd parts, made by editing a real xlsx's zip directly."""

import re
import zipfile
from pathlib import Path

SHEET = "xl/worksheets/sheet1.xml"


def rewrite_part(path: Path, member: str, edit) -> None:
    """Replace one part of the xlsx at `path` by `edit(old_bytes)`, keeping every other part as it was."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info.filename, edit(data) if info.filename == member else data)


def set_dimension(path: Path, ref: str) -> None:
    """Write a stale `<dimension>` into the first sheet, as tools other than Excel do."""
    rewrite_part(
        path,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml),
    )


def dimension_of(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return re.search(rb'<dimension ref="([^"]*)"', archive.read(SHEET)).group(1).decode()


def cells_bomb(rows: int, columns: int = 10, text: str = "炸弹") -> bytes:
    """A sheet XML of `rows` × `columns` identical inline-string cells: megabytes that deflate to kilobytes.

    Rows and cells carry no reference (the format allows that), so every row is the same bytes.
    """
    row = ("<row>" + f'<c t="inlineStr"><is><t>{text}</t></is></c>' * columns + "</row>").encode()
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + row * rows
        + b"</sheetData></worksheet>"
    )


def uncompressed_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10)
    )
    + b"]>"
)
EXTERNAL_ENTITY = b'<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def with_doctype(xml: bytes, doctype: bytes = BILLION_LAUGHS, use: bytes = b"&lol9;") -> bytes:
    """`xml` with a DTD after its declaration, and the first text run replaced by an entity reference."""
    declaration, rest = (xml.split(b"?>", 1)[0] + b"?>", xml.split(b"?>", 1)[1]) if xml.startswith(b"<?") else (b"", xml)
    rest = re.sub(rb"<t>[^<]*</t>|<t xml:space=\"preserve\">[^<]*</t>", b"<t>" + use + b"</t>", rest, count=1)
    return declaration + doctype + rest


def put_part(path: Path, member: str, data: bytes) -> None:
    """Add (or replace) one part of the xlsx at `path`."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist() if info.filename != member]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data_ in [*parts, (member, data)]:
            target.writestr(name, data_)


SHARED_STRINGS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>'
)


def ods_workbook(path: Path, body: bytes, content_prefix: bytes = b"") -> None:
    """A minimal .ods (as calamine reads it) whose first table holds `body` (table-row elements)."""
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>' + content_prefix + b"<office:document-content "
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        b'<office:body><office:spreadsheet><table:table table:name="\xe8\xa1\xa81">' + body
        + b"</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


def ods_cell(text: str, repeat: int = 1) -> bytes:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string">'
        f"<text:p>{text}</text:p></table:table-cell>"
    ).encode()


def ods_row(cells: bytes, repeat: int = 1) -> bytes:
    return f'<table:table-row table:number-rows-repeated="{repeat}">'.encode() + cells + b"</table:table-row>"


def xls_with_cells(path: Path, cells: dict[tuple[int, int], str]) -> None:
    """A legacy .xls with text at the given (row, column) positions, 0-based (xlwt, as old Excel wrote)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("推荐名单")
    for (row, column), text in cells.items():
        sheet.write(row, column, text)
    book.save(str(path))
