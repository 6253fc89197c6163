"""The yearly report out of the application: as a workbook and as a printed (PDF) report, for the window and
the command line alike. Both gather the figures afresh with the acting user's rights."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from app.models import User
from app.services.io.fonts import configured_fonts
from app.services.io.page_layout import RenderReport
from app.services.statistics.figures import yearly
from app.services.statistics.report_pdf import render_report
from app.services.statistics.workbook import write_workbook


def export_xlsx(
    actor: User, year: int, path: Path | str, district_code: str | None = None, today: date | None = None
) -> Path:
    return write_workbook(yearly(actor, year, district_code, today), path)


def print_report(
    actor: User,
    year: int,
    out: str | Path | BinaryIO,
    district_code: str | None = None,
    today: date | None = None,
) -> RenderReport:
    return render_report(yearly(actor, year, district_code, today), out, configured_fonts())
