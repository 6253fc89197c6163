"""指定联络人: make a bureau officer the enterprise's liaison from a date; the previous one's term ends the day before."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.services.accounts.users import role_label
from app.services.core import dates
from app.services.core.errors import DomainError, ValidationError
from app.services.enterprises import register as enterprises
from app.services.liaison import assignments as liaison
from app.services.liaison.assignments import staff_for
from app.ui.dirty_guard import DirtyGuard
from app.ui.liaison.common import person
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, set_error


class AssignDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, enterprise_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.enterprise_id = session, enterprise_id
        enterprise = enterprises.get(session.user, enterprise_id)
        current = liaison.current_liaison(enterprise)
        self.setWindowTitle("指定联络人")
        self.officer = QComboBox()
        for user in staff_for(enterprise.district_id):
            self.officer.addItem(f"{user.display_name}（{role_label(user)}）", user)
        self.start_on = date_edit(rule=dates.PLANNED, label="起始日期")
        self.note = QLineEdit(placeholderText="如：人员调整、工作交接")
        self.errors = {"officer": error_label(), "on": error_label()}
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("企业：", QLabel(f"{enterprise.name}（{enterprise.district.name}）"))
        form.addRow("现任联络人：", QLabel(person(current.officer) if current else "未指定"))
        form.addRow("* 新联络人：", self.officer)
        form.addRow("", self.errors["officer"])
        form.addRow("* 起始日期：", self.start_on)
        form.addRow("", self.errors["on"])
        form.addRow("说明：", self.note)
        form.addRow(buttons)
        self.setMinimumWidth(440)
        self.guard(self.save)

    def choose(self, user) -> None:
        index = next((i for i in range(self.officer.count()) if self.officer.itemData(i) == user), -1)
        self.officer.setCurrentIndex(index)

    def save(self) -> bool:
        officer = self.officer.currentData()
        if officer is None:
            set_error(self.errors["officer"], "请选择联络人")
            return False
        if not self.start_on.check():
            return False
        try:
            self.session.perform(
                liaison.assign,
                self.session.user,
                self.enterprise_id,
                officer,
                day_of(self.start_on),
                self.note.text(),
            )
        except ValidationError as exc:
            set_error(self.errors["officer"], exc.errors.get("officer", str(exc)))
            return False
        except DomainError as exc:  # e.g. a start before the current liaison's
            set_error(self.errors["on"], str(exc))
            return False
        self.accept()
        return True
