"""Chinese line breaking (禁则) for every printed paragraph: where a line may end so the next one starts well.

No 。，、；：？！）》」 (nor any run of them, "，，。") at the start of a line, no （《「 at its end, and a run of Latin
letters and digits is not cut. Nothing hangs past the right edge of the text block: where reportlab's CJK wrap
would hang one closing mark in the margin and start the line after it with the next one, the break moves back
to before the whole run.

`next_line_start` is the rule; `install()` puts it under reportlab's CJK paragraph wrapping (both its paths:
one run of text in one font and mixed fonts), which every document's table cells and paragraphs use.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.rl_config import _FUZZ

NO_LINE_START = frozenset(
    "。，、；：？！）》」』】〕〗〙〛〉”’…％‰．｡､｠］｝"  # full-width closing marks
    ".,;:?!)]}%"
)
NO_LINE_END = frozenset("（《「『【〔〖〘〚〈“‘［｛｟([{")


def _wordlike(ch: str) -> bool:
    """Part of a Latin word or number that should not be cut (a narrow, visible character)."""
    return bool(ch) and not ch.isspace() and unicodedata.east_asian_width(ch) not in ("W", "F")


def _may_break(chars: Sequence[str], k: int, *, words: bool) -> bool:
    """A line may end before chars[k]."""
    before, after = chars[k - 1], chars[k]
    if after in NO_LINE_START or after == " ":
        return False
    j = k - 1
    while j > 0 and chars[j] == " ":  # "（ " ends a line as badly as "（"
        j -= 1
    if chars[j] in NO_LINE_END:
        return False
    return not (words and _wordlike(before) and _wordlike(after))


def next_line_start(chars: Sequence[str], start: int, end: int) -> int:
    """Where the line beginning at `start` should end, given that chars[start:end] fit and chars[end] does not.

    The break moves back as far as needed (to the line start at most): first to a place that cuts no Latin word,
    else to one that keeps the punctuation rules only. A line made of nothing but a closing run (longer than a
    line) breaks where it overflows, as nothing else can fit.
    """
    if end <= start + 1 or end >= len(chars):
        return max(end, start + 1)
    for words in (True, False):
        for k in range(end, start, -1):
            if _may_break(chars, k, words=words):
                return k
    return end


def _frag_split(frags, maxWidths, calcBounds, encoding="utf8"):
    """reportlab's cjkFragSplit with the break chosen by `next_line_start` and no hanging punctuation."""
    units, hard_after = [], []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        units += [rl_paragraph.cjkU(t, f, encoding) for t in text or [""]]
        hard_after += [hasattr(f, "lineBreak")] * max(len(text), 1)
    chars = [str(u) for u in units]
    # Widths given relative to the line (inline images) are taken against the first line's width.
    widths = [_width(u, maxWidths[0]) for u in units]
    lines = []
    start, n = 0, len(units)
    while start < n:
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        limit = max_width + _FUZZ
        used, i, hard = 0.0, start, False
        while i < n and (used + widths[i] <= limit or i == start):
            used += widths[i]
            i += 1
            if hard_after[i - 1]:
                hard = True
                break
        end = i if hard or i >= n else next_line_start(chars, start, i)
        used = sum(widths[start:end])
        line = rl_paragraph.makeCJKParaLine(
            units[start:end], max_width, used, max_width - used, hard, calcBounds
        )
        lines.append(line)
        start = end
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def _width(unit, max_width: float) -> float:
    w = unit.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return w


def _word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):
    """reportlab's wordSplit (one run of text in one font) with the same rule: [extra space, line text]."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = [stringWidth(ch, fontName, fontSize) for ch in text]
    lines = []
    start, n = 0, len(text)
    while start < n:
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        used, i = 0.0, start
        while i < n and (used + widths[i] <= max_width + _FUZZ or i == start):
            used += widths[i]
            i += 1
        end = i if i >= n else next_line_start(text, start, i)
        lines.append([max_width - sum(widths[start:end]), text[start:end]])
        start = end
    return lines


def install() -> None:
    """Make reportlab's CJK paragraphs (style wordWrap="CJK") break lines by these rules; idempotent."""
    rl_paragraph.cjkFragSplit = _frag_split
    rl_paragraph.wordSplit = _word_split


install()
