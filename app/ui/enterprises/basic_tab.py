"""基本信息: one widget per field of ENTERPRISE_FIELDS, with a red message under each field after a failed save."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.models import District, Enterprise
from app.models.enterprises import ENTERPRISE_KINDS, ENTERPRISE_SIZES
from app.services.core import dates, reference
from app.services.enterprises import uscc_region
from app.services.enterprises.fields import ENTERPRISE_FIELDS
from app.ui.date_field import DateField
from app.ui.enterprises.industry_combo import make_searchable
from app.ui.widgets import date_edit, error_label, fill_combo, select_data, set_error

NOTE_STYLE = "color: #8a5300;"  # a warning to check, not an error: saving is allowed
NO_DISTRICT = "请选择（填写信用代码后自动选择）"
COMBOS = ("kind", "district", "industry_section", "industry_division", "size")
PLACEHOLDERS = {
    "uscc": "18位，由数字和大写字母组成",
    "registered_capital": "万元",
    "revenue": "万元",
    "rd_spend": "万元",
    "applied_regional_year": "如 2026",
}


class BasicTab(QScrollArea):
    def __init__(self, districts: list[District], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.districts = districts
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for field in ENTERPRISE_FIELDS:
            self.inputs[field.name] = self._make_input(field.name)
            widget = self.inputs[field.name]
            # a date field shows its own message (typed or from the service) under itself
            self.errors[field.name] = widget.error if isinstance(widget, DateField) else error_label()
            label = QLabel(("* " if field.required else "") + field.label + "：")
            form.addRow(label, self._with_error(field.name))
        self.inputs["industry_section"].currentIndexChanged.connect(self._fill_divisions)
        self._fill_divisions()
        self.district_chosen = False  # by the user (or loaded): the code no longer fills it in
        self.inputs["district"].activated.connect(self._district_picked)
        self.inputs["district"].currentIndexChanged.connect(lambda _i: self._show_region_note())
        self.inputs["uscc"].textChanged.connect(lambda _t: self._uscc_changed())
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.addLayout(form)
        outer.addStretch(1)  # spare height goes below the fields, not into them
        self.setWidget(body)

    def _with_error(self, name: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget = self.inputs[name]
        if isinstance(widget, DateField):
            column.addWidget(widget)
            return box
        if isinstance(widget, QComboBox):
            # Choices keep their natural width; only typed text needs the whole row.
            widget.setMinimumWidth(200)
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            column.addWidget(widget)
        column.addWidget(self.errors[name])
        if name == "district":
            self.region_note = QLabel(wordWrap=True)
            self.region_note.setStyleSheet(NOTE_STYLE)
            self.region_note.hide()
            column.addWidget(self.region_note)
        return box

    def _make_input(self, name: str) -> QWidget:
        if name in COMBOS:
            combo = make_searchable(QComboBox()) if name.startswith("industry_") else QComboBox()
            if name == "kind":
                fill_combo(combo, ENTERPRISE_KINDS)
            elif name == "district":
                fill_combo(combo, {d.code: d.name for d in self.districts})
            elif name == "industry_section":
                sections = {s.code: f"{s.code} {s.name}" for s in reference.industry_sections()}
                fill_combo(combo, sections, "未填")
            elif name == "size":
                fill_combo(combo, ENTERPRISE_SIZES, "未填")
            return combo
        if name == "founded_on":
            return date_edit(None, dates.PAST, "成立日期", optional=True)
        if name == "main_products":
            edit = QPlainTextEdit()
            edit.setFixedHeight(70)
            return edit
        return QLineEdit(placeholderText=PLACEHOLDERS.get(name, ""))

    def _fill_divisions(self) -> None:
        combo: QComboBox = self.inputs["industry_division"]
        keep = combo.currentData()
        section = reference.industry_section(self.inputs["industry_section"].currentData() or "")
        names = reference.industry_divisions()
        fill_combo(combo, {d: f"{d} {names.get(d, '')}".strip() for d in section.divisions()} if section else {}, "未填")
        select_data(combo, keep)

    # --- values --------------------------------------------------------------------------------------

    def values(self) -> dict:
        """Raw input for every field; the service cleans and validates it."""
        data = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                data[name] = widget.currentData() or ""
            elif isinstance(widget, DateField):
                data[name] = widget.text()  # as typed: the service reads it with the same rule and says what is wrong
            elif isinstance(widget, QPlainTextEdit):
                data[name] = widget.toPlainText()
            else:
                data[name] = widget.text()
        return data

    def set_values(self, enterprise: Enterprise) -> None:
        for field in ENTERPRISE_FIELDS:
            widget = self.inputs[field.name]
            value = getattr(enterprise, field.name)
            if field.name == "district":
                select_data(widget, self._ensure_district(enterprise.district_id))
                self.district_chosen = True
            elif isinstance(widget, QComboBox):
                select_data(widget, value)
            elif isinstance(widget, DateField):
                widget.set_date(value if isinstance(value, date) else None)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            else:
                widget.setText("" if value is None else str(value))

    def _ensure_district(self, district_id: int) -> str:
        """The district's code; a read-only form may show a district the user cannot write to."""
        combo: QComboBox = self.inputs["district"]
        district = next((d for d in reference.districts() if d.id == district_id), None)
        if district is None:
            return ""
        if combo.findData(district.code) < 0:
            combo.addItem(district.name, district.code)
        return district.code

    # --- the district and the code's region ----------------------------------------------------------

    def start_new(self) -> None:
        """A new enterprise: no district assumed (the code's region or the user chooses it)."""
        combo: QComboBox = self.inputs["district"]
        if combo.count() > 1 and combo.findData("") < 0:
            combo.insertItem(0, NO_DISTRICT, "")
            combo.setCurrentIndex(0)
        self.district_chosen = False

    def _district_picked(self, _index: int) -> None:
        self.district_chosen = bool(self.inputs["district"].currentData())

    def _uscc_changed(self) -> None:
        if not self.district_chosen:
            found = uscc_region.district_of(self.inputs["uscc"].text())
            combo: QComboBox = self.inputs["district"]
            if found is not None and combo.findData(found.code) >= 0:
                select_data(combo, found.code)
        self._show_region_note()

    def _show_region_note(self) -> None:
        note = uscc_region.region_warning(self.inputs["uscc"].text(), self.inputs["district"].currentData() or "")
        self.region_note.setText(note)
        self.region_note.setVisible(bool(note))

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            widget = self.inputs[name]
            if name in errors and isinstance(widget, DateField) and not widget.check():
                continue  # the field's own message names the field and the allowed range
            set_error(label, errors.get(name, ""))

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit | DateField):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
