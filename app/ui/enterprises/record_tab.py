"""Common frame of the tabs listing an enterprise's records: a table, a row of buttons, reload after writes.

The writes themselves go through `session.perform`, which announces them to the other pages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.session import Session
from app.ui.tables import read_only_table
from app.ui.widgets import selected_row_id


class RecordTab(QWidget):
    """Subclasses fill `headers`, implement `load()` and add their buttons with `add_button`."""

    headers: tuple[str, ...] = ()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.enterprise_id: int | None = None
        self.editable = False
        self.write_buttons: list[QPushButton] = []
        self.table = read_only_table(self.headers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)

    def add_button(self, text: str, slot, writes: bool = True) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.addWidget(button)
        if writes:
            self.write_buttons.append(button)
        return button

    def bind(self, enterprise_id: int, editable: bool) -> None:
        self.enterprise_id, self.editable = enterprise_id, editable
        for button in self.write_buttons:
            button.setEnabled(editable)
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def fill(self, rows: list[tuple], keys: list | None = None) -> None:
        """Put rows of display values in the table; `keys` (e.g. record ids) go into each row's first cell."""
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem("" if value is None else str(value))
                if c == 0 and keys is not None:
                    item.setData(Qt.ItemDataRole.UserRole, keys[r])
                self.table.setItem(r, c, item)

    def selected_key(self):
        return selected_row_id(self.table, Qt.ItemDataRole.UserRole)

    def changed(self) -> None:
        self.load()
