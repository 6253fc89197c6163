"""Industry choices (GB/T 4754-2017 门类 and 大类) shown by name, found by typing any part of a name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from app.services.core import reference
from app.ui.widgets import fill_combo


def make_searchable(combo: QComboBox) -> QComboBox:
    """Typing 煤炭 offers 煤炭开采和洗选业: the list is filtered by any part of the item text. Only listed
    items can be chosen; text that matches none is put back to the chosen item when the field is left."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.lineEdit().editingFinished.connect(lambda: _put_back(combo))
    return combo


def _put_back(combo: QComboBox) -> None:
    index = combo.findText(combo.currentText(), Qt.MatchFlag.MatchExactly)
    if index < 0:
        combo.setEditText(combo.itemText(combo.currentIndex()))
    elif index != combo.currentIndex():
        combo.setCurrentIndex(index)


def fill_industry_filter(combo: QComboBox) -> None:
    """Every 门类 (data "C") followed by its 大类 (data "C30"), for the register's filter."""
    names = reference.industry_divisions()
    options = {}
    for section in reference.industry_sections():
        options[section.code] = f"{section.code} {section.name}"
        for division in section.divisions():
            options[section.code + division] = f"　{section.code}{division} {names.get(division, '')}"
    fill_combo(combo, options, "全部行业")


def split_filter(data: str | None) -> tuple[str | None, str | None]:
    """(门类, 大类) of a filter item's data."""
    if not data:
        return None, None
    return data[:1], (data[1:] or None)
