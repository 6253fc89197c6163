"""Choosing an enterprise: type part of a name or credit code, pick one of the matches.

`find_enterprises` is the one register search behind both ways of choosing: `EnterpriseChooser`, a dialog
with a search box over a table of matches (over the whole register, or over a given list of choices), and
`EnterprisePicker`, an inline search box + combo for forms (by default only the enterprises the user may
record work for; optional leading items such as “我联络的企业” carry their own data instead of an id).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.core import reference
from app.services.core.permissions import can_write_enterprises
from app.services.enterprises.search import (
    MAX_SEARCH_LENGTH,
    EnterpriseQuery,
    RegisterRow,
    fetch_rows,
    search_ids,
)
from app.ui.dirty_guard import IGNORED
from app.ui.district_names import district_cell, district_text
from app.ui.session import Session
from app.ui.tables import declare_matters
from app.ui.window_state import place

PICK_LIMIT = 50  # matches shown by the register chooser
LIMIT = 200  # matches offered by the inline picker
DISTRICT = "所属旗区"  # its cells show the short name of a long district name, the official one as a tooltip
BASE_COLUMNS = (
    ("企业名称", lambda e: e.name),
    ("统一社会信用代码", lambda e: e.uscc),
    (DISTRICT, lambda e: e.district),
)


def find_enterprises(
    actor, text: str, limit: int, keep: Callable[[RegisterRow], bool] | None = None
) -> tuple[int, list[RegisterRow]]:
    """How many enterprises match `text`, and the first `limit` of them (those `keep` accepts, looking at
    up to twice the limit when it is given)."""
    ids = search_ids(actor, EnterpriseQuery(text=text))
    window = ids[: limit * 2] if keep else ids[:limit]
    found = fetch_rows(window)
    rows = [found[i] for i in window if i in found and (keep is None or keep(found[i]))]
    return len(ids), rows[:limit]


class EnterpriseChooser(QDialog):
    """A search box over a table of matches; `find(text)` gives the rows and a hint. `chosen` is the row chosen."""

    def __init__(self, title: str, find: Callable[[str], tuple[list, str]], columns: Sequence = BASE_COLUMNS,
                 placeholder: str = "输入企业名称或统一社会信用代码", parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self._find, self.columns, self.chosen, self.rows = find, columns, None, []
        self.setWindowTitle(title)
        place(self, (640, 420))
        self.search = QLineEdit(placeholderText=placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setProperty(IGNORED, True)  # what is searched for is not data; the chosen enterprise is
        self.search.setMaxLength(MAX_SEARCH_LENGTH)
        self.search.textChanged.connect(lambda _t: self.find())
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([header for header, _value in columns])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # the credit code whole, always
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.table, [title for title, _value in columns[1:]], names=(columns[0][0],))
        self.table.doubleClicked.connect(lambda _i: self.choose())
        self.hint = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.find()

    def find(self) -> None:
        self.rows, hint = self._find(self.search.text().strip())
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, (header, value) in enumerate(self.columns):
                text = value(row)
                self.table.setItem(r, c, district_cell(text) if header == DISTRICT else QTableWidgetItem(text))
        self.hint.setText(hint)
        if self.rows:
            self.table.selectRow(0)

    def choose(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.rows[rows[0].row()]
            self.accept()

    def chosen_id(self) -> int | None:
        return self.chosen.id if self.chosen is not None else None


def register_chooser(actor, title: str, parent: QWidget | None = None) -> EnterpriseChooser:
    """Search the whole register (nothing is listed until something is typed); `chosen` is a RegisterRow."""

    def find(text: str) -> tuple[list, str]:
        if not text:
            return [], ""
        total, rows = find_enterprises(actor, text, PICK_LIMIT)
        more = f"（仅显示前 {PICK_LIMIT} 家，请输入更多字）" if total > PICK_LIMIT else ""
        return rows, f"找到 {total} 家{more}"

    return EnterpriseChooser(title, find, parent=parent)


def choices_chooser(choices: Sequence, extra_columns: Sequence = (), parent: QWidget | None = None):
    """Filter a given list (items with id, name, uscc and district) by any of its columns' text."""
    columns = (*BASE_COLUMNS, *extra_columns)

    def find(text: str) -> tuple[list, str]:
        text = text.upper()
        return [c for c in choices if text in "".join(v(c) for _h, v in columns).upper()], ""

    return EnterpriseChooser("选择企业", find, columns, "输入企业名称或统一社会信用代码筛选", parent)


class EnterprisePicker(QWidget):
    """Inline: a search box and a combo of the matches (at most LIMIT of them)."""

    changed = Signal()

    def __init__(
        self,
        session: Session,
        writable_only: bool = True,
        extra: tuple[tuple[str, object], ...] = (),
        parent: QWidget | None = None,
        stacked: bool = False,
    ):
        super().__init__(parent)
        self.session, self.writable_only, self.extra = session, writable_only, extra
        self._district_ids = {d.name: d.id for d in reference.districts()}
        self._districts: dict[int, int] = {}  # enterprise id → district id
        self.search = QLineEdit(placeholderText="输入名称或信用代码查找")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_SEARCH_LENGTH)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(220)
        self.search.setMinimumWidth(150)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        row = QVBoxLayout(self) if stacked else QHBoxLayout(self)  # stacked: a narrow form column
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo if stacked else self.search, 2)
        row.addWidget(self.search if stacked else self.combo, 3)
        self.refresh()

    def _writable(self, row: RegisterRow) -> bool:
        return can_write_enterprises(self.session.user, self._district_ids.get(row.district))

    def refresh(self) -> None:
        """Re-run the search; the chosen item stays chosen when it is still among the matches."""
        self._timer.stop()
        keep = self.combo.currentData()
        _total, rows = find_enterprises(
            self.session.user, self.search.text(), LIMIT, self._writable if self.writable_only else None
        )
        choices = []
        for row in rows:
            self._districts[row.id] = self._district_ids.get(row.district)
            choices.append((f"{row.name}（{district_text(row.district)}）", row.id))
        self.combo.blockSignals(True)
        self.combo.clear()
        for label, data in (*self.extra, *choices):
            self.combo.addItem(label, data)
        if not choices and not self.extra:
            self.combo.addItem("（没有可选的企业）", None)
        index = self.combo.findData(keep) if keep is not None else -1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        if self.combo.currentData() != keep:
            self.changed.emit()

    def set_enterprise(self, enterprise_id: int) -> None:
        """Choose an enterprise even when it is not among the current matches."""
        index = self.combo.findData(enterprise_id)
        if index < 0:
            row = fetch_rows([enterprise_id]).get(enterprise_id)
            if row is None:
                return
            self._districts[enterprise_id] = self._district_ids.get(row.district)
            self.combo.addItem(f"{row.name}（{district_text(row.district)}）", enterprise_id)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def current_data(self):
        return self.combo.currentData()

    def current_id(self) -> int | None:
        data = self.combo.currentData()
        return data if isinstance(data, int) else None

    def district_id(self) -> int | None:
        ent_id = self.current_id()
        return self._districts.get(ent_id) if ent_id is not None else None

    def set_read_only(self, read_only: bool) -> None:
        self.search.setVisible(not read_only)
        self.combo.setEnabled(not read_only)
