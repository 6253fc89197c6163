"""Editors never drop what was typed: 关闭, 取消, Esc and the window's close button ask 保存 / 不保存 / 取消.

`DirtyGuard` is mixed into an editor dialog before QDialog (`class VisitDialog(DirtyGuard, QDialog)`). The dialog
calls `self.guard(self.save)` once its fields hold the stored values; the guard then reads the value of every
input field (line and text edits, combos, spin and date boxes, check and radio buttons, and whatever
`extra_state` adds, such as a list of rows) and compares it with that baseline when the dialog is about to
close. Nothing is asked when nothing changed. A dialog that stays open after saving calls `mark_clean()`.
A dialog with areas saved separately (the case file's outcome and its 登记 row) guards each with its own
`guard_also(save, scope)`; 保存 then saves the areas that changed, in order, and stops at the first failure.

The main window asks the same question of every open editor before 切换用户 or 退出 (`settle_open_editors`):
the innermost editor first, and 取消 on any of them keeps the window and every editor as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
# A widget property: True on search boxes and filters, which hold no data, and on fields whose data
# `extra_state` reports instead (the questionnaire designer's question fields).
IGNORED = "dirty_guard_ignore"


def ask(parent: QWidget, text: str) -> str:
    """保存 / 不保存 / 取消; 取消 (keep editing) is the default, also for Esc."""
    box = QMessageBox(QMessageBox.Icon.Question, "未保存的修改", text, parent=parent)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked == save else DISCARD if clicked == discard else CANCEL


def field_values(scope: QWidget) -> list:
    """The values of the input fields inside `scope` (its own window's only), in a stable order."""
    values = []
    window = scope.window()
    for widget in scope.findChildren(QWidget):
        if widget.window() is not window or widget.property(IGNORED) or _in_ignored(widget, scope):
            continue
        value = _value(widget)
        if value is not None:
            values.append((type(widget).__name__, widget.objectName(), value))
    return values


def _in_ignored(widget: QWidget, scope: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not scope:
        if parent.property(IGNORED):
            return True
        parent = parent.parentWidget()
    return False


def _value(widget: QWidget):
    if isinstance(widget, QLineEdit):
        # A combo's or spin box's own line edit is read through its owner.
        owner = widget.parentWidget()
        return None if isinstance(owner, QComboBox | QAbstractSpinBox) else widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentText(), str(widget.currentData()))
    if isinstance(widget, QDateEdit):
        return widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()  # its text() is empty until the box is first shown
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


@dataclass
class _Part:
    """One guarded area: its fields' scope, the function saving it, and the state last stored."""

    scope: QWidget
    save: Callable[[], object]
    baseline: object


class DirtyGuard:
    """Mixin for QDialog editors; see the module's docstring."""

    unsaved_text = "有未保存的修改。关闭前要保存吗？"

    def guard(self, save: Callable[[], object], scope: QWidget | None = None) -> None:
        """Start guarding: `save()` saves (True/accepting the dialog when it worked); `scope` holds the fields."""
        self._guard_parts: list[_Part] = []
        self.guard_also(save, scope if scope is not None else self)

    def guard_also(self, save: Callable[[], object], scope: QWidget) -> None:
        """Guard one more area of the dialog, saved by its own `save()` (True when it worked)."""
        self._guard_parts.append(_Part(scope, save, None))
        self.mark_clean(scope)

    def mark_clean(self, scope: QWidget | None = None) -> None:
        """What the fields hold now is what is stored: in every guarded area, or only in `scope`'s."""
        for part in getattr(self, "_guard_parts", []):
            if scope is None or part.scope is scope:
                part.baseline = self._part_state(part)

    def extra_state(self) -> object:
        """Data the fields do not show (rows added to a list); compared like the fields (first area)."""
        return None

    def is_dirty(self) -> bool:
        return bool(self._dirty_parts())

    def _dirty_parts(self) -> list[_Part]:
        return [part for part in getattr(self, "_guard_parts", []) if self._part_state(part) != part.baseline]

    def _part_state(self, part: _Part) -> tuple:
        extra = self.extra_state() if part is self._guard_parts[0] else None
        return field_values(part.scope), extra

    def _guard_save(self) -> object:
        """Save every changed area in order; the first result that is not True (or a closed dialog) ends it."""
        result: object = True
        for part in self._dirty_parts():
            result = part.save()
            if result is not True or not self.isVisible():
                return result
        return result

    def settle(self) -> bool:
        """Before the window behind this editor goes (切换用户, 退出): True once nothing unsaved is left
        (saved, or dropped and the editor closed), False to stay (取消, or saving failed)."""
        if not self.is_dirty():
            return True
        self.raise_()
        self.activateWindow()
        answer = ask(self, f"“{self.windowTitle().lstrip('*')}”有未保存的修改。要保存吗？")
        if answer == CANCEL:
            return False
        if answer == DISCARD:
            super().reject()  # closes without asking again
            return True
        result = self._guard_save()
        if not self.isVisible():
            return True
        if result is True:
            self.accept()
            return True
        return False

    def reject(self) -> None:  # 关闭, 取消, Esc and the window's close button all come here
        if self.is_dirty():
            answer = ask(self, self.unsaved_text)
            if answer == CANCEL:
                return
            if answer == SAVE:
                result = self._guard_save()
                if not self.isVisible():  # the save closed the dialog itself
                    return
                if result is True:
                    self.accept()
                return  # saving failed: its messages are on screen, the dialog stays open
        super().reject()


def open_editors(window: QWidget) -> list[DirtyGuard]:
    """The visible editors opened (directly or through other editors) from `window`, innermost first."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, DirtyGuard) and widget.isVisible():
            depth = _depth_below(widget, window)
            if depth is not None:
                found.append((depth, widget))
    return [widget for _depth, widget in sorted(found, key=lambda pair: -pair[0])]


def _depth_below(widget: QWidget, window: QWidget) -> int | None:
    depth, parent = 0, widget.parentWidget()
    while parent is not None:
        depth += 1
        if parent is window:
            return depth
        parent = parent.parentWidget()
    return None


def settle_open_editors(window: QWidget) -> bool:
    """Ask each open editor with unsaved edits (see `DirtyGuard.settle`); False as soon as one must stay."""
    return all(editor.settle() for editor in open_editors(window))
