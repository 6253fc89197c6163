"""Worker functions for the 统计报表 page, run through app.ui.tasks (which releases each worker thread's database
connection when the function returns). They take plain values and return plain results, never a widget.

The workbook and the report load openpyxl and reportlab when first asked for, not when the window opens.
"""

from __future__ import annotations

import io
from pathlib import Path

from app.services.statistics import figures


def load_job(actor, year: int, district_code: str | None) -> dict:
    return figures.yearly(actor, year, district_code)


def xlsx_job(actor, year: int, district_code: str | None, path: Path) -> Path:
    from app.services.statistics import printing

    return printing.export_xlsx(actor, year, path, district_code)


def pdf_job(actor, year: int, district_code: str | None):
    from app.services.statistics import printing

    buffer = io.BytesIO()
    report = printing.print_report(actor, year, buffer, district_code)
    return buffer.getvalue(), report
