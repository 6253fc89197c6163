"""Plain read-only tables: built, filled with rows keyed by record id, sized, and asked which row is chosen.

A list that can grow uses `RowsModel` instead: a table model over the plain frozen rows a service returned,
its columns declared once (title, text, tooltip, colours) rather than painted cell by cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLayout,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets import selected_row_id

MATTERS, NAMES = "columns_that_matter", "columns_of_names"  # view properties, see `declare_matters`
KEY_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a row of a LazyRowsModel
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole row record, from any cell
RAW_ROLE = Qt.ItemDataRole.UserRole + 50  # the value an export writes, when not the text shown (see table_export)
_ROOT = QModelIndex()


class HeadedModel(QAbstractTableModel):
    """A flat table model with fixed column titles; subclasses say how many rows and what each cell shows."""

    headers: Sequence[str] = ()

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class LazyRowsModel(HeadedModel):
    """Rows of a long list (the register, the audit log) known by id and read a page at a time as shown.

    `fetch(ids)` returns {id: row} for a page; `cell(row, column, role)` says what a cell shows."""

    page_size = 200

    def __init__(self, fetch: Callable[[list[int]], dict], parent=None):
        super().__init__(parent)
        self.fetch = fetch
        self.ids: list[int] = []
        self._rows: dict[int, object] = {}

    def set_ids(self, ids: list[int]) -> None:
        """A new list: every cached row is stale."""
        self.beginResetModel()
        self.ids = ids
        self._rows.clear()
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.ids)

    def row_at(self, row: int):
        if not 0 <= row < len(self.ids):
            return None
        record_id = self.ids[row]
        if record_id not in self._rows:
            start = row - row % self.page_size
            self._rows.update(self.fetch(self.ids[start : start + self.page_size]))
        return self._rows.get(record_id)

    def row_of_id(self, record_id: int) -> int:
        try:
            return self.ids.index(record_id)
        except ValueError:
            return -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        row = self.row_at(index.row())
        return None if row is None else self.cell(row, index.column(), role)

    def cell(self, row, column: int, role):
        raise NotImplementedError


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
            # A ready cell (a district's short name with its tooltip …) is used as it is.
            item = value if isinstance(value, QTableWidgetItem) else QTableWidgetItem("" if value is None else str(value))
            if c == 0 and keys is not None:
                item.setData(KEY_ROLE, keys[r])
            if look:
                item.setForeground(QBrush(QColor(look[0])))
                item.setBackground(QBrush(QColor(look[1])))
            table.setItem(r, c, item)


def fit_columns(table: QTableView, widths: tuple[int, ...]) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)


def selected_key(table: QTableWidget):
    return selected_row_id(table, KEY_ROLE)


# --- a model over plain rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a RowsModel: its title and how a row shows in it."""

    title: str
    text: Callable[[object], str]
    tooltip: Callable[[object], str] | None = None
    look: Callable[[object], tuple[str, str | None] | None] | None = None  # (text colour, background or None)
    align: Qt.AlignmentFlag | None = None
    raw: Callable[[object], object] | None = None  # what an export writes instead of the text (RAW_ROLE)


_ROOT = QModelIndex()


class RowsModel(QAbstractTableModel):
    """Read-only rows (plain records) under declared columns; `key(row)` is what KEY_ROLE answers."""

    def __init__(self, columns: Sequence[Column], key: Callable[[object], object] = lambda row: row.id,
                 parent=None):  # fmt: skip
        super().__init__(parent)
        self.columns = tuple(columns)
        self.key = key
        self.rows: list = []
        self._brushes: dict[str, QBrush] = {}

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of_key(self, key) -> int:
        return next((r for r, row in enumerate(self.rows) if self.key(row) == key), -1)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == KEY_ROLE:
            return self.key(row)
        if role == ROW_ROLE:
            return row
        if role == RAW_ROLE and column.raw is not None:
            return column.raw(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and column.look is not None:
            look = column.look(row)
            colour = look and look[0 if role == Qt.ItemDataRole.ForegroundRole else 1]
            return self._brush(colour) if colour else None
        return None

    def _brush(self, colour: str) -> QBrush:
        if colour not in self._brushes:
            self._brushes[colour] = QBrush(QColor(colour))
        return self._brushes[colour]


def rows_view(model: RowsModel) -> QTableView:
    """A view of a RowsModel that reads like make_table's tables: whole rows picked one at a time."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    return view


def fitted_rows_view(model: RowsModel, widths: tuple[int, ...]) -> QTableView:
    """rows_view laid out like make_table's tables: one line per row, given widths, the last column stretched."""
    view = rows_view(model)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    fit_columns(view, widths)
    return view


def declare_matters(view: QTableView, titles: Sequence[str], names: Sequence[str] = ()) -> None:
    """The columns a person reads this list by (`titles`, plus `names`): they must show in full at 1024 px
    without scrolling sideways (the screen harness checks it on the demo rows). `names` are columns of long
    names: the typical one must fit, a longer one loses its middle rather than its distinctive end, and a cut
    cell shows its whole text as a tooltip."""
    view.setProperty(MATTERS, [*titles, *names])
    view.setProperty(NAMES, list(names))
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    if type(view.itemDelegate()) is QStyledItemDelegate:
        view.setItemDelegate(FullTextTips(view))


class EmptyHint(QLabel):
    """What to do about an empty list (点击“新建”，或从 Excel 导入), shown in the middle of the table while it
    has no rows; clicks go through to the table."""

    def __init__(self, view: QTableView, text: str):
        super().__init__(text, view.viewport())
        self.view = view
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #888888; font-size: 11pt;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_state)  # a bound slot: disconnected when the hint goes
        view.viewport().installEventFilter(self)
        self.update_state()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.resize(event.size())
        return False

    def update_state(self, *_args) -> None:
        self.resize(self.parentWidget().size())
        self.setVisible(self.view.model().rowCount() == 0 and bool(self.text()))


def show_first(view: QTableView, titles: Sequence[str]) -> None:
    """Show these columns first, in this order (on screen only: the model, its exports and sorting keep theirs),
    so a narrow window shows them without scrolling sideways."""
    header, model = view.horizontalHeader(), view.model()
    logical = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())}
    for place, title in enumerate(titles):
        header.moveSection(header.visualIndex(logical[title]), place)


def text_margin(view: QTableView) -> int:
    """What a cell adds to its text's width: the style's margin either side and the grid line."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * margin + (1 if view.showGrid() else 0)


class FullTextTips(QStyledItemDelegate):
    """A cell too narrow for its text shows the whole text as its tooltip (unless it has a tooltip of its own)."""

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and not index.data(Qt.ItemDataRole.ToolTipRole):
            text = str(index.data() or "")
            if option.fontMetrics.horizontalAdvance(text) + text_margin(view) > option.rect.width():
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)


def list_layout(owner: QWidget, top: QLayout, table: QTableView, bottom: QLayout) -> QWidget:
    """Lay `owner` out as a list page: filters (`top`) over the table, which takes the spare height, over a
    row of buttons (`bottom`); returns `owner`."""
    layout = QVBoxLayout(owner)
    layout.addLayout(top)
    layout.addWidget(table, 1)
    layout.addLayout(bottom)
    return owner


def select_key(view: QTableView, key, scroll: bool = True) -> bool:
    """Select the row of a RowsModel whose key is `key`; False when no row has it."""
    model = view.model()
    row = model.row_of_key(key) if isinstance(model, RowsModel) else -1
    if row < 0:
        return False
    view.selectRow(row)
    if scroll:
        view.scrollTo(model.index(row, 0))
    return True
