"""问卷调查 page: the questionnaires (newest versions, or all), with new, edit, answer, Excel sheet out and in,
blank PDF and results. City roles design; district officers answer for their own district's enterprises."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import responses as questionnaire_responses
from app.services.questionnaires.import_xlsx import QuestionnaireImportPlan
from app.ui.enterprise_picker import choices_chooser
from app.ui.pdf_preview import preview_pdf
from app.ui.questionnaires import jobs
from app.ui.questionnaires.answer_dialog import AnswerDialog, status_text
from app.ui.questionnaires.designer import DesignerDialog
from app.ui.questionnaires.results_view import ResultsDialog
from app.ui.session import Session
from app.ui.tables import EmptyHint, declare_matters
from app.ui.tasks import run_task
from app.ui.widgets import show_error

HEADERS = ("问卷", "版本", "状态", "题数", "已完成", "草稿")
ID_ROLE = Qt.ItemDataRole.UserRole


class QuestionnairesPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.designer = is_city(session.user)
        heading = QLabel("问卷调查")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.show_old = QCheckBox("显示旧版本")
        self.show_old.toggled.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.show_old)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.table, ("版本", "状态", "已完成"), names=("问卷",))
        self.table.doubleClicked.connect(lambda _i: self.answer())
        self.empty = EmptyHint(self.table, "还没有问卷。点击“新建问卷”设计，或点击“安装年度调查”。")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())
        session.changed.connect(self._on_changed)
        self.reload()

    def _buttons(self) -> QVBoxLayout:
        """Two short rows, so the page never forces the window wider than a small screen."""
        rows = (
            (("answer", "为企业填写…", self.answer), ("results", "统计结果", self.show_results),
             ("print", "打印空白问卷", self.print_blank)),
            (("export", "导出填报表…", self.export_sheet), ("import", "导入填报表…", self.import_sheet),
             ("new", "新建问卷", self.new), ("edit", "修改", self.edit), ("builtin", "安装年度调查", self.install_builtin)),
        )  # fmt: skip
        column = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for actions in rows:
            row = QHBoxLayout()
            for key, text, slot in actions:
                button = QPushButton(text)
                button.clicked.connect(slot)
                self.buttons[key] = button
                row.addWidget(button)
            row.addStretch(1)
            column.addLayout(row)
        for key in ("new", "builtin", "edit"):
            self.buttons[key].setVisible(self.designer)
        return column

    def _on_changed(self, changes: Changes) -> None:
        if changes.questionnaires or changes.responses:
            self.reload()

    def reload(self) -> None:
        selected = self.current_id()
        rows = questionnaires.list_questionnaires(self.session.user, include_old=self.show_old.isChecked())
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            values = (
                s.title,
                f"第{s.version}版",
                "填报中" if s.active else "已停止",
                s.questions,
                s.complete,
                s.drafts,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setData(ID_ROLE, s.id)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
            if s.id == selected:
                self.table.selectRow(r)
        if self.current_id() is None and rows:
            self.table.selectRow(0)

    def current_id(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(ID_ROLE) if item is not None else None

    def _selected(self) -> int | None:
        qid = self.current_id()
        if qid is None:
            QMessageBox.information(self, "问卷调查", "请先选择一份问卷")
        return qid

    def new(self) -> None:
        DesignerDialog(self.session, None, self).exec()

    def install_builtin(self) -> None:
        try:
            installed = self.session.perform(questionnaires.install_builtin, self.session.user)
        except DomainError as exc:
            show_error(self, exc)
            return
        if installed is None:
            QMessageBox.information(self, "问卷调查", "年度保护需求调查问卷已存在")

    def edit(self) -> None:
        if (qid := self._selected()) is not None:
            try:
                DesignerDialog(self.session, qid, self).exec()
            except DomainError as exc:
                show_error(self, exc)

    def answer(self) -> None:
        if (qid := self._selected()) is None:
            return
        choices = questionnaire_responses.answerable_enterprises(self.session.user, qid)
        if not choices:
            QMessageBox.information(self, "问卷调查", "没有可以由您填写的企业")
            return
        picker = choices_chooser(choices, (("填报状态", lambda c: status_text(c.status)),), self)
        picker.resize(520, 560)
        if picker.exec() and picker.chosen_id() is not None:
            self.open_answer(qid, picker.chosen_id()).exec()

    def open_answer(self, questionnaire_id: int, enterprise_id: int) -> AnswerDialog:
        return AnswerDialog(self.session, questionnaire_id, enterprise_id, self)

    def export_sheet(self) -> None:
        if (qid := self._selected()) is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "导出填报表", "问卷填报表.xlsx", "Excel 文件 (*.xlsx)")
        if path:
            run_task(self, "正在导出填报表…", jobs.export_sheet_job, self.session.user, qid, Path(path),
                     on_success=lambda n: QMessageBox.information(self, "导出完成", f"已导出 {n} 家企业到 {path}"),
                     on_failure=lambda e: show_error(self, e))  # fmt: skip

    def import_sheet(self) -> None:
        if (qid := self._selected()) is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "导入填报表", "", "Excel 文件 (*.xlsx)")
        if path:
            errors = Path(path).with_name(Path(path).stem + "_错误标注.xlsx")
            self.session.run_operation(self, "正在导入…", jobs.import_sheet_job, self.session.user, qid, Path(path),
                                       errors, on_success=lambda plan: self._imported(plan, errors),
                                       on_failure=lambda e: show_error(self, e, "导入失败"))  # fmt: skip

    def _imported(self, plan: QuestionnaireImportPlan, errors: Path) -> None:
        c = plan.summary()
        text = f"新增 {c['created']}，更新 {c['updated']}，无变化 {c['unchanged']}，拒绝 {c['rejected']}，未填报 {c['blank']}"
        if plan.errors:
            lines = [f"第{e.row}行 {e.column}列（{e.header}）：{e.reason}" for e in plan.errors[:10]]
            text += "\n\n" + "\n".join(lines) + f"\n\n已生成错误标注文件：{errors}"
        QMessageBox.information(self, "导入完成", text)

    def print_blank(self) -> None:
        if (qid := self._selected()) is None:
            return

        def done(result) -> None:
            data, report = result
            self.preview = preview_pdf(self, data, "空白问卷", "问卷.pdf", report.warnings)

        run_task(self, "正在生成问卷…", jobs.blank_pdf_job, self.session.user, qid, on_success=done,
                 on_failure=lambda e: show_error(self, e))  # fmt: skip

    def show_results(self) -> None:
        if (qid := self._selected()) is not None:
            self.results_dialog = ResultsDialog(self.session, qid, self)
            self.results_dialog.show()
