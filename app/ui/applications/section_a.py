"""一、基本情况: the snapshot of the enterprise record, read-only, and the button that retakes it; the
知识产权联系人 is typed here, and saving the form saves it in the register too (applications/ip_contact.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.applications import ip_contact
from app.services.applications.form_data import ApplicationForm
from app.services.core import reference
from app.services.enterprises.fields import CONTACT_FIELDS, LABELS
from app.ui.applications.section import Section
from app.ui.widgets import error_label, set_error

SHOWN = (
    "name",
    "uscc",
    "district",
    "kind",
    "size",
    "legal_representative",
    "founded_on",
    "registered_capital",
    "registered_address",
    "operating_address",
    "industry_section",
    "industry_division",
    "main_products",
    "revenue",
    "rd_spend",
)


def _shown_value(snapshot: dict, key: str) -> str:
    if key in ("kind", "size"):
        return str(snapshot.get(f"{key}_label") or snapshot.get(key) or "")
    if key == "district":
        district = snapshot.get("district")
        return str(district.get("name", "") if isinstance(district, dict) else district or "")
    if key == "industry_section":
        code = str(snapshot.get(key) or "")
        found = reference.industry_section(code) if code else None
        return f"{code} {found.name}" if found else code
    if key == "industry_division":  # 大类 by its name too, not the bare code (30)
        code = str(snapshot.get(key) or "")
        name = reference.industry_divisions().get(code, "")
        return f"{code} {name}" if name else code
    value = snapshot.get(key)
    return "" if value is None else str(value)


CONTACT_HINTS = {
    "name": "负责本企业知识产权工作的人员",
    "phone": "电话或手机至少填一项",
    "mobile": "电话或手机至少填一项",
}


class SnapshotSection(Section):
    letter = "A"
    refresh_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        note = QLabel(
            "本部分取自企业名录库，提交时固定。如有错误，请先在企业名录库中修改企业信息，"
            "再点击“从企业信息更新”。知识产权联系人可在下面直接填写，保存时一并更新企业名录库。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.refresh_button = QPushButton("从企业信息更新")
        self.refresh_button.clicked.connect(self.refresh_requested.emit)
        self.values: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        basic = QFormLayout()
        for key in SHOWN:
            basic.addRow(f"{LABELS[key]}：", self._value_label(key, key in ("name", "uscc", "district")))
        contact_box = QGroupBox(ip_contact.WORD)
        contact = QFormLayout(contact_box)
        self.contact: dict[str, QLineEdit] = {}
        for field in CONTACT_FIELDS:
            edit = QLineEdit(placeholderText=CONTACT_HINTS.get(field.name, ""))
            edit.setMaxLength(field.max_length or 100)
            edit.textEdited.connect(self.emit_changed)
            self.contact[field.name] = edit
            self.errors[f"contact.{field.name}"] = error_label()
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(self.errors[f"contact.{field.name}"])
            contact.addRow(("* " if field.required else "") + f"{field.label}：", holder)
        self.errors["contact"] = error_label()
        contact.addRow(self.errors["contact"])
        self.body.addWidget(note)
        self.body.addLayout(basic)
        self.body.addWidget(contact_box)
        self.body.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)

    def _value_label(self, key: str, with_error: bool):
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values[key] = label
        if not with_error:
            return label
        self.errors[key] = error_label()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label)
        column.addWidget(self.errors[key])
        return holder

    def load(self, form: ApplicationForm) -> None:
        snapshot = form.snapshot or {}
        for key, label in self.values.items():
            label.setText(_shown_value(snapshot, key) or "—")
        self.show_contact(snapshot.get("contact"))

    def typed_contact(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.contact.items()}

    def show_contact(self, contact: dict) -> None:
        for key, value in ip_contact.typed(contact).items():
            self.contact[key].setText(value)

    def store(self, form: ApplicationForm) -> None:
        """The enterprise fields keep the snapshot they were loaded with; the contact is as typed."""
        form.snapshot["contact"] = self.typed_contact()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.refresh_button.setVisible(not read_only)
        for edit in self.contact.values():
            edit.setReadOnly(read_only)

    def show_field_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            set_error(label, errors.get(key, ""))
