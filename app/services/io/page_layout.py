"""The GB/T 9704-2012 page on A4: margins, text block, running header, "— N —" page numbers and type sizes.

Shared by every printed document (application forms, announcements, visit records, case forms): build a
`OfficialDocTemplate`, take paragraph styles from `style_sheet`, bordered form tables from `form_table_style`, and
build tables that hold stored text as `FormTable`, whose rows split across pages instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from app import APP_NAME
from app.services.core import installation
from app.services.io.fonts import FontSet, GlyphRouter, ink_box
from app.services.io.line_breaking import install as install_line_breaking

# Every paragraph of every document breaks its lines by the Chinese rules (no closing mark starts a line).
install_line_breaking()

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - BLOCK_WIDTH  # 26 mm
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - BLOCK_HEIGHT  # 35 mm

TITLE_SIZE = 22  # 2号
BODY_SIZE = 16  # 3号
BODY_LEADING = BLOCK_HEIGHT / 22  # 22 lines in the 225 mm block (28.99 pt; 29 pt let only 21 fit)
PAGE_NUMBER_SIZE = 14  # 4号
PAGE_NUMBER_GAP = 7 * mm
HEADER_SIZE = 10.5  # 5号
TABLE_SIZE = 10.5

LABEL_SHADE = colors.Color(0.92, 0.92, 0.92)
RULE_COLOR = colors.black
CONTINUED = "（续）"


@dataclass
class RenderReport:
    """What a rendered document tells its caller: pages, fonts embedded, and warnings to show the user."""

    fonts_used: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0


# Room a pen needs: a tick box at least 3.5 mm wide, a line for a date or signature at least 8 mm high, and a
# seal space that takes a 42 mm round seal (some are 45 mm) with a margin.
TICK_BOX = 3.8 * mm
WRITING_HEIGHT = 8 * mm
SEAL_SPACE = 50 * mm


def tick_box(router: GlyphRouter, checked: bool = False, role: str = "song", size: float = TABLE_SIZE) -> str:
    """Paragraph markup of a tick box ☐ (☑ when checked) drawn at least TICK_BOX wide.

    A box glyph at text size prints 1.6–3.4 mm wide depending on the face, too small to tick by hand: the glyph
    is enlarged from its measured outline and lowered so it stays centred on the line of text beside it.
    """
    for on, off in (("☑", "☐"), ("■", "□"), ("√", "□")):
        if router.can_draw(on + off, role):
            char = on if checked else off
            break
    else:
        return router("[X]" if checked else "[ ]", role)
    box_char = off if char == on and on == "√" else char
    bounds = ink_box(router.font_for(box_char, role) or "", box_char) if box_char else None
    x0, y0, x1, y1 = bounds or (0.05, -0.07, 0.95, 0.83)  # a CID font's square fills about 90 % of the em
    box_size = max(size, TICK_BOX / (x1 - x0) * 1.02)
    # Centre the outline on the middle of a CJK character at the text size (about 0.38 em above the baseline).
    rise = 0.38 * size - (y0 + y1) / 2 * box_size
    tag = "super" if rise >= 0 else "sub"  # reportlab takes a baseline shift only on these two tags
    return f'<{tag} size="{box_size:.2f}" rise="{abs(rise):.2f}">{router(char, role)}</{tag}>'


def label_markup(router: GlyphRouter, text: str, role: str = "song") -> str:
    """A label whose bracketed tail (（盖章）, （自治区期限）) starts a line of its own rather than wrapping inside."""
    head, sep, tail = text.partition("（")
    if not sep or not head:
        return router(text, role)
    return router(head, role) + "<br/>" + router(sep + tail, role)


def sign_and_date(
    router: GlyphRouter, styles: dict[str, ParagraphStyle], signer: str = "签名："
) -> list[Flowable]:
    """A signature line and a "年 月 日" line, each WRITING_HEIGHT high, right-aligned in their cell."""
    plain = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
             ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]  # fmt: skip
    signature = Table(
        [[Paragraph(router(signer), styles["cell_right"]), ""]],
        colWidths=[30 * mm, 45 * mm],
        rowHeights=[WRITING_HEIGHT],
        style=[*plain, ("LINEBELOW", (1, 0), (1, 0), 0.6, RULE_COLOR)],
        hAlign="RIGHT",
    )
    return [signature, date_line(router, styles)]


def date_line(
    router: GlyphRouter,
    styles: dict[str, ParagraphStyle],
    h_align: str = "RIGHT",
    width: float = 56 * mm,
    *,
    digits: float = 11 * mm,
) -> Table:
    """A date line 年 月 日 with room to write each part by hand (spaces would collapse in a paragraph): the year
    takes what `width` leaves, month and day `digits` each (two handwritten digits need about 7 mm)."""
    parts = [cell for part in "年月日" for cell in ("", Paragraph(router(part), styles["cell_center"]))]
    unit = 6 * mm
    return Table(
        [parts],
        colWidths=[width - 3 * unit - 2 * digits, unit, digits, unit, digits, unit],
        rowHeights=[WRITING_HEIGHT],
        style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")],
        hAlign=h_align,
    )  # fmt: skip


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
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), LABEL_SHADE))
    commands += [("BACKGROUND", start, stop, LABEL_SHADE) for start, stop in label_cells]
    commands += list(extra)
    return TableStyle(commands)


class FormTable(Table):
    """A table for stored text: a row taller than the page space left splits inside the row.

    A plain reportlab row cannot split, so one long cell raised LayoutError and no PDF was written. Here rows
    split (reportlab's splitInRow), a split row is top-aligned so its label stays with the start of the text,
    and the continued part repeats the first column's label or number followed by "（续）".
    """

    def __init__(self, data, *args, **kw):
        # A row splits only if both parts keep at least this height (about two lines of table text); a shorter
        # row moves whole to the next page.
        kw.setdefault("splitInRow", 30)
        # reportlab splits only cells holding a list of flowables, not a bare flowable.
        data = [[[v] if isinstance(v, Flowable) else v for v in row] for row in data]
        super().__init__(data, *args, **kw)

    def _splitRows(self, availHeight, doInRowSplit=0):
        if not doInRowSplit and self._must_split_next_row(availHeight):
            # Split the too-tall row here rather than after the rows that fit: reportlab would otherwise put the
            # rest, with a repeated header row, on this same page below them.
            parts = self._split_in_row(availHeight)
            if parts:
                return parts
        if doInRowSplit:
            return self._split_in_row(availHeight)
        return super()._splitRows(availHeight, 0)

    def _must_split_next_row(self, availHeight) -> bool:
        n = self._getFirstPossibleSplitRowPosition(availHeight)
        return n < len(self._rowHeights) and self._rowHeights[n] > BLOCK_HEIGHT - sum(self._rowHeights[:1])

    def _split_in_row(self, availHeight) -> list:
        # A row about to split is top-aligned, so its label, tick and year stay beside the start of the text.
        for row, height in enumerate(self._rowHeights):
            if height > availHeight:
                for style in self._cellStyles[row]:
                    style.valign = "TOP"
        parts = super()._splitRows(availHeight, 1)
        if not parts and availHeight >= BLOCK_HEIGHT - 1:
            # On an empty page a row just taller than the page must split even if one part ends up thin.
            comfortable, self.splitInRow = self.splitInRow, 1
            try:
                parts = super()._splitRows(availHeight, 1)
            finally:
                self.splitInRow = comfortable
        if len(parts) == 2:
            self._mark_continued(*parts)
        return parts

    def _mark_continued(self, first: Table, rest: Table) -> None:
        header = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
        if len(first._cellvalues) + len(rest._cellvalues) - header != len(self._cellvalues) + 1:
            return  # split between rows: nothing is continued
        row = len(first._cellvalues) - 1
        original, cont = self._cellvalues[row][0], tuple(rest._cellvalues[header][0] or ())
        paras = [
            f for f in (original if isinstance(original, list | tuple) else ()) if isinstance(f, Paragraph)
        ]
        if not paras or any(getattr(f, "_continued", False) for f in cont):
            return
        if cont:  # the first column itself was split: "（续）" above its continuation
            marker = [Paragraph(CONTINUED, paras[0].style), *cont]
        else:  # a label or number beside the split text: repeat it, marked
            label = paras[0].text or ""
            marker = [
                Paragraph(
                    label if getattr(paras[0], "_continued", False) else label + CONTINUED, paras[0].style
                )
            ]
        marker[0]._continued = True
        rest._cellvalues[header][0] = marker
        # The continued row was measured without the marker, and reportlab keeps the original row's leftover
        # height even when a cell's text all fitted above the split: measure the row again from its content.
        cells = zip(rest._cellvalues[header], rest._colWidths, rest._cellStyles[header], strict=True)
        rest._argH[header] = max(_cell_height(value, width, style) for value, width, style in cells)


def _cell_height(value, width: float, style) -> float:
    inner = width - style.leftPadding - style.rightPadding
    flowables = value if isinstance(value, list | tuple) else ()
    content = sum(f.wrap(inner, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)
    return content + style.topPadding + style.bottomPadding


def _cell_fonts(flowables: Iterable, font: str) -> None:
    """Give every table cell without a font of its own the document's font.

    reportlab selects a table cell's default font (Helvetica, a base-14 font never embedded) even for an empty
    cell, so every PDF referenced it and preflight tools flagged it.
    """
    for item in flowables:
        if isinstance(item, Table):
            for styles in item._cellStyles:
                for cell in styles:
                    if cell.fontname == "Helvetica":
                        cell.fontname = font
            _cell_fonts((v for row in item._cellvalues for v in row), font)
        elif isinstance(item, list | tuple):
            _cell_fonts(item, font)
        elif hasattr(item, "_content"):  # KeepTogether
            _cell_fonts(item._content, font)


class NextDocument(Flowable):
    """Placed between two documents in one PDF (a round's forms, fonts embedded once): ends the page and numbers
    the next document from 1, as if each were printed alone and stapled.

    With `duplex` a document with an odd page count is followed by a blank page (no header, no number), so
    every document starts on the front of a sheet when the batch is printed on both sides.
    """

    def __init__(self, duplex: bool = True):
        super().__init__()
        self.duplex = duplex

    def wrap(self, *_args):
        doc = self.canv._doctemplate
        pad = self.duplex and (doc.page - doc.number_base) % 2 == 1
        if pad:
            doc.blank_pages.add(doc.page + 1)
        doc.number_base = doc.page + pad
        self._frame.add_generated_content(
            *([PageBreak(), _BlankMark(), PageBreak()] if pad else [PageBreak()])
        )
        return 0, 0

    def draw(self) -> None:
        pass


class Checkpoint(Flowable):
    """Takes no room; calls `reached()` when layout gets to it, so a long build (a round's batch) can report
    progress and stop between documents: `reached` raises to abandon the build."""

    def __init__(self, reached: Callable[[], None]):
        super().__init__()
        self.reached = reached

    def wrap(self, *_args):
        self.reached()
        return 0, 0

    def draw(self) -> None:
        pass


class _BlankMark(Flowable):
    """Nothing, on the page left blank for duplex printing (a page without any flowable counts as a runaway)."""

    def wrap(self, *_args):
        return 0, 0

    def draw(self) -> None:
        pass


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
        self.number_base = 0  # pages before the current document in a combined PDF
        self.blank_pages: set[int] = set()  # pages left blank for duplex printing: no header, no number
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author or installation.issuing_body(),
            subject=subject,
            keywords=", ".join([*keywords, f"字体：{fonts.summary()}"]),
            creator=APP_NAME,
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
        para = self._one_line(text, style, width)
        _w, h = para.wrapOn(canvas, width, 100)
        para.drawOn(canvas, x, top - h)

    def _one_line(self, text: str, style: ParagraphStyle, width: float) -> Paragraph:
        """The running header on one line: a long title (a questionnaire's, say) is cut with "…" rather than
        wrapped over the rule into the text block. The body prints the title whole."""

        def para(shown: str) -> Paragraph:
            made = Paragraph(self.router(shown, "song"), style)
            made.wrap(width, 1e6)
            return made

        whole = para(text)
        if len(whole.blPara.lines) <= 1:
            return whole
        fits, too_long = 0, len(text)
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            fits, too_long = (middle, too_long) if len(para(text[:middle] + "…").blPara.lines) <= 1 else (
                fits, middle)  # fmt: skip
        return para(text[:fits] + "…")

    def _decorate(self, canvas, doc) -> None:
        if doc.page in self.blank_pages:
            return
        canvas.saveState()
        if self.header_text:
            rule_y = PAGE_HEIGHT - MARGIN_TOP + 9 * mm
            self._draw(
                canvas, self.header_text, self.styles["header"], MARGIN_LEFT, rule_y + 6 * mm, BLOCK_WIDTH
            )
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN_LEFT, rule_y, MARGIN_LEFT + BLOCK_WIDTH, rule_y)
        if self.page_numbers:
            self._page_number(canvas, doc.page - self.number_base)
        canvas.restoreState()

    def _page_number(self, canvas, number: int) -> None:
        """The page number "— N —" in 4号, the dashes 7 mm below the block; odd pages one character in from the
        right edge, even pages one character in from the left."""
        text, size = f"— {number} —", PAGE_NUMBER_SIZE
        runs: list[
            tuple[str, str]
        ] = []  # (font, text): one string per font keeps "— 1 —" whole in the text layer
        for ch in text:
            font = self.router.font_for(ch) or self.fonts.song
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        width = sum(stringWidth(chunk, font, size) for font, chunk in runs)
        dash_font = runs[0][0]
        bounds = ink_box(dash_font, "—") if runs[0][1].startswith("—") else None
        middle = (
            (bounds[1] + bounds[3]) / 2 if bounds else 0.3
        )  # the dash's height above the baseline, in ems
        baseline = MARGIN_BOTTOM - PAGE_NUMBER_GAP - middle * size
        x = MARGIN_LEFT + BLOCK_WIDTH - size - width if number % 2 else MARGIN_LEFT + size
        for font, chunk in runs:
            canvas.setFont(font, size)
            canvas.drawString(x, baseline, chunk)
            x += stringWidth(chunk, font, size)

    def render(self, story: list[Flowable]) -> int:
        """Build the PDF; returns the number of pages."""
        _cell_fonts(story, self.fonts.song)
        self.build(story)
        return self.page

    def report(self, pages: int) -> RenderReport:
        """The fonts this document embedded and every warning (font set, characters no font has)."""
        fonts = self.fonts
        used = [fonts.files[r] for r in ("song", "hei", "title")] if fonts.embedded else [fonts.song]
        used += [fonts.fallback_files[name] for name in sorted(self.router.used_fallbacks)]
        return RenderReport(
            fonts_used=list(dict.fromkeys(used)),
            warnings=[*fonts.warnings, *self.router.warnings()],
            pages=pages,
        )
