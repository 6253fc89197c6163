"""The publication (公示) announcement of the protection list, in the GB/T 9704 official-document layout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from app.services.io.fonts import FontSet
from app.services.io.page_layout import (
    FormTable,
    OfficialDocTemplate,
    form_table_style,
    issuing_authority,
    style_sheet,
)

COLUMNS = ("序号", "企业名称", "统一社会信用代码", "所属旗区", "纳入依据", "纳入日期")
WIDTHS = (10 * mm, 38 * mm, 37 * mm, 18 * mm, 31 * mm, 22 * mm)  # = the 156 mm text block


@dataclass
class AnnouncementRow:
    name: str
    uscc: str
    district: str
    basis: str
    listed_on: date


def render_announcement(
    rows: list[AnnouncementRow],
    out: str | Path | BinaryIO,
    fonts: FontSet,
    *,
    title: str,
    issued_on: date,
    contact: str = "",
) -> tuple[int, list[str]]:
    """Write the announcement; returns (pages, font warnings)."""
    doc = OfficialDocTemplate(out if not isinstance(out, Path) else str(out), fonts=fonts, title=title,
                              subject="知识产权重点企业保护名录公示")  # fmt: skip
    styles, small = doc.styles, style_sheet(fonts, table_size=9)
    route = doc.router
    story = [
        Paragraph(route(title, "hei"), styles["title"]),
        Paragraph(
            route(
                f"根据《关于建立全市知识产权重点企业保护名录的通知》（鄂市监发〔2022〕152号），经企业申报、旗区推荐和市局"
                f"综合考察，拟将以下 {len(rows)} 家企业纳入鄂尔多斯市知识产权重点企业保护名录，现予以公示。"
                "公示期间，如有异议，请以书面形式向市市场监督管理局（知识产权局）知识产权保护科反映。",
                "song",
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        _table(rows, small, route),
        Spacer(1, 8 * mm),
    ]
    if contact:
        story.append(Paragraph(route(contact, "song", "联系方式"), styles["body"]))
    story += [
        Spacer(1, 10 * mm),
        Paragraph(route(issuing_authority(), "song"), styles["signature"]),
        Paragraph(
            route(f"{issued_on.year}年{issued_on.month}月{issued_on.day}日", "song"), styles["signature"]
        ),
    ]
    report = doc.report(doc.render(story))
    return report.pages, report.warnings


def _table(rows: list[AnnouncementRow], styles, route) -> Table:
    def cell(text, style="cell", source=""):
        return Paragraph(route(str(text), "song", source), styles[style])

    data = [[cell(h, "cell_head") for h in COLUMNS]]
    for number, row in enumerate(rows, start=1):
        data.append([cell(number, "cell_center"), cell(row.name, source=f"第{number}行企业名称"),
                     cell(row.uscc, "cell_center"), cell(row.district, "cell_center"),
                     cell(row.basis, source=f"第{number}行纳入依据"), cell(row.listed_on.isoformat(), "cell_center")])  # fmt: skip
    table = FormTable(data, colWidths=WIDTHS, repeatRows=1)
    table.setStyle(form_table_style(header_rows=1))
    return table
