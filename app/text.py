"""Text as stored versus text as compared, shared by validation, search and migrations (no database, no Qt).

What a person typed is stored exactly as typed (`clean_text` only trims the ends): a registered legal name such
as "鄂尔多斯（集团）有限公司，１２３号Ａ座" must print as registered. The NFKC fold (`fold_text`, `name_key`)
is for parsing codes and numbers, matching headers and choices, and finding duplicates, never for storage.
"""

from __future__ import annotations

import re
import unicodedata

_COMPANY_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "分公司",
    "公司",
)
_BRACKETS = str.maketrans({"（": "(", "）": ")"})
_SPACES = re.compile(r"\s+")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms and the ideographic space become their half-width twins."""
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ")


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def fold_text(text: object) -> str:
    """A key for parsing and matching: half-width forms, single spaces, no leading or trailing blanks."""
    if text is None:
        return ""
    return collapse_spaces(to_halfwidth(str(text)))


def clean_text(text: object) -> str:
    """What a typed text field stores: the text as typed, without leading or trailing blanks."""
    if text is None:
        return ""
    return str(text).strip()


def name_key(name: str) -> str:
    """Fold an organisation name so near-identical names compare equal.

    "鄂尔多斯市 华泰 股份有限公司" and "鄂尔多斯市华泰有限公司" both fold to "鄂尔多斯市华泰".
    """
    folded = _SPACES.sub("", to_halfwidth(name or "")).translate(_BRACKETS).lower()
    for form in _COMPANY_FORMS:
        if folded.endswith(form) and len(folded) > len(form):
            folded = folded[: -len(form)]
            break
    return folded
