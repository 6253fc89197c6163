"""One editor widget per kind of setting (app.services.core.setting_kinds), each with `value()` and `set_value()`.

The editors only read and show values; checking them is the settings service's job, so a value the screen lets
through but the service refuses comes back as the service's message naming the setting.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.services.core.setting_kinds import MAX_RULE_LENGTH, RULE_UNITS


class _Row(QWidget):
    changed = Signal()

    def __init__(self, *widgets: QWidget, stretch: bool = True):
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        if stretch:
            row.addStretch(1)


class IntEditor(_Row):
    def __init__(self, spec):
        self.spin = QSpinBox()
        self.spin.setRange(spec.minimum if spec.minimum is not None else -(2**31),
                           spec.maximum if spec.maximum is not None else 2**31 - 1)  # fmt: skip
        self.spin.setSuffix(spec.suffix)
        self.spin.setGroupSeparatorShown(spec.maximum is not None and spec.maximum >= 10_000)
        self.spin.setMinimumWidth(120)
        if spec.key == "round.year":
            self.spin.setSpecialValueText("按当年")
        super().__init__(self.spin)
        self.spin.valueChanged.connect(lambda *_: self.changed.emit())

    def value(self) -> int:
        return self.spin.value()

    def set_value(self, value: int) -> None:
        self.spin.setValue(value)


class BoolEditor(_Row):
    def __init__(self, spec):
        self.box = QCheckBox("开启")
        super().__init__(self.box)
        self.box.toggled.connect(lambda *_: self.changed.emit())

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: bool) -> None:
        self.box.setChecked(value)


class TextEditor(_Row):
    def __init__(self, spec):
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(280)
        super().__init__(self.edit)
        self.edit.textChanged.connect(lambda *_: self.changed.emit())

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: str) -> None:
        self.edit.setText(value)


class DateEditor(_Row):
    """A date; an optional one has a check box, unticked meaning "not set" (stored as "")."""

    def __init__(self, spec):
        self.optional = spec.optional
        self.edit = QDateEdit(calendarPopup=True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.enabled = QCheckBox("设定日期")
        self.enabled.setChecked(True)
        self.enabled.setVisible(spec.optional)
        self.enabled.toggled.connect(self.edit.setEnabled)
        super().__init__(self.enabled, self.edit)
        self.enabled.toggled.connect(lambda *_: self.changed.emit())
        self.edit.dateChanged.connect(lambda *_: self.changed.emit())

    def value(self) -> str:
        if self.optional and not self.enabled.isChecked():
            return ""
        return self.edit.date().toPython().isoformat()

    def set_value(self, value: str) -> None:
        self.enabled.setChecked(bool(value) or not self.optional)
        if value:
            self.edit.setDate(date.fromisoformat(value))


class MonthDayEditor(_Row):
    """Month and day of a yearly date (a round's deadline): a date edit showing only those, in a non-leap year."""

    def __init__(self, spec):
        self.edit = QDateEdit(calendarPopup=False)
        self.edit.setDisplayFormat("MM-dd")
        self.edit.setDateRange(QDate(2001, 1, 1), QDate(2001, 12, 31))
        super().__init__(self.edit)
        self.edit.dateChanged.connect(lambda *_: self.changed.emit())

    def value(self) -> str:
        return self.edit.date().toString("MM-dd")

    def set_value(self, value: str) -> None:
        month, day = (int(p) for p in value.split("-"))
        self.edit.setDate(QDate(2001, month, day))


class PathEditor(_Row):
    """A file or folder: typed, chosen in the system dialog, or cleared ("" = the program's default)."""

    def __init__(self, spec):
        self.spec = spec
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("（默认）")
        self.edit.setMinimumWidth(320)
        self.choose = QPushButton("选择…")
        self.clear = QPushButton("清除")
        super().__init__(self.edit, self.choose, self.clear, stretch=False)
        self.choose.clicked.connect(self.choose_path)
        self.clear.clicked.connect(self.edit.clear)
        self.edit.textChanged.connect(lambda *_: self.changed.emit())

    def choose_path(self) -> None:
        if self.spec.kind == "folder":
            chosen = QFileDialog.getExistingDirectory(self, f"选择{self.spec.label}", self.edit.text())
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                self, f"选择{self.spec.label}", self.edit.text(), "TrueType 字体 (*.ttf *.ttc);;所有文件 (*)"
            )
        if chosen:
            self.edit.setText(chosen)

    def value(self) -> str:
        return self.edit.text().strip()

    def set_value(self, value: str) -> None:
        self.edit.setText(value)


class RulesEditor(QTableWidget):
    """The case time-limit table: name, unit and length per rule; the rest of each rule is kept as it was."""

    changed = Signal()
    HEADERS = ("期限名称", "计算单位", "期限")

    def __init__(self, spec):
        super().__init__(0, len(self.HEADERS))
        self.setHorizontalHeaderLabels(self.HEADERS)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setVisible(False)
        self.rules: list[dict] = []
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_value(self, rules: list[dict]) -> None:
        self.blockSignals(True)
        self.rules = [dict(r) for r in rules]
        self.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            self.setItem(row, 0, QTableWidgetItem(rule["label"]))
            unit = QComboBox()
            for key, label in RULE_UNITS.items():
                unit.addItem(label, key)
            unit.setCurrentIndex(max(0, unit.findData(rule["unit"])))
            unit.currentIndexChanged.connect(lambda _i: self.changed.emit())
            self.setCellWidget(row, 1, unit)
            length = QSpinBox()
            length.setRange(1, MAX_RULE_LENGTH)
            length.setSuffix(" 天")
            length.setValue(rule["length"])
            length.valueChanged.connect(lambda _v: self.changed.emit())
            self.setCellWidget(row, 2, length)
        self.blockSignals(False)
        rows_height = sum(self.rowHeight(r) for r in range(len(rules)))
        self.setMinimumHeight(self.horizontalHeader().sizeHint().height() + rows_height + 4)

    def value(self) -> list[dict]:
        out = []
        for row, rule in enumerate(self.rules):
            item = self.item(row, 0)
            out.append({**rule, "label": item.text() if item else "", "unit": self.cellWidget(row, 1).currentData(),
                        "length": self.cellWidget(row, 2).value()})  # fmt: skip
        return out


EDITORS = {
    "int": IntEditor,
    "bool": BoolEditor,
    "text": TextEditor,
    "date": DateEditor,
    "month_day": MonthDayEditor,
    "file": PathEditor,
    "folder": PathEditor,
    "rules": RulesEditor,
}


def editor_for(spec) -> QWidget:
    editor = EDITORS[spec.kind](spec)
    editor.setObjectName(spec.key)
    editor.setToolTip(spec.help)
    return editor
