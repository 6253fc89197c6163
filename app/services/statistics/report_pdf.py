"""The yearly figures as a printed report on the GB/T 9704 page: title, one numbered table per section,
the breakdowns, what the figures mean, and the bureau with the date (2026年12月3日) below."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from app.services.core import installation
from app.services.io.fonts import FontSet
from app.services.io.page_layout import (
    BLOCK_WIDTH,
    FormTable,
    OfficialDocTemplate,
    RenderReport,
    form_table_style,
    style_sheet,
)
from app.services.statistics.sections import chinese_date, figure_text

NUMERALS = "一二三四五六七八九十"
NAME_WIDTH = 22 * mm


def render_report(figures: dict, out: str | Path | BinaryIO, fonts: FontSet) -> RenderReport:
    """Write the report of `figures` (statistics.figures.yearly); returns pages, fonts and warnings."""
    title = "知识产权重点企业保护工作统计报表"
    doc = OfficialDocTemplate(
        str(out) if isinstance(out, Path) else out,
        fonts=fonts,
        title=f"{figures['year']}年度{title}",
        subject=f"{figures['scope']}统计报表",
        keywords=("统计报表", str(figures["year"])),
    )
    styles, small, route = doc.styles, style_sheet(fonts, table_size=9), doc.router
    as_of = date.fromisoformat(figures["as_of"])
    scope = f"（{figures['year']}年度　{figures['scope']}　统计日期：{chinese_date(as_of)}）"
    story = [
        Paragraph(route(title, "hei"), styles["title"]),
        Paragraph(route(scope, "kai"), styles["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    for number, section in enumerate(figures["sections"]):
        heading = Paragraph(route(f"{NUMERALS[number]}、{section['title']}", "hei"), styles["heading1"])
        story += [KeepTogether([heading, Spacer(1, 2 * mm), _section_table(section, small, route)]),
                  Spacer(1, 3 * mm)]  # fmt: skip
    story.append(
        Paragraph(route(f"{NUMERALS[len(figures['sections'])]}、分类统计", "hei"), styles["heading1"])
    )
    for breakdown in figures["breakdowns"]:
        story += [Spacer(1, 2 * mm), _breakdown_table(breakdown, small, route)]
    story += [Spacer(1, 4 * mm), Paragraph(route("说明：", "hei"), small["cell"])]
    notes = enumerate(figures["notes"], start=1)
    story += [Paragraph(route(f"{n}. {note}", "song"), small["cell"]) for n, note in notes]
    story += [
        Spacer(1, 10 * mm),
        Paragraph(route(installation.issuing_body(), "song"), styles["signature"]),
        Paragraph(route(chinese_date(as_of), "song"), styles["signature"]),
    ]
    return doc.report(doc.render(story))


def _cell(route, styles, text, style: str = "cell_center"):
    return Paragraph(route(str(text), "hei" if style == "cell_head" else "song"), styles[style])


def _section_table(section: dict, styles, route) -> FormTable:
    keys = [c["key"] for c in section["columns"]]
    data = [[_cell(route, styles, "旗区", "cell_head")]
            + [_cell(route, styles, c["label"], "cell_head") for c in section["columns"]]]  # fmt: skip
    for row in [*section["rows"], section["total"]]:
        values = [_cell(route, styles, figure_text(k, row[k])) for k in keys]
        data.append([_cell(route, styles, row["name"]), *values])
    width = (BLOCK_WIDTH - NAME_WIDTH) / len(keys)
    table = FormTable(data, colWidths=[NAME_WIDTH] + [width] * len(keys), repeatRows=1)
    table.setStyle(form_table_style(header_rows=1, label_cells=[((0, len(data) - 1), (-1, len(data) - 1))]))
    return table


def _breakdown_table(breakdown: dict, styles, route) -> FormTable:
    data = [[_cell(route, styles, breakdown["title"], "cell_head"), _cell(route, styles, "数量", "cell_head")]]
    counts = breakdown["counts"] or {"（无）": 0}
    data += [[_cell(route, styles, label, "cell"), _cell(route, styles, n)] for label, n in counts.items()]
    table = FormTable(data, colWidths=[BLOCK_WIDTH - 30 * mm, 30 * mm], repeatRows=1)
    table.setStyle(form_table_style(header_rows=1))
    return table
