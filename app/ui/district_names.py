"""Districts as lists show them: the official name, or the reference data's short name when the official one is
too long for a column (鄂尔多斯高新技术产业开发区 → 高新区), with the official name as the cell's tooltip.

Only screens use this; printed documents and exports keep the official names (a list's cells carry the
official name in RAW_ROLE, which an export of the list writes).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem

from app.services.core import reference
from app.ui.tables import RAW_ROLE, Column

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


def district_cell(name: str | None) -> QTableWidgetItem:
    """A QTableWidget cell of a district (for `fill_table`): the shown name, the official one as its tooltip
    and as what an export writes."""
    item = QTableWidgetItem(district_text(name))
    if district_tip(name):
        item.setToolTip(name)
        item.setData(RAW_ROLE, name)
    return item


def fill_district_combo(combo: QComboBox, districts, blank: str | None = None) -> None:
    """A combo of districts (code as data) showing the names lists show, the official name as the tooltip."""
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for district in districts:
        add_district_item(combo, district.name, district.code)


def add_district_item(combo: QComboBox, name: str, data) -> None:
    combo.addItem(district_text(name), data)
    if district_tip(name):
        combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
