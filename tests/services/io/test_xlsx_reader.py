"""The workbook reader on python-calamine: .xlsx and .xls read alike, and a sheet that would make the reader
allocate a huge rectangle or holds bytes XML forbids is refused before it is parsed."""

import time

import pytest

from app.services.enterprises import import_xlsx as enterprise_import
from app.services.io import xlsx_reader as reader
from tests.helpers.hostile import SHEET, rewrite_part
from tests.helpers.messy import codes, good_rows, messy_workbook


def _plan(admin, path) -> dict:
    found = enterprise_import.plan_import(admin, path).to_dict()
    found.pop("file")
    return found


def test_the_same_sheet_as_xlsx_and_as_xls_gives_the_same_plan(empty_db, tmp_path):
    _, admin = empty_db
    rows = good_rows(6)
    c = codes(3, seed=41)
    rows += [[7, c[0], "负数公司", "达拉特", "", "-1", "", "", "", "", ""],
             [8, c[1], "日期错误公司", "达拉特", "2015-02-30", "1", "", "", "", "", ""],
             [9, c[2], "", "达拉特", "", "1", "", "", "也许", "", ""]]  # fmt: skip
    rows[1][3] = rows[2][3] = None
    plans = {}
    for book in ("xlsx", "xls"):
        messy_workbook(tmp_path / f"in.{book}", rows, merges=["D4:D6"])
        plans[book] = _plan(admin, tmp_path / f"in.{book}")
    assert plans["xlsx"]["created"] == 6 and plans["xlsx"]["rejected"] == 3
    assert plans["xls"] == plans["xlsx"]


def test_an_xls_saved_under_an_xlsx_name_is_read_by_its_content(empty_db, tmp_path):
    _, admin = empty_db
    messy_workbook(tmp_path / "in.xls", good_rows(2))
    disguised = tmp_path / "in.xlsx"
    disguised.write_bytes((tmp_path / "in.xls").read_bytes())
    assert enterprise_import.plan_import(admin, disguised).summary()["created"] == 2


def test_a_cell_far_to_the_right_and_below_is_refused_before_calamine_allocates_the_rectangle(
    empty_db, tmp_path
):
    _, admin = empty_db
    path = tmp_path / "far.xlsx"
    messy_workbook(path, good_rows(2), title=False, note=False)
    far = b'<c r="XFD900000" t="inlineStr"><is><t>x</t></is></c>'  # 900,000 × 16,384 cells from A1
    rewrite_part(path, SHEET, lambda xml: xml.replace(b"</row></sheetData>", far + b"</row></sheetData>"))
    start = time.perf_counter()
    with pytest.raises(reader.WorkbookError, match=r"A1:XFD900000.*请删除多余的行列"):
        enterprise_import.plan_import(admin, path)
    assert time.perf_counter() - start < 5


def test_a_cell_reference_past_excel_rows_is_refused(empty_db, tmp_path):
    _, admin = empty_db
    path = tmp_path / "far.xlsx"
    messy_workbook(path, good_rows(2), title=False, note=False)
    rewrite_part(path, SHEET, lambda xml: xml.replace(b'r="C3"', b'r="C99999999"'))
    with pytest.raises(reader.WorkbookError, match="超出 Excel 的范围"):
        enterprise_import.plan_import(admin, path)


def test_a_control_byte_in_the_shared_strings_is_refused(empty_db, tmp_path):
    _, admin = empty_db
    path = tmp_path / "ctl.xlsx"
    messy_workbook(path, good_rows(1), title=False, note=False)
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a\x02b</t></si></sst>'
    )
    with __import__("zipfile").ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", strings)
    with pytest.raises(reader.WorkbookError, match="控制字符"):
        enterprise_import.plan_import(admin, path)


def test_a_wide_sheet_within_the_limits_is_read(empty_db, tmp_path):
    _, admin = empty_db
    path = tmp_path / "wide.xlsx"
    messy_workbook(path, good_rows(3), title=False, note=False)
    far = b'<c r="AZ2" t="inlineStr"><is><t>remark</t></is></c>'
    rewrite_part(path, SHEET, lambda xml: xml.replace(b'<c r="K2"', far + b'<c r="K2"', 1))
    assert enterprise_import.plan_import(admin, path).summary()["created"] == 3


@pytest.mark.parametrize("text", ["A", "Z", "AA", "AZ", "XFD"])
def test_column_letters_round_trip(text):
    assert reader.get_column_letter(reader.column_index_from_string(text)) == text


def _formula_sheet(path, filler_rows: int) -> None:
    """A sheet with many plain rows, then formulas: one never calculated (openpyxl writes no value), one whose
    value was written in the file (as Excel does), and a shared formula's child without a value."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["名称", "备注"])
    for n in range(filler_rows):
        sheet.append([f"填充行{n} " + "很长的文字" * 20, n])
    sheet.append(['=HYPERLINK("http://x","点我")', "x"])
    sheet.append(["=1+1", "y"])
    workbook.save(path)
    last = filler_rows + 3

    def add_values(xml: bytes) -> bytes:
        xml = xml.replace(
            f'<c r="A{last}"><f>1+1</f><v /></c>'.encode(), f'<c r="A{last}"><f>1+1</f><v>2</v></c>'.encode()
        )
        return xml.replace(
            b"</sheetData>",
            f'<row r="{last + 1}"><c r="B{last + 1}"><f t="shared" si="0"/></c></row></sheetData>'.encode(),
        )

    rewrite_part(path, SHEET, add_values)


@pytest.mark.parametrize("filler_rows", [1, 6000])  # 6,000 long rows: several chunks of the byte scan
def test_formula_cells_without_a_computed_value_are_found_by_the_scan(tmp_path, filler_rows):
    path = tmp_path / "f.xlsx"
    _formula_sheet(path, filler_rows)
    workbook = reader.open_workbook(path, reader.Limits())
    try:
        sheet = reader.first_sheet(workbook)
        scan = reader.scan_sheet(workbook, sheet, workbook.limits)
        assert scan.uncomputed == {(filler_rows + 2, 1), (filler_rows + 4, 2)}
        assert sheet.values()[filler_rows + 2][0] == 2  # the written value of =1+1 is read, not flagged
    finally:
        workbook.close()


def test_a_formula_cell_cut_by_a_chunk_boundary_is_still_found():
    from app.services.io import sheet_scan

    scan = sheet_scan.SheetScan()
    carry = sheet_scan._find_uncomputed(b'<row r="9"><c r="C9"><f>HYPERLINK("a","b")</f>', scan)
    sheet_scan._find_uncomputed(carry + b"<v /></c></row>", scan)
    assert scan.uncomputed == {(9, 3)}
