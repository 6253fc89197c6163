"""The dashboard's tables: each district against the round's quota, and the to-do list whose rows open records.

DistrictTable shows the statistics service's rows as they are. TodoTable lists re-examinations falling due
(from the same figures) and the round's applications waiting for this user's step; double-clicking a row
emits the record to open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.models.applications import APPLICATION_STATUSES
from app.ui.district_names import district_text
from app.ui.tables import declare_matters

WAITING = ("draft", "submitted", "recommended", "under_review", "returned")
RED, AMBER, GREEN = ("#a61b1b", "#fbe3e1"), ("#8a5300", "#fde9c4"), ("#1e6b2e", "#dff3e3")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


def _setup(table: QTableWidget, headers: list[str], stretch: int) -> None:
    """The same read-only look for both tables, one column taking the spare width."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _item(text: str, align=None, look: tuple[str, str] | None = None, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align is not None:
        item.setTextAlignment(align)
    if look:
        item.setForeground(QBrush(QColor(look[0])))
        item.setBackground(QBrush(QColor(look[1])))
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item


def quota_look(recommended: int, quota_min: int, deadline_near: bool) -> tuple[str, str]:
    """Green once the minimum is met (the service refuses more than the maximum); red when time runs out."""
    if recommended >= quota_min:
        return GREEN
    return RED if deadline_near else AMBER


class DistrictTable(QTableWidget):
    """旗区 | 本轮推荐 n（4–8） | 名录企业 | waiting per state; a total row when there is more than one district."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _setup(self, ["旗区", "本轮推荐", "名录企业"] + [APPLICATION_STATUSES[s] for s in WAITING], 0)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_rows(self, rows: list[dict], round_: dict, deadline_near: bool) -> None:
        low, high = round_["quota_min"], round_["quota_max"]
        total = len(rows) > 1
        self.setRowCount(len(rows) + (1 if total else 0))
        for r, row in enumerate(rows):
            look = quota_look(row["recommended"], low, deadline_near)
            cells = [
                _item(row["name"]),
                _item(f"{row['recommended']} / {low}–{high}", CENTRE, look),
                _item(str(row["listed"]), RIGHT),
            ] + [_item(str(row["applications"].get(s, 0) or ""), RIGHT) for s in WAITING]
            cells[1].setToolTip(
                f"本轮已推荐 {row['recommended']} 家，每个旗区应推荐 {low}–{high} 家"
                + ("（不足）" if row["below_quota"] else "")
            )
            for c, item in enumerate(cells):
                self.setItem(r, c, item)
        if total:
            r = len(rows)
            sums = [sum(row["recommended"] for row in rows), sum(row["listed"] for row in rows)]
            sums += [sum(row["applications"].get(s, 0) for row in rows) for s in WAITING]
            self.setItem(r, 0, _item("合计", bold=True))
            self.setItem(r, 1, _item(str(sums[0]), CENTRE, bold=True))
            for c, value in enumerate(sums[1:], start=2):
                self.setItem(r, c, _item(str(value), RIGHT, bold=True))
        height = sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height + self.horizontalHeader().height() + 4)


class TodoTable(QTableWidget):
    """到期与待办: double-click opens an application (editor), a list entry (名录 page), a case or the visit a
    follow-up came from."""

    open_application = Signal(int)
    open_entry = Signal(int)
    open_case = Signal(int)
    open_visit = Signal(int)
    open_plan = Signal(int)
    open_recordal = Signal(int)
    HEADERS = ("事项", "企业名称", "所属旗区", "日期", "期限")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _setup(self, list(self.HEADERS), 1)
        declare_matters(self, ("事项", "期限"), names=("企业名称",))
        self.targets: list[tuple[str, int]] = []
        self.doubleClicked.connect(lambda index: self.open_row(index.row()))

    def show_rows(self, rows: list[dict]) -> None:
        """rows: {kind: 'entry'|'application'|'case'|'visit'|'plan'|'recordal', id, what, name, district, day, days_left, and
        optionally unit ('workdays' for a clock counted in working days) and tip}."""
        self.targets = [(row["kind"], row["id"]) for row in rows]
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            days = row["days_left"]
            unit = "个工作日" if row.get("unit") == "workdays" else " 天"
            if days is None:
                left, look = "未定期限", None
            elif days < 0:
                left, look = f"已逾期 {-days}{unit}", RED
            else:
                left, look = (f"还有 {days}{unit}", AMBER if days <= 30 else None)
            cells = (_item(row["what"]), _item(row["name"]), _item(district_text(row["district"])),
                     _item(row["day"]), _item(left, RIGHT, look))  # fmt: skip
            for c, item in enumerate(cells):
                item.setToolTip(f"{row.get('tip') or row['name']}（{row['district'] or '市局'}，双击打开）")
                self.setItem(r, c, item)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.targets):
            kind, record = self.targets[row]
            signals = {"entry": self.open_entry, "case": self.open_case, "visit": self.open_visit,
                       "plan": self.open_plan, "recordal": self.open_recordal}
            if record is not None:  # a follow-up entered without a visit has nothing to open
                signals.get(kind, self.open_application).emit(record)
