"""Workbooks that lie about their size: stale `<dimension>` records and zip bombs (issue 11, findings 5 and 13)."""

import time

import pytest

from app.models import AuditLog, Enterprise
from app.services.core import settings
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.io.xlsx_reader import WorkbookError
from tests.helpers.hostile import (
    SHEET,
    cells_bomb,
    dimension_of,
    rewrite_part,
    set_dimension,
    uncompressed_size,
)
from tests.helpers.messy import good_rows, messy_workbook


@pytest.mark.parametrize("stale", ["A1:K2", "A1:B2"])
def test_all_500_rows_arrive_whatever_the_sheet_dimension_claims(empty_db, tmp_path, stale):
    _, admin = empty_db
    path = tmp_path / "stale.xlsx"
    messy_workbook(path, good_rows(500), title=False, note=False)
    set_dimension(path, stale)
    assert dimension_of(path) == stale
    plan = enterprise_import.import_enterprises(admin, path)
    assert plan.summary() == {"created": 500, "updated": 0, "unchanged": 0, "rejected": 0}
    assert Enterprise.select().count() == 500


def test_a_sheet_bomb_is_refused_from_the_zip_directory_before_parsing(empty_db, tmp_path):
    _, admin = empty_db
    settings.set_value(admin, "import.max_uncompressed_mb", 2)
    path = tmp_path / "bomb.xlsx"
    messy_workbook(path, good_rows(1), title=False, note=False)
    rewrite_part(path, SHEET, lambda _xml: cells_bomb(20_000))
    assert path.stat().st_size < 200_000 < 2 * 1024 * 1024 < uncompressed_size(path)
    audit_before = AuditLog.select().count()
    start = time.perf_counter()
    with pytest.raises(WorkbookError, match=r"解压后共 .* MB，超过上限 2 MB"):
        enterprise_import.import_enterprises(admin, path)
    assert time.perf_counter() - start < 2
    assert Enterprise.select().count() == 0 and AuditLog.select().count() == audit_before


def test_a_sheet_with_more_cells_than_the_cap_is_refused_before_parsing(empty_db, tmp_path):
    _, admin = empty_db
    settings.set_value(admin, "import.max_cells", 5_000)
    path = tmp_path / "cells.xlsx"
    messy_workbook(path, good_rows(1), title=False, note=False)
    rewrite_part(path, SHEET, lambda _xml: cells_bomb(1_000))
    with pytest.raises(WorkbookError, match="10000 个单元格，超过上限 5000"):
        enterprise_import.import_enterprises(admin, path)
    assert Enterprise.select().count() == 0


def test_shared_strings_past_the_cell_cap_are_refused_before_openpyxl_loads_them(empty_db, tmp_path):
    _, admin = empty_db
    settings.set_value(admin, "import.max_cells", 5_000)
    path = tmp_path / "strings.xlsx"
    messy_workbook(path, good_rows(1), title=False, note=False)
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>x</t></si>" * 6_000
        + b"</sst>"
    )
    with __import__("zipfile").ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", strings)
    with pytest.raises(WorkbookError, match="6000 个文本，超过单元格上限 5000"):
        enterprise_import.import_enterprises(admin, path)


def test_a_row_number_beyond_excel_is_refused_instead_of_iterating_to_it(empty_db, tmp_path):
    _, admin = empty_db
    path = tmp_path / "far.xlsx"
    messy_workbook(path, good_rows(2), title=False, note=False)
    rewrite_part(path, SHEET, lambda xml: xml.replace(b'<row r="3"', b'<row r="99999999999"'))
    start = time.perf_counter()
    with pytest.raises(WorkbookError, match="超出 Excel 的范围"):
        enterprise_import.import_enterprises(admin, path)
    assert time.perf_counter() - start < 2 and Enterprise.select().count() == 0


def test_a_merge_over_the_whole_sheet_costs_nothing_and_fills_its_column(empty_db, tmp_path):
    _, admin = empty_db
    path = tmp_path / "merged.xlsx"
    rows = good_rows(3)
    messy_workbook(path, rows, title=False, note=False)

    def merge_everything(xml: bytes) -> bytes:
        return xml.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="1"><mergeCell ref="D2:XFD1048576"/></mergeCells>',
        )

    rewrite_part(path, SHEET, merge_everything)
    start = time.perf_counter()
    plan = enterprise_import.plan_import(admin, path)
    assert time.perf_counter() - start < 5
    assert plan.summary()["created"] == 3
