"""The tables of the 统计报表 page: a section's districts against its figures with the total row last, and a
small two-column table for one breakdown (case types, channels, outcomes, questionnaires)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QWidget

from app.services.statistics.sections import figure_text
from app.ui.district_names import district_column
from app.ui.tables import Column, RowsModel, declare_matters, fill_table

RIGHT = Qt.AlignmentFlag.AlignRight
TOTAL_LOOK = ("#1a1a1a", "#e3e9f2")


def _total_look(row: dict):
    return TOTAL_LOOK if "code" not in row else None  # the total row is the one without a district code


def _read_only(table: QTableView) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)


class SectionTable(QTableView):
    """旗区 | one column per figure; the columns come with the first section shown (they never change)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows_model: RowsModel | None = None
        _read_only(self)

    def show_section(self, section: dict) -> None:
        if self.rows_model is None:
            columns = [district_column("旗区", lambda row: row["name"], look=_total_look)]
            columns += [Column(c["label"], lambda row, key=c["key"]: figure_text(key, row[key]), look=_total_look, align=RIGHT)
                        for c in section["columns"]]  # fmt: skip
            self.rows_model = RowsModel(columns, key=lambda row: row.get("code", "total"), parent=self)
            self.setModel(self.rows_model)
            declare_matters(self, [column.title for column in columns])
            self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rows_model.set_rows([*section["rows"], section["total"]])
        # As tall as its rows, so every district and the total show at once and a chart gets the rest.
        rows = self.rows_model.rowCount() * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(rows + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2)

    def cell(self, row: int, column: int) -> str:
        return self.rows_model.index(row, column).data() if self.rows_model else ""


class BreakdownTable(QTableWidget):
    """One breakdown: label | count, largest first, as the service orders them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        _read_only(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def show_counts(self, breakdown: dict) -> None:
        self.setHorizontalHeaderLabels([breakdown["title"], "数量"])
        declare_matters(self, (breakdown["title"], "数量"))
        fill_table(self, list(breakdown["counts"].items()) or [("（无）", "")])
        for r in range(self.rowCount()):
            self.item(r, 1).setTextAlignment(RIGHT | Qt.AlignmentFlag.AlignVCenter)
