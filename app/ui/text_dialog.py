"""A reason or an opinion asked for in a small dialog (取消重要标记的理由, 签收意见, 归档原因): guarded like every
editor, so Esc or 取消 after typing asks 保存 / 不保存 / 取消 instead of dropping the text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.dirty_guard import DirtyGuard


class TextDialog(DirtyGuard, QDialog):
    def __init__(self, parent: QWidget | None, title: str, label: str, multiline: bool = True):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.edit = QPlainTextEdit() if multiline else QLineEdit()
        if multiline:
            self.edit.setMinimumHeight(90)
        prompt = QLabel(label)
        prompt.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.guard(self._keep)

    def _keep(self) -> bool:  # 保存 in the unsaved-text question: the text is the answer
        self.accept()
        return True

    def text(self) -> str:
        return self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()


def ask_text(parent: QWidget | None, title: str, label: str, multiline: bool = True) -> str | None:
    """What was typed, or None when the dialog was left without it."""
    dialog = TextDialog(parent, title, label, multiline)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
