"""The case extract shared with a partner agency, as a one-table document: only the fields the user chose."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from app.services.io.fonts import FontSet
from app.services.io.page_layout import FormTable, OfficialDocTemplate, RenderReport, form_table_style

WIDTHS = (32 * mm, 124 * mm)  # the 156 mm text block


def render_extract(title: str, rows: list[tuple[str, str]], footer: str, out: str | Path | BinaryIO,
                   fonts: FontSet) -> RenderReport:  # fmt: skip
    doc = OfficialDocTemplate(str(out) if isinstance(out, Path) else out, fonts=fonts, title=title)
    route, styles = doc.router, doc.styles

    def p(text, style="cell", source="", role="song"):
        return Paragraph(route(str(text or ""), role, source), styles[style])

    body = [[p(label, "cell_head", role="hei"), p(value, "cell", label)] for label, value in rows]
    table = FormTable(body, colWidths=list(WIDTHS), minRowHeights=[9 * mm] * len(body),
                      style=form_table_style(header_rows=0))  # fmt: skip
    story = [p(title, "form_title", "标题", "title"), Spacer(1, 6 * mm), table, Spacer(1, 4 * mm),
             p(footer, "cell_note")]  # fmt: skip
    return doc.report(doc.render(story))
