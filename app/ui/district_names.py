"""Districts as lists show them: the official name, or the reference data's short name when the official one is
too long for a column (鄂尔多斯高新技术产业开发区 → 高新区), with the official name as the cell's tooltip.

Only screens use this; printed documents and exports keep the official names.
"""

from __future__ import annotations

from collections.abc import Callable

from app.services.core import reference
from app.ui.tables import Column

LONGEST_SHOWN = 6  # characters: 鄂托克前旗 and 伊金霍洛旗 stay as they are
_short: dict[str, str] = {}


def _short_names() -> dict[str, str]:
    if not _short:  # the reference districts are the same in every register: read them once
        _short.update({d.name: d.short_name for d in reference.districts() if len(d.name) > LONGEST_SHOWN})
    return _short


def district_text(name: str | None) -> str:
    """What a list shows for the district called `name`."""
    name = name or ""
    return _short_names().get(name, name) if len(name) > LONGEST_SHOWN else name


def district_tip(name: str | None) -> str:
    """The official name when the list shows a shorter one, else ''."""
    return name if name and district_text(name) != name else ""


def district_column(title: str, name: Callable[[object], str | None], look=None) -> Column:
    """A RowsModel column of districts: `name(row)` is the official name."""
    return Column(title, lambda r: district_text(name(r)), tooltip=lambda r: district_tip(name(r)), look=look,
                  raw=lambda r: name(r) or None)  # exports keep the official name
