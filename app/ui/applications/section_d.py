"""四、知识产权管理情况: department, staff, GB/T 29490 certification, internal rules, spending."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox

from app.services.applications.form_data import MANAGEMENT_LABELS, ApplicationForm
from app.services.core.validation import parse_decimal
from app.ui.applications.section import Section, set_year, year_of, year_spin


def _number(value) -> float:
    try:
        return float(parse_decimal(value or 0))
    except ValueError:
        return 0.0


class ManagementSection(Section):
    letter = "D"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.department = QLineEdit(placeholderText="如：知识产权部、法务部；没有请留空")
        self.staff = QSpinBox()
        self.staff.setRange(0, 9999)
        self.staff.setSuffix(" 人")
        self.certified = year_spin("未通过")
        self.rules = QPlainTextEdit()
        self.rules.setPlaceholderText("已制定的知识产权管理制度名称")
        self.rules.setMaximumHeight(90)
        self.spend = QDoubleSpinBox()
        self.spend.setRange(0, 9_999_999)
        self.spend.setDecimals(2)
        self.spend.setSuffix(" 万元")
        self.department.textEdited.connect(self.emit_changed)
        self.staff.valueChanged.connect(self.emit_changed)
        self.certified.valueChanged.connect(self.emit_changed)
        self.rules.textChanged.connect(self.emit_changed)
        self.spend.valueChanged.connect(self.emit_changed)
        form = QFormLayout()
        widgets = {
            "ip_department": self.department,
            "ip_staff": self.staff,
            "gbt29490_year": self.certified,
            "internal_rules": self.rules,
            "ip_spend": self.spend,
        }
        for key, label in MANAGEMENT_LABELS.items():
            form.addRow(f"{label}：", widgets[key])
        self.body.addLayout(form)
        self.body.addStretch(1)

    def load(self, form: ApplicationForm) -> None:
        m = form.management or {}
        self.department.setText(str(m.get("ip_department") or ""))
        self.staff.setValue(int(_number(m.get("ip_staff"))))
        set_year(self.certified, m.get("gbt29490_year"))
        self.rules.setPlainText(str(m.get("internal_rules") or ""))
        self.spend.setValue(_number(m.get("ip_spend")))

    def store(self, form: ApplicationForm) -> None:
        spend = round(self.spend.value(), 2)
        form.management = {
            "ip_department": self.department.text().strip(),
            "ip_staff": self.staff.value(),
            "gbt29490_year": year_of(self.certified),
            "internal_rules": self.rules.toPlainText().strip(),
            "ip_spend": int(spend) if spend == int(spend) else spend,
        }

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for widget in (self.department, self.staff, self.certified, self.rules, self.spend):
            widget.setReadOnly(read_only)
