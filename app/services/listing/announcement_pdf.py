"""The publication (公示) announcement of the protection list, in the GB/T 9704 official-document layout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from app.services.core import installation
from app.services.io.fonts import FontSet
from app.services.io.grid_text import GridText, SignatureBlock
from app.services.io.page_layout import (
    BLOCK_WIDTH,
    BODY_LEADING,
    TITLE_SIZE,
    FormTable,
    OfficialDocTemplate,
    form_table_style,
    style_sheet,
)
from app.services.io.paper_dates import paper_date

COLUMNS = ("序号", "企业名称", "统一社会信用代码", "所属旗区", "纳入依据", "纳入日期")
WIDTHS = (10 * mm, 35 * mm, 38 * mm, 19 * mm, 28 * mm, 26 * mm)  # = the 156 mm text block


@dataclass
class AnnouncementRow:
    name: str
    uscc: str
    district: str
    basis: str
    listed_on: date


@dataclass
class Objections:
    """How to object during the publicity period: its length in days and where objections go."""

    days: int = 5
    phone: str = ""
    address: str = ""


def render_announcement(
    rows: list[AnnouncementRow],
    out: str | Path | BinaryIO,
    fonts: FontSet,
    *,
    title: str,
    issued_on: date,
    contact: str = "",
    objections: Objections | None = None,
    issuer: str | None = None,
) -> tuple[int, list[str]]:
    """Write the announcement; returns (pages, font warnings).

    Title, body, signature and date sit on the GB/T 9704 grid (28 characters × 22 lines); `contact` is an extra
    line of the bureau's own; `issuer` defaults to the issuing authority.
    """
    objections = objections or Objections()
    issuer = issuer or installation.issuing_body()
    doc = OfficialDocTemplate(out if not isinstance(out, Path) else str(out), fonts=fonts, title=title,
                              subject="知识产权重点企业保护名录公示")  # fmt: skip
    small = style_sheet(fonts, table_size=9)
    route = doc.router

    def body(text: str, source: str = "") -> GridText:
        return GridText(text, route, line_pitch=BODY_LEADING, source=source)

    last_day = issued_on + timedelta(days=max(objections.days, 1) - 1)
    intro = (
        "根据《关于建立全市知识产权重点企业保护名录的通知》（鄂市监发〔2022〕152号），经企业申报、旗区推荐和市局"
        f"综合考察，拟将以下{len(rows)}家企业纳入鄂尔多斯市知识产权重点企业保护名录，现予以公示。"
    )
    period = (
        f"公示期为{objections.days}天（{paper_date(issued_on)}至{paper_date(last_day)}）。公示期间，任何单位和个人"
        f"对公示企业有异议的，请以书面形式向{issuer}反映，并提供必要的证明材料。"
    )
    # Unset, they are lines to fill in by hand before the announcement is stamped.
    reach = f"联系电话：{objections.phone or '_' * 16}\n通信地址：{objections.address or '_' * 36}"
    story: list = [
        GridText(title, route, line_pitch=BODY_LEADING, role="title", size=TITLE_SIZE, indent=0, align="center",
                 chars=int(BLOCK_WIDTH // (TITLE_SIZE * 1.0))),
        Spacer(1, BODY_LEADING),
        body(intro),
        Spacer(1, 4 * mm),
        _table(rows, small, route),
        Spacer(1, BODY_LEADING),
        body(period),
    ]  # fmt: skip
    if contact:
        story.append(body(contact, "联系方式"))
    # The signature and date never stand alone: they stay on the page of the last lines of the body, one blank
    # line below them, so the seal pressed over them reaches to within a line of the body (GB/T 9704 7.3.5.1).
    story.append(KeepTogether([body(reach, "异议联系方式"), Spacer(1, BODY_LEADING),
                               SignatureBlock(issuer, paper_date(issued_on), route, line_pitch=BODY_LEADING)]))  # fmt: skip
    report = doc.report(doc.render(story))
    return report.pages, report.warnings


def _table(rows: list[AnnouncementRow], styles, route) -> Table:
    def cell(text, style="cell", source=""):
        return Paragraph(route(str(text), "song", source), styles[style])

    data = [[cell(h, "cell_head") for h in COLUMNS]]
    for number, row in enumerate(rows, start=1):
        data.append([cell(number, "cell_center"), cell(row.name, source=f"第{number}行企业名称"),
                     cell(row.uscc, "cell_center"), cell(row.district, "cell_center"),
                     cell(row.basis, source=f"第{number}行纳入依据"), cell(paper_date(row.listed_on), "cell_center")])  # fmt: skip
    table = FormTable(data, colWidths=WIDTHS, repeatRows=1)
    table.setStyle(form_table_style(header_rows=1))
    return table
