"""A sample line printed with the document fonts, and which font file draws each of its characters.

The settings screen shows both: the line as the PDF will have it (so a rare character that prints as a blank
is seen before a certificate goes out), and per character the file that draws it or that none does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.services.io.fonts import FontSet, GlyphRouter
from app.services.io.line_breaking import install as install_line_breaking

install_line_breaking()

# Characters that name real people and firms and that many fonts lack: 堃 (GBK), 䶮 (Ext-A), 𠮷 (Ext-B).
SAMPLE_TEXT = "鄂尔多斯市知识产权保护 堃 䶮 𠮷 2026年"
RARE_CHARACTERS = "堃䶮𠮷"
PAGE_WIDTH, PAGE_HEIGHT = 150 * mm, 16 * mm


@dataclass(frozen=True)
class GlyphSource:
    char: str
    font_file: str  # "" for the built-in CID font or when no font has the character
    fallback: bool  # drawn by a fallback face, not the role's own font
    missing: bool  # no font found has it: it prints as a blank


def glyph_sources(fonts: FontSet, text: str = RARE_CHARACTERS, role: str = "song") -> list[GlyphSource]:
    router = GlyphRouter(fonts)
    files = {
        **{fonts.font(r): fonts.files.get(r, "") for r in ("song", "hei", "kai")},
        **fonts.fallback_files,
    }
    out = []
    for char in dict.fromkeys(c for c in text if not c.isspace()):
        name = router.font_for(char, role)
        file = files.get(name, "") if name else ""
        out.append(GlyphSource(char, file, name not in (None, fonts.font(role)), name is None))
    return out


def describe(source: GlyphSource) -> str:
    """ "𠮷：HanaMinA.ttf（补字）", or that the character prints as a blank."""
    if source.missing:
        return f"{source.char}：已找到的字体都没有此字，打印时为空白"
    name = Path(source.font_file).name if source.font_file else "内置字体（不嵌入）"
    return f"{source.char}：{name}" + ("（补字）" if source.fallback else "")


def sample_pdf(fonts: FontSet, text: str = SAMPLE_TEXT, role: str = "song") -> bytes:
    """A one-line PDF of `text` in the role's font, with the same per-character fallbacks as every document."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    style = ParagraphStyle("sample", fontName=fonts.font(role), fontSize=16, leading=20)
    paragraph = Paragraph(GlyphRouter(fonts)(text, role), style)
    _w, height = paragraph.wrap(PAGE_WIDTH - 8 * mm, PAGE_HEIGHT)
    paragraph.drawOn(canvas, 4 * mm, (PAGE_HEIGHT - height) / 2)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
