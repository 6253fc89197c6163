"""添加或编辑专家: the think tank is kept by the city administrator; anyone else sees the refusal in red."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.models.liaison import EXPERT_FIELDS
from app.services.core.errors import DomainError
from app.services.liaison import experts
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

LINES = {
    "name": "* 姓名：",
    "organisation": "工作单位：",
    "title": "职称/职务：",
    "phone": "电话：",
    "email": "电子邮箱：",
}


class ExpertDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, expert=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.expert = session, expert
        self.setWindowTitle("编辑专家" if expert else "添加专家")
        self.inputs = {key: QLineEdit(getattr(expert, key, "") if expert else "") for key in LINES}
        self.field = QComboBox()
        fill_combo(self.field, EXPERT_FIELDS, "请选择")
        select_data(self.field, expert.field if expert else "")
        self.conflicts = QPlainTextEdit(expert.conflicts if expert else "")
        self.conflicts.setPlaceholderText("存在利益关系、须回避的企业或当事人名称，每行一个")
        self.conflicts.setMaximumHeight(80)
        self.active = QCheckBox("在库（可邀请咨询）")
        self.active.setChecked(expert.active if expert else True)
        self.errors = {key: error_label() for key in (*LINES, "field")}
        self.message = error_label()
        form = QFormLayout(self)
        for key, label in LINES.items():
            form.addRow(label, self.inputs[key])
            form.addRow("", self.errors[key])
            if key == "name":
                form.addRow("* 专业领域：", self.field)
                form.addRow("", self.errors["field"])
        form.addRow("利益冲突：", self.conflicts)
        form.addRow("", self.active)
        form.addRow(self.message)
        buttons = save_cancel_buttons(self.save, self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(460)
        self.guard(self.save)

    def save(self) -> bool:
        data = {key: edit.text() for key, edit in self.inputs.items()}
        data.update(
            field=self.field.currentData(),
            conflicts=self.conflicts.toPlainText(),
            active=self.active.isChecked(),
        )
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        try:
            self.session.perform(
                experts.save_expert, self.session.user, data, self.expert.id if self.expert else None
            )
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return False
        self.accept()
        return True
