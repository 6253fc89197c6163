"""Plain read-only tables: built, filled with rows keyed by record id, sized, and asked which row is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.ui.widgets import selected_row_id

KEY_ROLE = Qt.ItemDataRole.UserRole


def read_only_table(headers: tuple[str, ...] | list[str]) -> QTableWidget:
    """A table the user reads and picks one whole row from: no editing, no row numbers."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    return table


def make_table(headers: tuple[str, ...] | list[str], stretch_last: bool = True) -> QTableWidget:
    """A read-only, whole-row-selecting table with the given column titles."""
    table = read_only_table(headers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table


def fill_table(
    table: QTableWidget, rows: list[tuple], keys: list | None = None, looks: list | None = None
) -> None:
    """Rows of display values; `keys` go into each row's first cell, `looks` (fg, bg) colour whole rows."""
    table.setSortingEnabled(False)
    table.clearSelection()
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        look = looks[r] if looks else None
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if c == 0 and keys is not None:
                item.setData(KEY_ROLE, keys[r])
            if look:
                item.setForeground(QBrush(QColor(look[0])))
                item.setBackground(QBrush(QColor(look[1])))
            table.setItem(r, c, item)


def fit_columns(table: QTableWidget, widths: tuple[int, ...]) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)


def selected_key(table: QTableWidget):
    return selected_row_id(table, KEY_ROLE)
