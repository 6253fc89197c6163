"""Nothing is printed outside the text block: every document kind, its stored text as long as a clerk may type it
(long names, unbreakable Latin and digit runs, closing punctuation, Extension B), rendered to page images with
pdftoppm and measured with Pillow.

Outside the 156 × 225 mm block only the page furniture may carry ink: the running header above its rule and the
"— N —" page number below the block. The margins left and right, the strip between the header rule and the block,
and the strip between the block and the page number stay white on every page.
"""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from app.services.io.fonts import load_fonts
from app.services.io.page_layout import BLOCK_HEIGHT, BLOCK_WIDTH, MARGIN_LEFT, MARGIN_TOP, PAGE_NUMBER_GAP
from tests.helpers.documents import render_each_long

DPI = 150
PT_PER_MM = 72 / 25.4
LEFT, RIGHT = MARGIN_LEFT / PT_PER_MM, (MARGIN_LEFT + BLOCK_WIDTH) / PT_PER_MM  # mm from the page's left edge
TOP = MARGIN_TOP / PT_PER_MM  # mm from the page's top edge
BOTTOM = TOP + BLOCK_HEIGHT / PT_PER_MM
RULE = TOP - 9  # the running header's rule, 9 mm above the block
NUMBER = BOTTOM + PAGE_NUMBER_GAP / PT_PER_MM  # the middle of the page number's dashes
SLACK = 0.5  # mm: a border's half width and the pixel grid

# Bands (top, bottom) in mm that must hold no ink across the whole page width.
CLEAR_BANDS = {
    "above the header": (0, RULE - 8),
    "between the header rule and the block": (RULE + SLACK + 0.3, TOP - SLACK),
    "between the block and the page number": (BOTTOM + SLACK, NUMBER - 3),
    "below the page number": (NUMBER + 3, 297),
}

KINDS = dict(render_each_long(load_fonts()))


def _pages(pdf: bytes, folder) -> list[Image.Image]:
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(path), str(folder / "p")], check=True)
    return [Image.open(p).point(lambda v: 255 if v < 160 else 0) for p in sorted(folder.glob("p-*.pgm"))]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_ink_outside_the_text_block(kind, tmp_path):
    pages = _pages(KINDS[kind], tmp_path)
    assert pages
    px = DPI / 25.4
    for number, ink in enumerate(pages, start=1):
        found = ink.getbbox()
        if found is None:  # a page left blank for duplex printing
            continue
        left, _top, right, _bottom = (v / px for v in found)
        assert left >= LEFT - SLACK and right <= RIGHT + SLACK, (
            kind,
            number,
            round(left, 2),
            round(right, 2),
        )
        for name, (top, bottom) in CLEAR_BANDS.items():
            band = ink.crop((0, round(top * px), ink.width, round(bottom * px))).getbbox()
            assert band is None, (
                f"{kind} page {number}: ink {name} ({band[1] / px + top:.1f} mm from the top)"
            )
