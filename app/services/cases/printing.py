"""Printing case documents and exporting the case list to Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.models import User
from app.services.cases import handling as cases
from app.services.cases import rules as case_rules
from app.services.cases.case_dicts import case_dict
from app.services.cases.case_rows import case_rows
from app.services.core.errors import NotFound
from app.services.core.permissions import require_active
from app.services.io.sheet_cells import TableColumn

if TYPE_CHECKING:
    from app.services.io.page_layout import RenderReport

DOCUMENTS = {"summary": "案件办理情况", "filing": "立案审批表", "report": "上报表"}


def _printable(case) -> dict:
    data = case_dict(case)
    for clock in data["clocks"]:
        clock["state_label"] = case_rules.CLOCK_STATE_LABELS[clock["state"]]
        unit = "个工作日" if clock["unit"] == "workdays" else "天"
        if clock["state"] in ("running", "due_soon"):
            clock["state_label"] += f"（剩 {clock['days_left']} {unit}）"
        elif clock["state"] == "overdue":
            clock["state_label"] += f"（超 {-clock['days_left']} {unit}）"
    return data


def print_case(
    actor: User, case_id: int, out: str | Path | BinaryIO, document: str = "summary"
) -> RenderReport:
    case = cases.get(actor, case_id)
    data = _printable(case)
    from app.services.cases import pdf as case_pdf  # reportlab loads only when something is printed
    from app.services.io.fonts import configured_fonts

    fonts = configured_fonts()
    if document == "filing":
        return case_pdf.render_filing_form(data, out, fonts)
    if document == "report":
        if "report" not in data:
            raise NotFound(f"案件 {case.number} 没有上报记录")
        return case_pdf.render_city_report(data, out, fonts)
    return case_pdf.render_case_summary(data, out, fonts)


def print_blank_filing_form(actor: User, out: str | Path | BinaryIO) -> RenderReport:
    require_active(actor)
    from app.services.cases import pdf as case_pdf
    from app.services.io.fonts import configured_fonts

    return case_pdf.render_filing_form(None, out, configured_fonts())


EXPORT_COLUMNS = [
    TableColumn("案件编号", 22), TableColumn("类型", 20), TableColumn("来源", 12), TableColumn("承办单位", 14),
    TableColumn("当事人", 40), TableColumn("重要案件", 8), TableColumn("状态", 12), TableColumn("收到日期", 12),
    TableColumn("结案日期", 12), TableColumn("结果", 14), TableColumn("最近到期时限", 24), TableColumn("到期日", 12),
]  # fmt: skip


def export_cases(actor: User, path: Path | str, today: date | None = None, *, case_type: str | None = None,
                 overdue_only: bool = False) -> int:  # fmt: skip
    """The case list (with the page's filters) to xlsx; returns the number of rows."""

    def rows():
        for row in case_rows(actor, case_type=case_type, overdue_only=overdue_only, today=today):
            running = [k for k in row.clocks if k.state in case_rules.OPEN_STATES]
            nearest = min(running, key=lambda k: k.due, default=None)
            yield [row.number, row.type_label, row.source_label, row.handling,
                   "；".join(f"{p.role_label}：{p.name}" for p in row.parties), "是" if row.important else "",
                   row.status_label, row.received_on, row.closed_on, row.outcome_label,
                   nearest.label if nearest else "", nearest.due if nearest else None]  # fmt: skip

    from app.services.io.xlsx_writer import write_table  # openpyxl loads only for an export

    return write_table(path, "案件", EXPORT_COLUMNS, rows())
