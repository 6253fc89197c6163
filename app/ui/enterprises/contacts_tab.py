"""联系人: the enterprise's own contacts, with add / edit / delete."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.services.core.errors import DomainError
from app.services.enterprises import records as enterprise_records
from app.ui.enterprises.contact_dialog import ContactDialog
from app.ui.enterprises.record_tab import RecordTab
from app.ui.widgets import confirm, show_error


class ContactsTab(RecordTab):
    headers = ("姓名", "职务", "电话", "手机", "电子邮箱", "知识产权联系人")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.add_button("添加", self.add)
        self.add_button("编辑", self.edit)
        self.add_button("删除", self.delete)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self._contacts = {}

    def load(self) -> None:
        contacts = enterprise_records.contacts(self.session.user, self.enterprise_id)
        self._contacts = {c.id: c for c in contacts}
        rows = [(c.name, c.post, c.phone, c.mobile, c.email, "是" if c.is_primary else "") for c in contacts]
        self.fill(rows, [c.id for c in contacts])

    def add(self) -> None:
        self._run(ContactDialog(self.session, self.enterprise_id, None, self))

    def edit(self) -> None:
        contact = self._contacts.get(self.selected_key())
        if contact is not None and self.editable:
            self._run(ContactDialog(self.session, self.enterprise_id, contact, self))

    def _run(self, dialog: ContactDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()

    def delete(self) -> None:
        contact = self._contacts.get(self.selected_key())
        if contact is None or not confirm(self, "删除联系人", f"确定删除联系人“{contact.name}”吗？"):
            return
        try:
            self.session.perform(
                enterprise_records.delete_contact, self.session.user, self.enterprise_id, contact.id
            )
        except DomainError as exc:
            show_error(self, exc)
            return
        self.changed()
