"""The one-page 责任分工表: a district's 分管领导 and liaison officers for a year, with their duties."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from app.services.io.fonts import FontSet
from app.services.io.page_layout import FormTable, OfficialDocTemplate, RenderReport, form_table_style

COLUMNS = ("序号", "类别", "姓名", "职务", "联系电话", "工作职责")
WIDTHS = (11 * mm, 18 * mm, 15 * mm, 31 * mm, 27 * mm, 54 * mm)  # the 156 mm text block
FOOTNOTE = ("注：旗区局分管领导是推行知识产权重点企业保护的第一责任人；联络人实行专人联络、双向联系，"
            "通过问卷调查、走访调研等方式及时掌握重点企业知识产权保护工作动态。")  # fmt: skip


@dataclass
class DutyLine:
    role: str  # the label: 分管领导 / 联络人
    name: str
    post: str
    phone: str
    duties: str


def render_duties(district: str, year: int, lines: list[DutyLine], out: str | Path | BinaryIO,
                  fonts: FontSet) -> RenderReport:  # fmt: skip
    title = f"{district}{year}年知识产权重点企业保护工作责任分工表"
    doc = OfficialDocTemplate(str(out) if isinstance(out, Path) else out, fonts=fonts, title=title)
    route, styles = doc.router, doc.styles

    def p(text, style="cell", source="", role="song"):
        return Paragraph(route(str(text or ""), role, source), styles[style])

    rows = [[p(h, "cell_head", role="hei") for h in COLUMNS]]
    for n, line in enumerate(lines, start=1):
        where = f"第{n}行"
        rows.append([p(n, "cell_center"), p(line.role, "cell_center"), p(line.name, "cell_center", f"{where}姓名"),
                     p(line.post, "cell_center", f"{where}职务"), p(line.phone, "cell_center"),
                     p(line.duties, "cell", f"{where}工作职责")])  # fmt: skip
    if not lines:
        rows.append([p("", "cell"), p("（尚未填写）", "cell"), *(p("", "cell") for _ in range(4))])
    table = FormTable(rows, colWidths=list(WIDTHS), repeatRows=1, minRowHeights=[9 * mm] * len(rows),
                      style=form_table_style(header_rows=1))  # fmt: skip
    story = [p(title, "form_title", "标题", "title"), Spacer(1, 6 * mm), table, Spacer(1, 4 * mm),
             p(FOOTNOTE, "cell_note")]  # fmt: skip
    return doc.report(doc.render(story))
