"""新建 / 编辑账号: login (new accounts only), name, role, district and phone; the password is generated."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from app.models import User
from app.services.accounts import users as accounts
from app.services.core import reference
from app.services.core.errors import DomainError
from app.services.core.permissions import ROLE_LABELS
from app.ui.dirty_guard import DirtyGuard
from app.ui.session import Session
from app.ui.widgets import (
    error_label,
    fill_combo,
    save_cancel_buttons,
    select_data,
    set_error,
    show_save_error,
)


class UserDialog(DirtyGuard, QDialog):
    """After 保存, `created_password` holds a new account's one-time password (None when editing)."""

    def __init__(self, session: Session, user: User | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.user = session, user
        self.created_password: str | None = None
        self.setWindowTitle("编辑账号" if user else "新建账号")
        self.login_edit = QLineEdit(user.login if user else "")
        self.login_edit.setReadOnly(user is not None)
        self.name_edit = QLineEdit(user.display_name if user else "")
        self.role_combo = QComboBox()
        # Only what this installation may hold: a district bureau's has its own district's roles only.
        fill_combo(self.role_combo, {role.value: ROLE_LABELS[role] for role in accounts.assignable_roles()})
        self.district_combo = QComboBox()
        districts = {d.code: d.name for d in accounts.assignable_districts()}
        city = len(districts) > 1
        fill_combo(self.district_combo, districts, blank="（市局，不属于旗区）" if city else None)
        self.district_combo.setEnabled(city)  # a district bureau's accounts are all its own district's
        self.phone_edit = QLineEdit(user.phone if user else "")
        if user:
            select_data(self.role_combo, user.role)
            select_data(self.district_combo, user.district.code if user.district_id else "")
        names = ("login", "display_name", "role", "district", "phone")
        self.errors = {name: error_label() for name in names}
        self.message = error_label()
        form = QFormLayout()
        for label, widget, name in (
            ("登录名：", self.login_edit, "login"),
            ("姓名：", self.name_edit, "display_name"),
            ("角色：", self.role_combo, "role"),
            ("所属旗区：", self.district_combo, "district"),
            ("电话：", self.phone_edit, "phone"),
        ):
            form.addRow(label, widget)
            form.addRow("", self.errors[name])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(save_cancel_buttons(self.save, self.reject))
        self.setMinimumWidth(440)
        self.guard(self.save)

    def save(self) -> None:
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        code = self.district_combo.currentData()
        district = reference.district_by_code(code) if code else None
        role, name, phone = self.role_combo.currentData(), self.name_edit.text(), self.phone_edit.text()
        try:
            if self.user is None:
                self.user, self.created_password = self.session.perform(
                    accounts.add_user,
                    self.session.user,
                    self.login_edit.text().strip(),
                    name,
                    role,
                    district,
                    phone,
                )
            else:
                self.session.perform(
                    accounts.edit_user, self.session.user, self.user,
                    display_name=name, role=role, district=district, phone=phone,
                )  # fmt: skip
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return
        self.accept()
