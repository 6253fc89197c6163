"""Choosing the enterprise to answer for: the ones the user may answer for, with a filter and each one's status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.questionnaire_responses import EnterpriseChoice
from app.ui.questionnaires.answer_dialog import status_text

ID_ROLE = Qt.ItemDataRole.UserRole


class EnterprisePicker(QDialog):
    def __init__(self, choices: list[EnterpriseChoice], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("选择企业")
        self.resize(520, 560)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("输入企业名称或统一社会信用代码筛选")
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        for choice in choices:
            item = QListWidgetItem(f"{choice.name}　[{choice.district}]　{status_text(choice.status)}")
            item.setData(ID_ROLE, choice.id)
            item.setData(Qt.ItemDataRole.ToolTipRole, choice.uscc)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.filter, self.list, buttons):
            layout.addWidget(widget)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _apply_filter(self, text: str) -> None:
        text = text.strip().upper()
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = (item.text() + item.data(Qt.ItemDataRole.ToolTipRole)).upper()
            item.setHidden(bool(text) and text not in haystack)

    def chosen_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None and not item.isHidden() else None
