"""五、近三年知识产权纠纷情况: a table of disputes with choice lists for role, type and forum."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from app.services.applications.form_data import (
    DISPUTE_COLUMNS,
    DISPUTE_FORUMS,
    DISPUTE_ROLES,
    DISPUTE_TYPES,
    ApplicationForm,
)
from app.ui.applications.section import LAST_TYPABLE_YEAR, Section, mark_invalid
from app.ui.widgets import error_label, fill_combo, select_data, set_error

CHOICES = {"role": DISPUTE_ROLES, "type": DISPUTE_TYPES, "forum": DISPUTE_FORUMS}
COLUMN = {key: i for i, key in enumerate(DISPUTE_COLUMNS)}


def _centred(box: QCheckBox) -> QWidget:
    holder = QWidget()
    holder.setAutoFillBackground(True)  # a selected row's highlight would otherwise show around the box
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(box)
    row.addStretch(1)
    holder.box = box
    return holder


class DisputesSection(Section):
    letter = "E"

    def __init__(self, parent=None):
        super().__init__(parent)
        hint = QLabel("近三年没有知识产权纠纷的，此表留空。")
        hint.setStyleSheet("color: #555;")
        self.table = QTableWidget(0, len(DISPUTE_COLUMNS))
        self.table.setHorizontalHeaderLabels(list(DISPUTE_COLUMNS.values()))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((80, 130, 90, 110, 50)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.add_button = QPushButton("添加一行")
        self.remove_button = QPushButton("删除所选行")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_rows)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        self.body.addWidget(hint)
        self.body.addWidget(self.table, 1)
        self.table_error = error_label()
        self.body.addWidget(self.table_error)
        self.body.addLayout(buttons)

    def add_row(self, values: dict | None = None) -> int:
        values = values or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        year = QSpinBox()
        year.setRange(0, LAST_TYPABLE_YEAR)  # kept as typed; the form's check refuses a wrong year
        year.setValue(int(values.get("year") or date.today().year))
        year.valueChanged.connect(self.emit_changed)
        self.table.setCellWidget(row, COLUMN["year"], year)
        for key, options in CHOICES.items():
            combo = QComboBox()
            fill_combo(combo, options, "请选择")
            select_data(combo, values.get(key))
            combo.currentIndexChanged.connect(self.emit_changed)
            self.table.setCellWidget(row, COLUMN[key], combo)
        foreign = QCheckBox()
        foreign.setChecked(bool(values.get("foreign")))
        foreign.toggled.connect(self.emit_changed)
        self.table.setCellWidget(row, COLUMN["foreign"], _centred(foreign))
        outcome = QLineEdit(str(values.get("outcome") or ""))
        outcome.setFrame(False)
        outcome.textEdited.connect(self.emit_changed)
        self.table.setCellWidget(row, COLUMN["outcome"], outcome)
        if not values:
            self.table.selectRow(row)
            self.emit_changed()
        return row

    def remove_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.emit_changed()

    def cell(self, row: int, key: str):
        widget = self.table.cellWidget(row, COLUMN[key])
        return widget.box if key == "foreign" else widget

    def load(self, form: ApplicationForm) -> None:
        self.table.setRowCount(0)
        for dispute in form.disputes:
            self.add_row(dispute)

    def store(self, form: ApplicationForm) -> None:
        form.disputes = [
            {
                "year": self.cell(row, "year").value(),
                **{key: self.cell(row, key).currentData() for key in CHOICES},
                "foreign": self.cell(row, "foreign").isChecked(),
                "outcome": self.cell(row, "outcome").text().strip(),
            }
            for row in range(self.table.rowCount())
        ]

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for row in range(self.table.rowCount()):
            for key in DISPUTE_COLUMNS:
                widget = self.cell(row, key)
                if isinstance(widget, QLineEdit | QSpinBox):
                    widget.setReadOnly(read_only)
                else:
                    widget.setEnabled(not read_only)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)

    def show_field_errors(self, errors: dict[str, str]) -> None:
        """Places are "<row>.<column>", counted from 1; the cell gets a red frame, the message goes below."""
        for row in range(self.table.rowCount()):
            for key in (*CHOICES, "year"):
                mark_invalid(self.cell(row, key), f"{row + 1}.{key}" in errors)
        set_error(self.table_error, "；".join(errors.values()))
