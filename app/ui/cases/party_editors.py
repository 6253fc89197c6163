"""The parties and rights tables of a new case; a party can be taken from the register with a chooser.

A party picked from the register is sent by its USCC (the service links it to the enterprise and decides
whether it is a listed key enterprise); any other party is typed in by name, identity code and address.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import PARTY_ROLES
from app.services.cases import handling as cases
from app.services.core.errors import DomainError
from app.services.enterprises import register as enterprises
from app.ui.enterprise_picker import register_chooser
from app.ui.widgets import fill_combo, select_data

ID_ROLE = Qt.ItemDataRole.UserRole
RIGHT_KINDS = {"patent": "专利", "trademark": "商标", "other": "其他"}


def _role_combo(role: str) -> QComboBox:
    combo = QComboBox()
    fill_combo(combo, PARTY_ROLES)
    select_data(combo, role)
    return combo


class PartiesTable(QWidget):
    """身份 | 名称 | 信用代码/身份证号 | 地址 | 来源; rows from the register keep their name and code read-only."""

    HEADERS = ("身份", "名称", "统一社会信用代码/身份证号", "地址", "来源")

    def __init__(self, actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 140), (2, 190), (3, 170), (4, 110)):
            header.resizeSection(column, width)
        pick = QPushButton("从名录库选择企业…")
        free = QPushButton("添加其他当事人")
        self.remove_button = QPushButton("删除所选")
        pick.clicked.connect(lambda: self.pick())
        free.clicked.connect(lambda: self.add_party(name="", role="respondent"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (pick, free, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.picker = None

    def pick(self) -> None:
        self.picker = register_chooser(self.actor, "从企业名录库选择当事人", self)
        self.picker.accepted.connect(lambda: self.add_enterprise(self.picker.chosen))
        self.picker.open()

    def add_enterprise(self, row, role: str | None = None) -> None:
        """Add a register enterprise (a RegisterRow); the first party defaults to the complainant."""
        role = role or ("complainant" if self.table.rowCount() == 0 else "respondent")
        try:
            listed = cases.is_listed(enterprises.get(self.actor, row.id))
        except DomainError:
            listed = False
        self.add_party(row.name, row.uscc, "", role, register=True, listed=listed)

    def add_party(self, name: str = "", code: str = "", address: str = "", role: str = "complainant",
                  register: bool = False, listed: bool = False) -> int:  # fmt: skip
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setCellWidget(r, 0, _role_combo(role))
        for c, value in ((1, name), (2, code), (3, address)):
            item = QTableWidgetItem(value)
            if register and c in (1, 2):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, c, item)
        source = QTableWidgetItem("名录库" + ("·重点企业" if listed else "") if register else "手工录入")
        source.setFlags(source.flags() & ~Qt.ItemFlag.ItemIsEditable)
        source.setData(ID_ROLE, register)
        if listed:
            source.setForeground(Qt.GlobalColor.darkRed)
        self.table.setItem(r, 4, source)
        if not register:
            self.table.setCurrentCell(r, 1)
        return r

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def _text(self, r: int, c: int) -> str:
        item = self.table.item(r, c)
        return item.text().strip() if item else ""

    def parties(self) -> list[dict]:
        """Rows for cases.create_case; blank typed rows are left out."""
        result = []
        for r in range(self.table.rowCount()):
            role = self.table.cellWidget(r, 0).currentData()
            name, code, address = self._text(r, 1), self._text(r, 2), self._text(r, 3)
            if self.table.item(r, 4).data(ID_ROLE):
                result.append({"uscc": code, "name": name, "address": address, "role": role})
            elif name or code:
                result.append({"name": name, "id_code": code, "address": address, "role": role})
        return result


class RightsTable(QWidget):
    """The patents or trademarks concerned: 类别 | 号码 | 名称."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["类别", "专利号/注册号", "名称"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.resizeSection(0, 90)
        header.resizeSection(1, 200)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        add = QPushButton("添加权利")
        remove = QPushButton("删除所选")
        add.clicked.connect(lambda: self.add_right())
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_right(self, kind: str = "patent", number: str = "", title: str = "") -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        combo = QComboBox()
        fill_combo(combo, RIGHT_KINDS)
        select_data(combo, kind)
        self.table.setCellWidget(r, 0, combo)
        self.table.setItem(r, 1, QTableWidgetItem(number))
        self.table.setItem(r, 2, QTableWidgetItem(title))
        return r

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def rights(self) -> list[dict]:
        result = []
        for r in range(self.table.rowCount()):
            number = (self.table.item(r, 1).text() if self.table.item(r, 1) else "").strip()
            title = (self.table.item(r, 2).text() if self.table.item(r, 2) else "").strip()
            if number:
                result.append(
                    {"kind": self.table.cellWidget(r, 0).currentData(), "number": number, "title": title}
                )
        return result
