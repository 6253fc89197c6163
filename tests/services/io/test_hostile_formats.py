"""Issue 11, hostile files: XML entity bombs are refused before any XML is parsed, and .xls / .ods workbooks are
checked for their cells and rectangle before calamine parses them (as an .xlsx already was)."""

import struct
import time
import zipfile

import olefile
import pytest

from app.services.enterprises import import_xlsx as enterprise_import
from app.services.io import legacy_scan
from app.services.io import xlsx_reader as reader
from tests.helpers.hostile import (
    EXTERNAL_ENTITY,
    SHARED_STRINGS,
    SHEET,
    ods_cell,
    ods_row,
    ods_workbook,
    put_part,
    rewrite_part,
    with_doctype,
    xls_with_cells,
)
from tests.helpers.messy import good_rows, messy_workbook

SMALL = reader.Limits(max_cells=10_000)


@pytest.fixture
def parsed(monkeypatch) -> list:
    """The files calamine was asked to open: a refusal before parsing leaves it empty."""
    opened = []
    real = reader.python_calamine.CalamineWorkbook.from_filelike

    def noting(handle):
        opened.append(handle.name)
        return real(handle)

    monkeypatch.setattr(reader.python_calamine.CalamineWorkbook, "from_filelike", staticmethod(noting))
    return opened


def _workbook(tmp_path, name="in.xlsx"):
    path = tmp_path / name
    messy_workbook(path, good_rows(2), title=False, note=False)
    return path


def _inline_entity(xml: bytes) -> bytes:
    cell = b'<c r="L2" t="inlineStr"><is><t>&lol9;</t></is></c>'
    return with_doctype(xml).replace(b"</row>", cell + b"</row>", 1)


@pytest.mark.parametrize(
    "part, edit",
    [
        (SHEET, _inline_entity),
        ("xl/sharedStrings.xml", with_doctype),
        ("xl/workbook.xml", with_doctype),
        ("xl/_rels/workbook.xml.rels", with_doctype),
        ("[Content_Types].xml", with_doctype),
        (SHEET, lambda xml: with_doctype(xml, EXTERNAL_ENTITY, b"&secret;")),
        ("xl/sharedStrings.xml", lambda xml: with_doctype(xml, EXTERNAL_ENTITY, b"&secret;")),
    ],
)
def test_an_xml_part_declaring_entities_is_refused_before_it_is_parsed(tmp_path, parsed, part, edit):
    path = _workbook(tmp_path)
    if part == "xl/sharedStrings.xml":  # openpyxl writes inline strings; Excel writes this part
        put_part(path, part, SHARED_STRINGS)
    rewrite_part(path, part, edit)
    start = time.perf_counter()
    with pytest.raises(reader.WorkbookError, match=f"部件 {part.replace('[', '.').replace(']', '.')} 含文档类型声明"):
        reader.open_workbook(path, reader.Limits())
    assert parsed == [] and time.perf_counter() - start < 2


def test_a_dtd_hidden_behind_a_comment_a_byte_order_mark_or_utf_16_is_found(tmp_path, parsed):
    utf16 = b'<?xml version="1.0" encoding="UTF-16"?>'
    for n, encode in enumerate([
        lambda xml: b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- Excel -->\n<?mso x?>' + with_doctype(xml),
        lambda xml: (utf16 + with_doctype(xml)).decode().encode("utf-16"),  # with a byte order mark
        lambda xml: (utf16 + with_doctype(xml)).decode().encode("utf-16-be"),
    ]):  # fmt: skip
        path = _workbook(tmp_path, f"in{n}.xlsx")
        rewrite_part(path, "xl/workbook.xml", encode)
        with pytest.raises(reader.WorkbookError, match="文档类型声明"):
            reader.open_workbook(path, reader.Limits())
    assert parsed == []


def test_comments_and_processing_instructions_before_the_root_are_still_read(empty_db, tmp_path):
    _, admin = empty_db
    path = _workbook(tmp_path)
    rewrite_part(path, SHEET, lambda xml: xml.replace(b"?>", b"?>\n<!-- written by a tool -->\n<?x y?>", 1))
    rewrite_part(path, "xl/workbook.xml", lambda xml: b"\xef\xbb\xbf" + xml)
    assert enterprise_import.plan_import(admin, path).summary()["created"] == 2


def test_an_ods_content_part_declaring_entities_is_refused(tmp_path, parsed):
    path = tmp_path / "in.ods"
    ods_workbook(path, ods_row(ods_cell("&lol9;")), content_prefix=with_doctype(b""))
    with pytest.raises(reader.WorkbookError, match="content.xml 含文档类型声明"):
        reader.open_workbook(path, reader.Limits())
    assert parsed == []


# --- .xls: the record stream is scanned before calamine parses it -------------------------------------------


def test_an_xls_with_a_cell_at_its_far_corner_is_refused_before_parsing(tmp_path, parsed):
    """Two cells, 5 KB: calamine would build the 65,536 × 256 rectangle from A1 (1.2 GB, 10 s here)."""
    path = tmp_path / "far.xls"
    xls_with_cells(path, {(0, 0): "序号", (65535, 255): "远"})
    start = time.perf_counter()
    with pytest.raises(reader.WorkbookError, match=r"推荐名单.*A1:IV65536.*请删除多余的行列"):
        reader.open_workbook(path, reader.Limits())
    assert parsed == [] and time.perf_counter() - start < 2


