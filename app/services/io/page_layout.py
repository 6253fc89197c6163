"""The GB/T 9704-2012 page on A4: margins, text block, running header, "— N —" page numbers and type sizes.

Shared by every printed document (application forms, announcements, visit records, case forms): build a
`OfficialDocTemplate`, take paragraph styles from `style_sheet`, and bordered form tables from `form_table_style`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, TableStyle

from app.services.core import reference
from app.services.io.fonts import FontSet, GlyphRouter

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - BLOCK_WIDTH  # 26 mm
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - BLOCK_HEIGHT  # 35 mm

TITLE_SIZE = 22  # 2号
BODY_SIZE = 16  # 3号
BODY_LEADING = 29  # 22 lines in the 225 mm block
PAGE_NUMBER_SIZE = 14  # 4号
PAGE_NUMBER_GAP = 7 * mm
HEADER_SIZE = 10.5  # 5号
TABLE_SIZE = 10.5

LABEL_SHADE = colors.Color(0.92, 0.92, 0.92)
RULE_COLOR = colors.black


def issuing_authority() -> str:
    """The bureau named as author of every document."""
    return f"{reference.city_name()}市场监督管理局（知识产权局）"


def style_sheet(fonts: FontSet, *, table_size: float = TABLE_SIZE) -> dict[str, ParagraphStyle]:
    """Paragraph styles for `fonts`: announcement sizes per GB/T 9704, and smaller `table_size` for forms."""
    song, hei, kai = fonts.song, fonts.hei, fonts.kai
    cell_leading = round(table_size * 1.45, 1)

    def style(name: str, font: str, size: float, leading: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    return {
        "title": style("title", hei, TITLE_SIZE, TITLE_SIZE * 1.5, alignment=TA_CENTER, spaceAfter=BODY_SIZE),
        "subtitle": style("subtitle", kai, BODY_SIZE, BODY_LEADING, alignment=TA_CENTER),
        "body": style(
            "body", song, BODY_SIZE, BODY_LEADING, alignment=TA_JUSTIFY, firstLineIndent=2 * BODY_SIZE
        ),
        "body_flush": style("body_flush", song, BODY_SIZE, BODY_LEADING, alignment=TA_JUSTIFY),
        # Heading levels 一、 (黑体), （一） (楷体), 1. and （1） (仿宋), indented two characters like the body.
        "heading1": style("heading1", hei, BODY_SIZE, BODY_LEADING, firstLineIndent=2 * BODY_SIZE),
        "heading2": style("heading2", kai, BODY_SIZE, BODY_LEADING, firstLineIndent=2 * BODY_SIZE),
        "heading3": style("heading3", song, BODY_SIZE, BODY_LEADING, firstLineIndent=2 * BODY_SIZE),
        "signature": style("signature", song, BODY_SIZE, BODY_LEADING, alignment=TA_RIGHT),
        "header": style("header", song, HEADER_SIZE, HEADER_SIZE * 1.3, alignment=TA_CENTER),
        "page_number": style("page_number", song, PAGE_NUMBER_SIZE, PAGE_NUMBER_SIZE * 1.2),
        "form_title": style("form_title", hei, TITLE_SIZE, TITLE_SIZE * 1.4, alignment=TA_CENTER),
        "section": style("section", hei, 14, 20, spaceBefore=10, spaceAfter=5),
        "cell": style("cell", song, table_size, cell_leading, alignment=TA_LEFT),
        "cell_center": style("cell_center", song, table_size, cell_leading, alignment=TA_CENTER),
        "cell_right": style("cell_right", song, table_size, cell_leading, alignment=TA_RIGHT),
        "cell_label": style("cell_label", song, table_size, cell_leading, alignment=TA_CENTER),
        "cell_head": style("cell_head", hei, table_size, cell_leading, alignment=TA_CENTER),
        "cell_note": style("cell_note", song, table_size - 1.5, (table_size - 1.5) * 1.45),
        "meta": style("meta", song, table_size, cell_leading),
    }


def form_table_style(
    *, header_rows: int = 0, label_cells: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (), extra=()
) -> TableStyle:
    """A bordered grid like official Chinese forms: full hairline grid, shaded header rows and label cells.

    `label_cells` are (start, stop) cell ranges as reportlab takes them: ((col, row), (col, row)).
    """
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, RULE_COLOR),
        ("BOX", (0, 0), (-1, -1), 1.0, RULE_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), LABEL_SHADE))
    commands += [("BACKGROUND", start, stop, LABEL_SHADE) for start, stop in label_cells]
    commands += list(extra)
    return TableStyle(commands)


class OfficialDocTemplate(BaseDocTemplate):
    """A4 with the GB/T 9704 text block, a running header above it and "— N —" page numbers below it.

    Odd page numbers sit right and even ones left, one character in from the block edge, so duplex prints
    put them on the outer edge.
    """

    def __init__(
        self,
        out: str | BinaryIO,
        *,
        fonts: FontSet,
        title: str,
        header: str = "",
        subject: str = "",
        author: str | None = None,
        keywords: Sequence[str] = (),
        page_numbers: bool = True,
    ):
        self.fonts = fonts
        self.router = GlyphRouter(fonts)
        self.styles = style_sheet(fonts)
        self.header_text = header
        self.page_numbers = page_numbers
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author or issuing_authority(),
            subject=subject,
            keywords=", ".join([*keywords, f"字体：{fonts.summary()}"]),
            creator=issuing_authority(),
            lang="zh-CN",
            displayDocTitle=True,
            duplex="DuplexFlipLongEdge",
            initialFontName=fonts.song,
        )
        frame = Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            BLOCK_WIDTH,
            BLOCK_HEIGHT,
            id="block",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _draw(self, canvas, text: str, style: ParagraphStyle, x: float, top: float, width: float) -> None:
        para = Paragraph(self.router(text, "song"), style)
        _w, h = para.wrapOn(canvas, width, 100)
        para.drawOn(canvas, x, top - h)

    def _decorate(self, canvas, doc) -> None:
        canvas.saveState()
        if self.header_text:
            rule_y = PAGE_HEIGHT - MARGIN_TOP + 9 * mm
            self._draw(
                canvas, self.header_text, self.styles["header"], MARGIN_LEFT, rule_y + 6 * mm, BLOCK_WIDTH
            )
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN_LEFT, rule_y, MARGIN_LEFT + BLOCK_WIDTH, rule_y)
        if self.page_numbers:
            number = doc.page
            one_char = PAGE_NUMBER_SIZE
            style = ParagraphStyle(
                "pn",
                parent=self.styles["page_number"],
                alignment=TA_RIGHT if number % 2 else TA_LEFT,
            )
            self._draw(
                canvas,
                f"— {number} —",
                style,
                MARGIN_LEFT + one_char,
                MARGIN_BOTTOM - PAGE_NUMBER_GAP + 0.15 * PAGE_NUMBER_SIZE,
                BLOCK_WIDTH - 2 * one_char,
            )
        canvas.restoreState()

    def render(self, story: list[Flowable]) -> int:
        """Build the PDF; returns the number of pages."""
        self.build(story)
        return self.page
