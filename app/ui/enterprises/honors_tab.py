"""荣誉称号: national / regional IP advantage and demonstration titles, with add and delete."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox

from app.models.enterprises import HONOR_KINDS, HONOR_LEVELS
from app.services.core.errors import DomainError
from app.services.enterprises import records as enterprise_records
from app.ui.dirty_guard import DirtyGuard
from app.ui.enterprises.record_tab import RecordTab
from app.ui.widgets import confirm, error_label, fill_combo, save_cancel_buttons, set_error, show_error


class HonorDialog(DirtyGuard, QDialog):
    def __init__(self, session, enterprise_id: int, parent=None):
        super().__init__(parent)
        self.session, self.enterprise_id = session, enterprise_id
        self.setWindowTitle("添加荣誉称号")
        self.setMinimumWidth(380)  # room to type a document's name or number under 说明
        self.level, self.kind = QComboBox(), QComboBox()
        fill_combo(self.level, HONOR_LEVELS)
        fill_combo(self.kind, HONOR_KINDS)
        self.year = QSpinBox(minimum=0, maximum=9999, value=date.today().year)  # as typed; checked on save
        self.title = QLineEdit(placeholderText="可填文件名称或文号")
        self.error = error_label()
        buttons = save_cancel_buttons(self.save, self.reject)
        form = QFormLayout(self)
        form.addRow("级别：", self.level)
        form.addRow("称号：", self.kind)
        form.addRow("认定年度：", self.year)
        form.addRow("说明：", self.title)
        form.addRow(self.error)
        form.addRow(buttons)
        self.guard(self.save)

    def save(self) -> None:
        try:
            self.session.perform(
                enterprise_records.add_honor,
                self.session.user,
                self.enterprise_id,
                self.level.currentData(),
                self.kind.currentData(),
                self.year.value(),
                self.title.text(),
            )
        except DomainError as exc:
            set_error(self.error, str(exc))
            return
        self.accept()


class HonorsTab(RecordTab):
    headers = ("荣誉称号", "说明")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.add_button("添加", self.add)
        self.add_button("删除", self.delete)
        self._labels = {}

    def load(self) -> None:
        honors = enterprise_records.honors(self.session.user, self.enterprise_id)
        self._labels = {h.id: enterprise_records.honor_label(h) for h in honors}
        self.fill([(self._labels[h.id], h.title) for h in honors], [h.id for h in honors])

    def add(self) -> None:
        if HonorDialog(self.session, self.enterprise_id, self).exec() == QDialog.DialogCode.Accepted:
            self.changed()

    def delete(self) -> None:
        honor_id = self.selected_key()
        if honor_id is None or not confirm(self, "删除荣誉称号", f"确定删除“{self._labels[honor_id]}”吗？"):
            return
        try:
            self.session.perform(
                enterprise_records.delete_honor, self.session.user, self.enterprise_id, honor_id
            )
        except DomainError as exc:
            show_error(self, exc)
            return
        self.changed()
