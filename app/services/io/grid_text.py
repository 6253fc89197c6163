"""Text set on the GB/T 9704 character grid: 28 characters to a 156 mm line, 22 lines to a 225 mm page.

A reportlab Paragraph sets 16 pt characters at their 16 pt advance, so only 27 fit a line and the right edge is
ragged. Here every full-width character takes one grid cell (156 mm / 28), lines are justified to the block's
right edge, Latin letters and digits keep their own widths and stay together, and the Chinese line-breaking rules
hold: no 。，、；：？！）》」 at the start of a line and no （《「 at its end.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.services.io.fonts import GlyphRouter
from app.services.io.line_breaking import next_line_start

CHARS_PER_LINE = 28
LINES_PER_PAGE = 22


@dataclass(frozen=True)
class _Unit:
    text: str
    font: str
    width: float  # points
    wide: bool  # a full-width character: one grid cell


@dataclass(frozen=True)
class _Line:
    units: tuple[_Unit, ...]
    offset: float  # points from the left edge of the block
    gap: float  # extra points after every unit that may take it (justification)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


class GridText(Flowable):
    """One paragraph (or several, split at line breaks) on the character grid.

    `indent` is in grid cells (2 for body text), `align` is "justify" (last line of each paragraph flush left),
    "left" or "center"; `line_pitch` is the height of one grid line.
    """

    def __init__(
        self,
        text: str,
        router: GlyphRouter,
        *,
        line_pitch: float,
        role: str = "song",
        size: float = 16,
        indent: int = 2,
        align: str = "justify",
        source: str = "",
        chars: int = CHARS_PER_LINE,
    ):
        super().__init__()
        router(text, role, source)  # records characters no font has, for the document's warnings
        self.text, self.router, self.role, self.size = text, router, role, size
        self.line_pitch, self.indent, self.align, self.chars = line_pitch, indent, align, chars
        self._lines: list[_Line] | None = None
        self._width = 0.0

    # -- layout ------------------------------------------------------------------------------------------
    def _units(self, paragraph: str, pitch: float) -> list[_Unit]:
        units = []
        primary = self.router.fonts.font(self.role)
        for ch in paragraph.replace("\t", " "):
            if ch == "\r" or (unicodedata.category(ch) == "Cc"):
                continue
            font = self.router.font_for(ch, self.role) or primary
            wide = _is_wide(ch)
            width = pitch if wide else stringWidth(ch, font, self.size)
            units.append(_Unit(ch, font, width, wide))
        return units

    def _break(self, units: list[_Unit], width: float, pitch: float) -> list[_Line]:
        lines: list[_Line] = []
        i, first = 0, True
        while i < len(units):
            if not first:
                while i < len(units) and units[i].text == " ":
                    i += 1
                if i == len(units):
                    break
            start = self.indent * pitch if first and self.align == "justify" else 0.0
            avail = width - start
            j, used = i, 0.0
            while j < len(units) and used + units[j].width <= avail + 0.01:
                used += units[j].width
                j += 1
            if j == i:  # one unit wider than the line (never a character at these sizes)
                j = i + 1
            if j < len(units):
                j = self._break_point(units, i, j)
            lines.append(self._place(units[i:j], start, avail, last=j >= len(units)))
            i, first = j, False
        return lines or [_Line((), 0.0, 0.0)]

    @staticmethod
    def _break_point(units: list[_Unit], i: int, j: int) -> int:
        """Move the break back so no line starts with closing punctuation (or a run of it) or ends with an
        opening one, and a run of Latin letters and digits is not cut (unless it is longer than the line)."""
        return next_line_start([u.text for u in units], i, j)

    def _place(self, units: list[_Unit], start: float, avail: float, *, last: bool) -> _Line:
        while units and units[-1].text == " ":
            units = units[:-1]
        used = sum(u.width for u in units)
        if self.align == "center":
            return _Line(tuple(units), start + (avail - used) / 2, 0.0)
        if self.align != "justify" or last:
            return _Line(tuple(units), start, 0.0)
        # Space goes between characters, not inside a Latin word or number.
        gaps = sum(
            1 for a, b in zip(units, units[1:], strict=False) if a.wide or b.wide or " " in (a.text, b.text)
        )
        return _Line(tuple(units), start, (avail - used) / gaps if gaps else 0.0)

    def _layout(self, width: float) -> list[_Line]:
        if self._lines is None or abs(width - self._width) > 0.01:
            pitch = width / self.chars
            self._lines = [
                line
                for paragraph in self.text.replace("\r\n", "\n").split("\n")
                for line in self._break(self._units(paragraph, pitch), width, pitch)
            ]
            self._width = width
        return self._lines

    @property
    def lines(self) -> list[_Line]:
        return self._lines or []

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = len(self._layout(availWidth)) * self.line_pitch
        return self.width, self.height

    def split(self, availWidth, availHeight):
        lines = self._layout(availWidth)
        fit = int(availHeight / self.line_pitch + 1e-6)
        if fit >= len(lines):
            return [self]
        if fit <= 0:
            return []
        return [self._part(lines[:fit], availWidth), self._part(lines[fit:], availWidth)]

    def _part(self, lines: list[_Line], width: float) -> GridText:
        part = GridText.__new__(GridText)
        Flowable.__init__(part)
        # Only the settings: reportlab's own marks (_postponed, canv, _frame) must not pass to a new part.
        for name in ("text", "router", "role", "size", "line_pitch", "indent", "align", "chars"):
            setattr(part, name, getattr(self, name))
        part._lines, part._width = lines, width
        return part

    # -- drawing -----------------------------------------------------------------------------------------
    def draw(self) -> None:
        self.draw_lines(self.canv)

    def draw_lines(self, canvas) -> None:
        pitch = self._width / self.chars
        for row, line in enumerate(self.lines):
            # The middle of a CJK character (about 0.38 em above its baseline) on the middle of the grid line.
            baseline = self.height - (row + 0.5) * self.line_pitch - 0.38 * self.size
            x = line.offset
            for a, b in zip(line.units, (*line.units[1:], None), strict=False):
                canvas.setFont(a.font, self.size)
                shift = (pitch - stringWidth(a.text, a.font, self.size)) / 2 if a.wide else 0.0
                canvas.drawString(x + shift, baseline, a.text)
                x += a.width
                if b is not None and (a.wide or b.wide or " " in (a.text, b.text)):
                    x += line.gap


class SignatureBlock(Flowable):
    """发文机关署名 over 成文日期 (GB/T 9704 7.3.5.1): the date ends four characters in from the right edge, the
    issuing body is centred over the date (moved left as far as needed to stay inside the block)."""

    def __init__(self, body: str, dated: str, router: GlyphRouter, *, line_pitch: float, size: float = 16):
        super().__init__()
        self.body = GridText(body, router, line_pitch=line_pitch, size=size, indent=0, align="left")
        self.dated = GridText(dated, router, line_pitch=line_pitch, size=size, indent=0, align="left")
        self.line_pitch = line_pitch

    def wrap(self, availWidth, availHeight):
        self.body.wrap(availWidth, availHeight)
        self.dated.wrap(availWidth, availHeight)
        self.width = availWidth
        self.height = (len(self.body.lines) + len(self.dated.lines)) * self.line_pitch
        return self.width, self.height

    def draw(self) -> None:
        pitch = self.width / CHARS_PER_LINE
        dated_width = max(sum(u.width for u in line.units) for line in self.dated.lines)
        dated_left = max(0.0, self.width - 4 * pitch - dated_width)
        centre = dated_left + dated_width / 2
        placed = []
        for line in self.body.lines:
            width = sum(u.width for u in line.units)
            placed.append(_Line(line.units, max(0.0, min(centre - width / 2, self.width - width)), 0.0))
        placed += [_Line(line.units, dated_left, 0.0) for line in self.dated.lines]
        self.body._lines, self.body.height = placed, self.height
        self.body.draw_lines(self.canv)
