"""A settings form generated from the declared settings of one group: an editor per setting, 保存 and 还原.

保存 sends only the settings whose value differs from the stored one, all in one call, so the service checks
rules between them (quota min ≤ max) on the values as they will be, and one audited change-set reaches every
page. A form with unsaved edits is not reloaded under the user's hands when another form saves.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.core import settings
from app.services.core.changes import Changes
from app.services.core.errors import DomainError, ValidationError
from app.services.core.permissions import admin_title
from app.ui.screen_fit import scrolled
from app.ui.session import Session
from app.ui.system.setting_editors import editor_for
from app.ui.widgets import error_label, set_error

HELP_STYLE = "color: #666; font-size: 9pt;"
CITY_ONLY = "灰色的设置由市局管理员设定，本机只能查看"


def read_only(editor: QWidget) -> None:
    """Disabled, read-only, and looking it: an empty text field shows a grey 未设置, not an empty box to type
    in, and its background is the window's whatever the style's disabled colours."""
    editor.setEnabled(False)
    for field in (*editor.findChildren(QLineEdit), *editor.findChildren(QAbstractSpinBox)):
        field.setReadOnly(True)
        if isinstance(field, QLineEdit) and not isinstance(field.parent(), QAbstractSpinBox):
            field.setPlaceholderText("未设置")
        palette = field.palette()
        disabled = QPalette.ColorGroup.Disabled
        palette.setColor(disabled, QPalette.ColorRole.Base, palette.color(disabled, QPalette.ColorRole.Window))
        palette.setColor(disabled, QPalette.ColorRole.PlaceholderText, palette.color(disabled, QPalette.ColorRole.Text))
        field.setPalette(palette)


class SettingsForm(QWidget):
    saved = Signal(list)  # the keys whose value changed

    def __init__(
        self,
        session: Session,
        specs: Sequence[settings.SettingSpec],
        extras: Sequence[QWidget] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.specs = list(specs)
        self.editors = {spec.key: editor_for(spec) for spec in self.specs}
        self.errors = {spec.key: error_label() for spec in self.specs}
        self.dirty = False
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in self.specs:
            form.addRow(f"{spec.label}：", self._field(spec))
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("还原")
        self.revert_button.clicked.connect(self.load)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.problem = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.message, 1)
        # The fields (and the group's other panels, `extras`) scroll; 保存/还原 stay in sight below them.
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(16, 12, 16, 12)
        column.addLayout(form)
        for extra in extras:
            column.addWidget(extra)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(body), 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        buttons.setContentsMargins(16, 4, 16, 8)
        self.allowed = {spec.key: settings.can_change(session.user, spec.key) for spec in self.specs}
        for button in (self.save_button, self.revert_button):
            button.setEnabled(any(self.allowed.values()))
        if not any(self.allowed.values()):
            self.message.setText(f"只有{admin_title()}可以修改系统设置")
        elif not all(self.allowed.values()):
            self.message.setText(CITY_ONLY)
        for editor in self.editors.values():
            editor.changed.connect(self._edited)
        session.changed.connect(self._on_changed)
        self.load()

    def _field(self, spec: settings.SettingSpec) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.editors[spec.key])
        if spec.help:
            note = QLabel(spec.help)
            note.setWordWrap(True)
            note.setStyleSheet(HELP_STYLE)
            column.addWidget(note)
        column.addWidget(self.errors[spec.key])
        return box

    def load(self) -> None:
        for key, editor in self.editors.items():
            editor.blockSignals(True)
            editor.set_value(settings.get(key))
            editor.blockSignals(False)
            if not self.allowed[key]:
                read_only(editor)  # again: an editor may have made new fields for the value (the rule table)
        self._clear_errors()
        self.dirty = False

    def pending(self) -> dict[str, object]:
        """The settings whose editor shows a value other than the stored one."""
        return {
            key: e.value() for key, e in self.editors.items() if self.allowed[key] and e.value() != settings.get(key)
        }

    def has_unsaved(self) -> bool:
        """Edited and not saved: some editor shows a value other than the stored one."""
        return self.dirty and bool(self.pending())

    def save(self) -> list[str]:
        self._clear_errors()
        values = self.pending()
        if not values:
            self.message.setText("没有改动")
            return []
        try:
            changed = self.session.perform(settings.set_values, self.session.user, values)
        except ValidationError as error:
            for key, text in error.errors.items():
                set_error(self.errors.get(key, self.problem), text)
            self.message.setText("未保存")
            return []
        except DomainError as error:
            set_error(self.problem, str(error))
            return []
        self.dirty = False
        labels = "、".join(settings.SPECS[k].label for k in changed)
        self.message.setText(f"已保存：{labels}，立即生效")
        self.saved.emit(changed)
        return changed

    def _edited(self) -> None:
        self.dirty = True
        self.message.setText("有未保存的修改")

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.problem):
            set_error(label, "")

    def _on_changed(self, changes: Changes) -> None:
        if changes.settings and not self.dirty:
            self.load()
