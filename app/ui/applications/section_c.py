"""三、知识产权拥有情况: the counts, trade secrets, and the optional list of patents (rows added and removed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.models.enterprises import HOLDING_COUNTS
from app.services.applications.form_data import PATENT_LIST_COLUMNS, ApplicationForm
from app.ui.applications.section import Section, mark_invalid, set_year, year_of, year_spin
from app.ui.widgets import error_label, set_error

TRADE_SECRETS = {"": "未填", "yes": "有", "no": "无"}
MAX_COUNT = 999_999


class HoldingsSection(Section):
    letter = "C"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.year = year_spin()
        self.year.valueChanged.connect(self.emit_changed)
        self.counts: dict[str, QSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel("统计年份："), 0, 0)
        grid.addWidget(self.year, 0, 1)
        for i, (key, label) in enumerate(HOLDING_COUNTS.items()):
            spin = QSpinBox()
            spin.setRange(0, MAX_COUNT)
            spin.setSuffix(" 件")
            spin.setMinimumWidth(110)
            spin.valueChanged.connect(self.emit_changed)
            self.counts[key] = spin
            self.errors[key] = error_label()
            row, column = 1 + (i // 2) * 2, (i % 2) * 2
            grid.addWidget(QLabel(f"{label}："), row, column)
            grid.addWidget(spin, row, column + 1)
            grid.addWidget(self.errors[key], row + 1, column, 1, 2)
        self.secrets = QComboBox()
        for code, label in TRADE_SECRETS.items():
            self.secrets.addItem(label, code)
        self.secrets.currentIndexChanged.connect(self.emit_changed)
        last = 1 + ((len(HOLDING_COUNTS) - 1) // 2) * 2
        grid.addWidget(QLabel("商业秘密："), last, 2)
        grid.addWidget(self.secrets, last, 3)
        grid.setColumnStretch(4, 1)
        self.body.addLayout(grid)
        self.body.addWidget(self._patent_box(), 1)

    def _patent_box(self):
        box = QGroupBox("有效发明专利清单（选填）")
        self.patents = QTableWidget(0, len(PATENT_LIST_COLUMNS))
        self.patents.setHorizontalHeaderLabels(list(PATENT_LIST_COLUMNS.values()))
        self.patents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.patents.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 260, 90, 90)):
            header.resizeSection(column, width)
        self.patents.setMinimumHeight(160)
        self.patents.itemChanged.connect(self.emit_changed)
        self.add_patent = QPushButton("添加一行")
        self.remove_patent = QPushButton("删除所选行")
        self.add_patent.clicked.connect(self.add_patent_row)
        self.remove_patent.clicked.connect(self.remove_patent_rows)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_patent)
        buttons.addWidget(self.remove_patent)
        layout = QVBoxLayout(box)
        layout.addWidget(self.patents, 1)
        layout.addLayout(buttons)
        return box

    def add_patent_row(self, values: dict | None = None) -> int:
        row = self.patents.rowCount()
        self.patents.blockSignals(True)
        self.patents.insertRow(row)
        for column, key in enumerate(PATENT_LIST_COLUMNS):
            value = (values or {}).get(key, "")
            self.patents.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        self.patents.blockSignals(False)
        if values is None:
            self.patents.setCurrentCell(row, 0)
            self.emit_changed()
        return row

    def remove_patent_rows(self) -> None:
        rows = sorted({index.row() for index in self.patents.selectedIndexes()}, reverse=True)
        for row in rows:
            self.patents.removeRow(row)
        if rows:
            self.emit_changed()

    def load(self, form: ApplicationForm) -> None:
        holdings = form.holdings or {}
        set_year(self.year, holdings.get("year"))
        for key, spin in self.counts.items():
            spin.setValue(min(form.count(key), MAX_COUNT) if str(holdings.get(key) or 0).isdigit() else 0)
        secrets = holdings.get("trade_secrets")
        self.secrets.setCurrentIndex(self.secrets.findData({True: "yes", False: "no"}.get(secrets, "")))
        self.patents.setRowCount(0)
        for patent in form.patents:
            self.add_patent_row(patent)

    def store(self, form: ApplicationForm) -> None:
        holdings = {key: spin.value() for key, spin in self.counts.items()}
        holdings["trade_secrets"] = {"yes": True, "no": False}.get(self.secrets.currentData())
        holdings["year"] = year_of(self.year)
        form.holdings = holdings
        patents = []
        for row in range(self.patents.rowCount()):
            values = {
                key: (self.patents.item(row, c).text().strip() if self.patents.item(row, c) else "")
                for c, key in enumerate(PATENT_LIST_COLUMNS)
            }
            if any(values.values()):
                patents.append(values)
        form.patents = patents

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for spin in (self.year, *self.counts.values()):
            spin.setReadOnly(read_only)
        self.secrets.setEnabled(not read_only)
        self.patents.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.add_patent.setVisible(not read_only)
        self.remove_patent.setVisible(not read_only)

    def show_field_errors(self, errors: dict[str, str]) -> None:
        mark_invalid(self.year, "year" in errors)
        for key, label in self.errors.items():
            set_error(label, errors.get(key, ""))
            mark_invalid(self.counts[key], key in errors)
        other = [m for k, m in errors.items() if k not in self.errors]
        if other:
            set_error(self.section_error, "；".join(other))
