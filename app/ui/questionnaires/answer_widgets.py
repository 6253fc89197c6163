"""One input widget per question type, each with `raw()`, `set_value(stored)` and a `changed` signal.

The widgets only hold what was typed or clicked; checking it is the service's job (clean_answer).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.services.questionnaires.answer_checks import QuestionSpec, display


class AnswerWidget(QWidget):
    changed = Signal()

    def __init__(self, spec: QuestionSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec

    def raw(self):
        raise NotImplementedError

    def set_value(self, value) -> None:
        raise NotImplementedError


class ChoiceWidget(AnswerWidget):
    """Radio buttons (single, rating, yes/no) or check boxes (multiple), laid out in rows of up to three."""

    def __init__(self, spec: QuestionSpec, labels: list[str], parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.multiple = spec.kind == "multiple"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        per_row = 5 if spec.kind == "rating" else 3 if max(map(len, labels)) <= 10 else 2
        self.buttons: list[QCheckBox | QRadioButton] = []
        for index, label in enumerate(labels):
            button = QCheckBox(label) if self.multiple else QRadioButton(label)
            self.group.addButton(button, index)
            self.buttons.append(button)
            grid.addWidget(button, index // per_row, index % per_row)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        if not self.multiple:
            clear = QPushButton("清除")
            clear.setFlat(True)
            clear.clicked.connect(self.clear)
            grid.addWidget(clear, 0, per_row)
        grid.setColumnStretch(per_row + 1, 1)

    def clear(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(not self.multiple)
        self.changed.emit()

    def raw(self):
        chosen = [b.text() for b in self.buttons if b.isChecked()]
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def set_value(self, value) -> None:
        wanted = (
            set(value)
            if self.multiple and value
            else {display(self.spec, value)}
            if value is not None
            else set()
        )
        for button in self.buttons:
            button.setChecked(button.text() in wanted)


class LineWidget(AnswerWidget):
    """A line for numbers (with the unit and range beside it) and dates."""

    def __init__(self, spec: QuestionSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setMaximumWidth(200)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        if spec.kind == "date":
            self.edit.setPlaceholderText("如 2024-03-01")
        else:
            self.edit.setPlaceholderText("数字")
            hint = " ".join(
                p for p in (spec.unit, f"（{spec.range_text()}）" if spec.range_text() else "") if p
            )
            row.addWidget(QLabel(hint))
        row.addStretch(1)

    def raw(self):
        return self.edit.text()

    def set_value(self, value) -> None:
        self.edit.setText(display(self.spec, value))


class TextWidget(AnswerWidget):
    def __init__(self, spec: QuestionSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit()
        self.edit.setFixedHeight(64)
        self.edit.textChanged.connect(self.changed.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)

    def raw(self):
        return self.edit.toPlainText()

    def set_value(self, value) -> None:
        self.edit.setPlainText(value or "")


def make_widget(spec: QuestionSpec) -> AnswerWidget:
    if spec.kind in ("single", "multiple"):
        return ChoiceWidget(spec, list(spec.options))
    if spec.kind == "yes_no":
        return ChoiceWidget(spec, ["是", "否"])
    if spec.kind == "rating":
        return ChoiceWidget(spec, [str(n) for n in range(1, 6)])
    if spec.kind in ("number", "date"):
        return LineWidget(spec)
    return TextWidget(spec)
