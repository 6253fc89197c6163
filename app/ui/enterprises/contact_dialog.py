"""Adding or editing one enterprise-side contact, with each field's message shown in red under it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit

from app.models import Contact
from app.services.core.errors import DomainError, ValidationError
from app.services.enterprises import records as enterprise_records
from app.services.enterprises.fields import CONTACT_FIELDS
from app.ui.dirty_guard import DirtyGuard
from app.ui.session import Session
from app.ui.widgets import error_label, save_cancel_buttons, set_error, show_error


class ContactDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, enterprise_id: int, contact: Contact | None = None, parent=None):
        super().__init__(parent)
        self.session, self.enterprise_id, self.contact = session, enterprise_id, contact
        self.setWindowTitle("编辑联系人" if contact else "添加联系人")
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        for field in CONTACT_FIELDS:
            edit = QLineEdit(getattr(contact, field.name, "") if contact else "")
            self.inputs[field.name], self.errors[field.name] = edit, error_label()
            form.addRow(("* " if field.required else "") + field.label + "：", edit)
            form.addRow("", self.errors[field.name])
        self.primary = QCheckBox("知识产权联系人（申报表所列的联系人）")
        self.primary.setChecked(bool(contact and contact.is_primary))
        form.addRow("", self.primary)
        buttons = save_cancel_buttons(self.save, self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)
        self.guard(self.save)

    def save(self) -> None:
        data = {name: edit.text() for name, edit in self.inputs.items()}
        data["is_primary"] = self.primary.isChecked()
        try:
            self.session.perform(
                enterprise_records.save_contact,
                self.session.user,
                self.enterprise_id,
                data,
                self.contact.id if self.contact else None,
            )
        except ValidationError as exc:
            for name, label in self.errors.items():
                set_error(label, exc.errors.get(name, ""))
            return
        except DomainError as exc:
            show_error(self, exc)
            return
        self.accept()
