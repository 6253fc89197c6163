"""Chinese line breaking: no closing punctuation (nor a run of it) starts a line, no opening one ends a line,
nothing hangs past the line's width, and no character is lost or added — in reportlab paragraphs (one font and
mixed fonts), on the GB/T 9704 grid, and in a real PDF's text layer."""

from __future__ import annotations

import io
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.services.io.fonts import GlyphRouter, load_fonts
from app.services.io.grid_text import GridText
from app.services.io.line_breaking import NO_LINE_END, NO_LINE_START, next_line_start
from app.services.io.page_layout import FormTable, OfficialDocTemplate, form_table_style
from tests.helpers.pdf import squash

FONTS = load_fonts()
ROUTER = GlyphRouter(FONTS)
CLOSING = sorted(NO_LINE_START)
OPENING = sorted(NO_LINE_END)
SIZE = 10.5


@st.composite
def punctuated(draw) -> str:
    """Chinese and Latin words with runs of closing marks (up to five, "，，。") and opening marks between them."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.text(st.sampled_from("知识产权保护名录申报企业鄂尔多斯市䶮堃"), min_size=1, max_size=12),
                st.text(st.sampled_from("abcXYZ0123456789"), min_size=1, max_size=8),
                st.lists(st.sampled_from(CLOSING), min_size=1, max_size=5).map("".join),
                st.sampled_from(OPENING),
                st.just(" "),
            ),
            min_size=1,
            max_size=60,
        )
    )
    return "".join(pieces)


def _legal(chars: str, k: int) -> bool:
    """The rule itself: a line may end before chars[k] unless that starts it with a closing mark or a space, or
    ends it with an opening mark (spaces after the mark aside)."""
    return chars[k] not in NO_LINE_START and chars[k] != " " and chars[:k].rstrip()[-1:] not in NO_LINE_END


def _check_lines(lines: list[str]) -> None:
    for before, line in zip(lines, lines[1:], strict=False):
        bad = line[:1] in NO_LINE_START or before.rstrip()[-1:] in NO_LINE_END
        # Allowed only where the line before had no legal place to break (a character with a closing run
        # longer than the line, "‘䶮!!%%" in four characters): nothing else could have filled it.
        joined = before + line[:1]
        assert not bad or not any(_legal(joined, k) for k in range(1, len(before))), lines


def _paragraph_lines(para: Paragraph) -> list[tuple[str, float]]:
    """(text, width used) of each line of a wrapped paragraph, for both of reportlab's line kinds."""
    out = []
    for line in para.blPara.lines:
        if isinstance(line, tuple | list):  # one font: (extra space, [text])
            out.append((line[1][0], para.width - line[0]))
        else:
            out.append(("".join(f.text for f in line.words), line.currentWidth))
    return out


def test_a_run_of_closing_marks_moves_with_the_character_before_it():
    chars = list("申报企业名录，，。后文")
    # "申报企业名录，" fits, the second "，" does not: the line ends before 录 so the run stays with it.
    assert next_line_start(chars, 0, 7) == 5
    assert next_line_start(list("（申报"), 0, 1) == 1  # nothing fits but the first character: take it
    assert next_line_start(list("申（报告"), 0, 2) == 1  # "（" does not end a line
    assert next_line_start(list("版本ABC123号"), 0, 4) == 2  # a Latin run is not cut


@settings(max_examples=300, deadline=None)
@given(punctuated(), st.integers(4, 40), st.booleans())
def test_paragraph_lines_never_open_with_closing_punctuation(text, chars_per_line, mixed_fonts):
    width = chars_per_line * SIZE
    style = ParagraphStyle("t", fontName=FONTS.song, fontSize=SIZE, leading=SIZE * 1.45, wordWrap="CJK")
    # Routed markup gives several font runs (reportlab's mixed path); plain text is one run (its other path).
    markup = ROUTER(text, "song") if mixed_fonts else text.replace("&", "&amp;").replace("<", "&lt;")
    para = Paragraph(markup, style)
    para.wrap(width, 1e6)
    lines = _paragraph_lines(para)
    assert squash("".join(t for t, _w in lines)) == squash(text)  # markup parsing folds runs of spaces
    for line, used in lines:
        assert used <= width + 0.01 or len(line) == 1, (line, used, width)  # nothing hangs in the margin
    _check_lines([t for t, _w in lines])


@settings(max_examples=300, deadline=None)
@given(punctuated(), st.integers(8, 28))
def test_grid_lines_never_open_with_closing_punctuation(text, chars):
    grid = GridText(text, ROUTER, line_pitch=20, size=16, indent=2, chars=chars)
    grid.wrap(chars * 16, 1e6)
    lines = ["".join(u.text for u in line.units) for line in grid.lines]
    assert squash("".join(lines)) == squash(text)
    _check_lines(lines)


@settings(max_examples=25, deadline=None)
@given(punctuated())
def test_rendered_cells_never_open_a_line_with_closing_punctuation(text):
    """The same rule read back from a real PDF: each cell's lines as the text layer holds them."""
    buf = io.BytesIO()
    doc = OfficialDocTemplate(buf, fonts=FONTS, title="断行", page_numbers=False)
    style = doc.styles["cell"]
    table = FormTable(
        [[Paragraph(doc.router(text, "song"), style)]], colWidths=[60 * mm], style=form_table_style()
    )
    doc.render([table])
    layer = subprocess.run(["pdftotext", "-", "-"], input=buf.getvalue(), capture_output=True, check=True)
    lines = layer.stdout.decode().replace("\f", "").splitlines()
    lines = [line for line in lines if line.strip()]
    _check_lines([line.strip() for line in lines])