def test_an_xls_with_more_cells_than_the_limit_is_refused_and_the_scan_stops_early(tmp_path, parsed):
    path = tmp_path / "many.xls"
    xls_with_cells(path, {(r, c): "x" for r in range(1_500) for c in range(10)})
    sheets, _strings = legacy_scan.scan_xls(path, max_cells=1_000)
    assert sum(s.cells for s in sheets) == 1_001  # counted to one past the limit, no further
    with pytest.raises(reader.WorkbookError, match="超过 1000 个"):
        reader.open_workbook(path, reader.Limits(max_cells=1_000))
    assert parsed == []
    assert reader.open_workbook(path, reader.Limits()).sheetnames == ["推荐名单"]  # within the real limits


def test_an_xls_within_the_limits_reads_as_before(empty_db, tmp_path):
    _, admin = empty_db
    messy_workbook(tmp_path / "in.xls", good_rows(4))
    sheets, strings = legacy_scan.scan_xls(tmp_path / "in.xls", SMALL.max_cells)
    assert [s.title for s in sheets] == ["达拉特旗推荐"] and sheets[0].last_column == 11 and strings > 0
    assert enterprise_import.plan_import(admin, tmp_path / "in.xls").summary()["created"] == 4


def test_a_file_that_only_looks_like_an_xls_is_refused_with_a_message(tmp_path):
    path = tmp_path / "fake.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(reader.WorkbookError, match="文件已损坏或不是 Excel 工作簿"):
        reader.open_workbook(path, reader.Limits())


# --- .ods: repeats multiplied out before calamine expands them -------------------------------------------------


def test_an_ods_cell_repeated_down_and_across_is_refused_before_parsing(tmp_path, parsed):
    """One cell repeated 1,000 across and 1,000,000 down: a 1 KB file naming a billion cells."""
    path = tmp_path / "bomb.ods"
    ods_workbook(path, ods_row(ods_cell("炸", 1_000), 1_000_000))
    start = time.perf_counter()
    with pytest.raises(reader.WorkbookError, match="超过 5000000 个"):
        reader.open_workbook(path, reader.Limits())
    assert parsed == [] and time.perf_counter() - start < 2


def test_an_ods_far_corner_is_refused_like_an_xlsx_one(tmp_path, parsed):
    path = tmp_path / "far.ods"
    blank_rows = b'<table:table-row table:number-rows-repeated="900000"><table:table-cell/></table:table-row>'
    far = ods_row(b'<table:table-cell table:number-columns-repeated="9000"/>' + ods_cell("远"))
    ods_workbook(path, ods_row(ods_cell("序号")) + blank_rows + far)
    with pytest.raises(reader.WorkbookError, match=r"表1.*A1:[A-Z]+900002.*请删除多余的行列"):
        reader.open_workbook(path, reader.Limits())
    assert parsed == []


def test_an_ods_with_the_blank_tail_office_suites_write_is_read(tmp_path):
    """LibreOffice ends every sheet with blank cells and rows repeated to the sheet's edge: they count nothing."""
    path = tmp_path / "plain.ods"
    blank_tail = b'<table:table-cell table:style-name="ce1" table:number-columns-repeated="1020"/>'
    rows = ods_row(ods_cell("社会信用代码") + ods_cell("单位名称") + blank_tail)
    rows += ods_row(ods_cell("x", 2) + blank_tail, 3)
    rows += b'<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated' \
            b'="1024"/></table:table-row>'
    ods_workbook(path, rows)
    with zipfile.ZipFile(path) as archive:
        [sheet] = legacy_scan.scan_ods(archive, SMALL.max_cells)
    assert (sheet.cells, sheet.last_row, sheet.last_column) == (8, 4, 2)
    book = reader.open_workbook(path, SMALL)
    assert reader.first_sheet(book).values()[1:] == [["x", "x"]] * 3


def test_an_ods_tag_split_across_reads_is_still_counted(tmp_path):
    """The content part is read a megabyte at a time; a repeat attribute on the cut is not lost."""
    path = tmp_path / "split.ods"
    filler = ods_row(ods_cell("填" * 200)) * 4_000  # a few megabytes, so several reads
    ods_workbook(path, filler + ods_row(ods_cell("炸", 1_000), 100_000))
    with zipfile.ZipFile(path) as archive:
        total = sum(s.cells for s in legacy_scan.scan_ods(archive, 10**12))
    assert total == 4_000 + 1_000 * 100_000


def test_a_password_protected_xls_is_named_so_before_any_count(tmp_path, parsed):
    """An encrypted .xls ciphers its records' contents: the scan stops at FILEPASS instead of counting noise."""
    path = tmp_path / "locked.xls"
    xls_with_cells(path, {(0, 0): "序号"})
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        pos = 0
        while struct.unpack_from("<H", stream, pos)[0] != 0x003D:  # WINDOW1, early in the globals
            pos += 4 + struct.unpack_from("<H", stream, pos + 2)[0]
        struct.pack_into("<H", stream, pos, 0x002F)  # now a FILEPASS record, as Excel writes for a password
        ole.write_stream("Workbook", bytes(stream))
    with pytest.raises(reader.WorkbookError, match="设置了打开密码"):
        reader.open_workbook(path, reader.Limits())
    assert parsed == []
