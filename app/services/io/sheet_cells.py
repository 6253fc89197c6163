"""Sheet columns and cells in general: a column's spec, header folding, and the error a bad cell gets.

Headers are matched by meaning: spaces, full-width forms, bracketed notes such as （件）（盖章）（18位）, required
marks (*) and punctuation are ignored. Each domain declares its own columns with these parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.text import to_halfwidth

# Cell kinds: how a raw cell value is read before the field's own cleaner sees it.
TEXT, COUNT, YES_NO, DATE, AMOUNT, YEAR = "text", "count", "yes_no", "date", "amount", "year"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    kind: str = TEXT
    required: bool = False
    width: int = 14
    choices: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class TableColumn:
    """A column of a written table: its header, width, whether it is required, a number format."""

    header: str
    width: int = 14
    required: bool = False
    number_format: str | None = None


@dataclass
class CellError:
    """Why one cell of a clerk's sheet was refused, named by row and column as Excel shows them."""

    row: int
    column: str  # letter
    header: str
    value: object
    reason: str


# Why a cell holding a formula that was never calculated (a file written by a program) is refused: its value
# would read as blank, and "必填" would send the clerk looking for an entry that is there.
UNCOMPUTED_FORMULA = "公式无计算结果，请在 Excel 中打开并保存，或改为文字"

_NOTES = re.compile(r"[(\[【].*?[)\]】]")
_NOISE = re.compile(r"[\s*:：/、,，.。\-_]")


def fold_header(text) -> str:
    """The meaning of a header cell: no notes in brackets, no spaces, marks or punctuation; half-width, lower case."""
    if text is None:
        return ""
    folded = to_halfwidth(str(text)).replace("（", "(").replace("）", ")")
    folded = _NOTES.sub("", folded)
    return _NOISE.sub("", folded).lower()
