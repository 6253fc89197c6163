"""The questionnaire designer: title, description and an ordered list of questions, each edited on the right.

Saving hands the design to the service, which edits in place or, once answers exist, makes a new version;
the dialog says so before saving so nobody is surprised.
"""

from __future__ import annotations

from dataclasses import astuple

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.questionnaires import QUESTION_TYPES
from app.services.core.errors import DomainError
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.design import Design
from app.ui.dirty_guard import IGNORED, DirtyGuard
from app.ui.session import Session
from app.ui.widgets import confirm, fill_combo, select_data, show_error
from app.ui.window_state import place


class DesignerDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, questionnaire_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.questionnaire_id = session, questionnaire_id
        self.saved = None
        design = Design("新问卷")
        self.answered = 0
        if questionnaire_id is not None:
            current = questionnaires.get(session.user, questionnaire_id)
            design, self.answered = questionnaires.design_of(current), questionnaires.response_count(current)
        self.questions: list[QuestionSpec] = design.questions
        self.setWindowTitle("设计问卷" if questionnaire_id is None else "修改问卷")
        place(self, (900, 640))
        self.title = QLineEdit(design.title)
        self.description = QPlainTextEdit(design.description)
        self.description.setFixedHeight(60)
        head = QFormLayout()
        head.addRow("问卷标题", self.title)
        head.addRow("说明", self.description)
        body = QHBoxLayout()
        body.addLayout(self._list_column(), 1)
        body.addLayout(self._editor(), 2)
        save, cancel = QPushButton("保存"), QPushButton("取消")
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self._refresh_list(0)
        self.guard(self.save)

    def extra_state(self) -> list[tuple]:
        """The questions as designed: the fields on the right only show the one selected."""
        return [astuple(spec) for spec in self.questions]

    def _list_column(self) -> QVBoxLayout:
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_question)
        column = QVBoxLayout()
        column.addWidget(self.list, 1)
        row = QHBoxLayout()
        for text, slot in (("添加题目", self.add_question), ("删除", self._remove), ("上移", lambda: self._move(-1)),
                           ("下移", lambda: self._move(1))):  # fmt: skip
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        column.addLayout(row)
        return column

    def _editor(self) -> QFormLayout:
        self.kind = QComboBox()
        fill_combo(self.kind, QUESTION_TYPES)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(54)
        self.required = QCheckBox("必答")
        self.options = QPlainTextEdit()
        self.options.setPlaceholderText("每行一个选项")
        self.unit, self.min_value, self.max_value = QLineEdit(), QLineEdit(), QLineEdit()
        form = QFormLayout()
        for label, widget in (("题型", self.kind), ("题目", self.text), ("", self.required), ("选项", self.options),
                              ("单位", self.unit), ("最小值", self.min_value), ("最大值", self.max_value)):  # fmt: skip
            form.addRow(label, widget)
        for widget in (self.kind, self.text, self.required, self.options, self.unit, self.min_value,
                       self.max_value):  # fmt: skip
            widget.setProperty(IGNORED, True)  # mirrored in `questions`, compared through extra_state
        for signal in (self.kind.currentIndexChanged, self.text.textChanged, self.required.toggled,
                       self.options.textChanged, self.unit.textChanged, self.min_value.textChanged,
                       self.max_value.textChanged):  # fmt: skip
            signal.connect(self._store)
        return form

    def _refresh_list(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, spec in enumerate(self.questions, start=1):
            self.list.addItem(
                f"{number}. [{spec.kind_label}] {spec.text or '（未填题目）'}{' *' if spec.required else ''}"
            )
        self.list.blockSignals(False)
        self.list.setCurrentRow(min(row, len(self.questions) - 1))
        self._show_question(self.list.currentRow())

    def _show_question(self, row: int) -> None:
        self._loading = True
        spec = self.questions[row] if 0 <= row < len(self.questions) else None
        for widget in (
            self.kind,
            self.text,
            self.required,
            self.options,
            self.unit,
            self.min_value,
            self.max_value,
        ):
            widget.setEnabled(spec is not None)
        if spec is not None:
            select_data(self.kind, spec.kind)
            self.text.setPlainText(spec.text)
            self.required.setChecked(spec.required)
            self.options.setPlainText("\n".join(spec.options))
            self.unit.setText(spec.unit)
            self.min_value.setText(spec.min_value)
            self.max_value.setText(spec.max_value)
            self._enable_for(spec.kind)
        self._loading = False

    def _enable_for(self, kind: str) -> None:
        self.options.setEnabled(kind in ("single", "multiple"))
        for widget in (self.unit, self.min_value, self.max_value):
            widget.setEnabled(kind == "number")

    def _store(self, *_args) -> None:
        row = self.list.currentRow()
        if getattr(self, "_loading", False) or not 0 <= row < len(self.questions):
            return
        spec = self.questions[row]
        spec.kind, spec.text, spec.required = (
            self.kind.currentData(),
            self.text.toPlainText(),
            self.required.isChecked(),
        )
        spec.options = [line for line in self.options.toPlainText().splitlines() if line.strip()]
        spec.unit, spec.min_value, spec.max_value = (
            self.unit.text(),
            self.min_value.text(),
            self.max_value.text(),
        )
        self._enable_for(spec.kind)
        item = self.list.item(row)
        item.setText(
            f"{row + 1}. [{spec.kind_label}] {spec.text or '（未填题目）'}{' *' if spec.required else ''}"
        )

    def add_question(self, kind: str = "single") -> None:
        self.questions.append(
            QuestionSpec(kind if isinstance(kind, str) else "single", "", False, ["选项一", "选项二"])
        )
        self._refresh_list(len(self.questions) - 1)
        self.text.setFocus()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.questions):
            del self.questions[row]
            self._refresh_list(row)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.questions) and 0 <= target < len(self.questions):
            self.questions[row], self.questions[target] = self.questions[target], self.questions[row]
            self._refresh_list(target)

    def design(self) -> Design:
        return Design(self.title.text(), self.description.toPlainText(), self.questions)

    def save(self) -> None:
        if self.answered and not confirm(self, "将生成新版本", f"此问卷已有 {self.answered} 份答卷。保存修改将生成新版本，"
                                         "已有答卷仍保留在原版本中，新的填报使用新版本。是否继续？"):  # fmt: skip
            return
        try:
            if self.questionnaire_id is None:
                self.saved = self.session.perform(questionnaires.create, self.session.user, self.design())
            else:
                outcome = self.session.perform(
                    questionnaires.update, self.session.user, self.questionnaire_id, self.design()
                )
                self.saved = outcome.questionnaire
                if outcome.new_version:
                    QMessageBox.information(
                        self, "已生成新版本", f"已保存为第{self.saved.version}版，原版本的答卷保持不变。"
                    )
        except DomainError as exc:
            show_error(self, exc, "未保存")
            return
        self.accept()
