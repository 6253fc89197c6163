"""The same sheet saved as a legacy .xls (BIFF8, as district offices still send): values, dates, merges."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import xlwt

_DATE = xlwt.easyxf(num_format_str="yyyy-mm-dd")
_DATETIME = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
_TIME = xlwt.easyxf(num_format_str="hh:mm")


def save_as_xls(xlsx: Path | str, xls: Path | str) -> Path:
    """Write every sheet of the .xlsx at `xlsx` as an .xls at `xls`, cell for cell, merged ranges kept."""
    source = openpyxl.load_workbook(xlsx)
    target = xlwt.Workbook(encoding="utf-8")
    for sheet in source.worksheets:
        out = target.add_sheet(sheet.title, cell_overwrite_ok=True)
        merged = {}
        for rng in sheet.merged_cells.ranges:
            merged[(rng.min_row, rng.min_col)] = rng
        covered = {
            (r, c) for rng in merged.values() for r, c in _cells(rng) if (r, c) != (rng.min_row, rng.min_col)
        }
        for row in sheet.iter_rows():
            for cell in row:
                key = (cell.row, cell.column)
                if key in covered or cell.value is None:
                    continue
                value, style = _value(cell.value)
                rng = merged.get(key)
                if rng is not None:
                    out.write_merge(
                        rng.min_row - 1, rng.max_row - 1, rng.min_col - 1, rng.max_col - 1, value, style
                    )
                else:
                    out.write(cell.row - 1, cell.column - 1, value, style)
        for rng in merged.values():  # merged ranges whose anchor is blank still merge
            if sheet.cell(rng.min_row, rng.min_col).value is None:
                out.merge(rng.min_row - 1, rng.max_row - 1, rng.min_col - 1, rng.max_col - 1)
    target.save(str(xls))
    return Path(xls)


def _cells(rng):
    for r in range(rng.min_row, rng.max_row + 1):
        for c in range(rng.min_col, rng.max_col + 1):
            yield r, c


def _value(value):
    if isinstance(value, date) and value.year < 1900:  # .xls has no such dates: a clerk's file holds the text
        return value.isoformat(), xlwt.Style.default_style
    if isinstance(value, datetime):
        return value, (_DATE if value.time() == time() else _DATETIME)
    if isinstance(value, date):
        return value, _DATE
    if isinstance(value, time):
        return value, _TIME
    return value, xlwt.Style.default_style
