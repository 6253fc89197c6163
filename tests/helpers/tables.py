"""Reading a table view the way a person reads it: a cell's text and colours, by row and column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView


def cell_text(view: QTableView, row: int, column: int) -> str:
    return view.model().index(row, column).data()


def cell_background(view: QTableView, row: int, column: int) -> str | None:
    brush = view.model().index(row, column).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if brush is not None else None


def column_texts(view: QTableView, column: int) -> list[str]:
    return [cell_text(view, r, column) for r in range(view.model().rowCount())]
