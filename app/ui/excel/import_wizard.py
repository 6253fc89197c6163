"""导入企业信息: choose a file → check it (progress, cancel) → preview → import (progress, cancel) → finished.

Checking and importing run in worker threads through app.ui.tasks; a cancel while importing rolls the one
transaction back, so nothing is written. After a commit the session announces the change to every page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.core.errors import DomainError
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.enterprises.import_xlsx import CREATE, UPDATE, ImportPlan
from app.ui import tasks
from app.ui.excel import files, jobs
from app.ui.excel.import_pages import ChoosePage, FinishPage, PreviewPage
from app.ui.session import Session
from app.ui.widgets import set_error, show_error
from app.ui.window_state import place

STEPS = ("选择文件", "检查", "预览", "导入", "完成")
CHOOSE, CHECK, PREVIEW, COMMIT, FINISH = range(len(STEPS))


def was_cancelled(error: Exception) -> bool:
    return isinstance(error, enterprise_import.Cancelled | tasks.Cancelled)


class ImportWizard(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.plan: ImportPlan | None = None
        self.result: dict | None = None
        self.task: tasks.Task | None = None
        self.error_file: Path | None = None
        self.setWindowTitle("导入企业信息（Excel）")
        place(self, (980, 640))
        self.steps = QLabel()
        self.steps.setStyleSheet("font-size: 11pt; padding: 4px 2px 8px 2px;")
        self.choose, self.preview, self.finish = ChoosePage(), PreviewPage(), FinishPage()
        self.stack = QStackedWidget()
        for page in (self.choose, self.preview, self.finish):
            self.stack.addWidget(page)
        self.back_button = QPushButton("重新选择文件")
        self.next_button = QPushButton("检查文件")
        self.next_button.setDefault(True)
        self.close_button = QPushButton("取消")
        self.back_button.clicked.connect(self.start_over)
        self.next_button.clicked.connect(self.next_step)
        self.close_button.clicked.connect(self.reject)
        self.choose.browse_button.clicked.connect(self.browse)
        self.choose.template_button.clicked.connect(lambda: files.download_template(self))
        self.choose.path_edit.returnPressed.connect(self.check)
        self.preview.save_errors_button.clicked.connect(self.save_errors)
        self.finish.save_errors_button.clicked.connect(self.save_errors)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.choose.show_limits()
        self._show_step(CHOOSE)

    # --- steps ---------------------------------------------------------------------------------------

    def _show_step(self, step: int) -> None:
        self.step = step
        marks = "①②③④⑤"
        parts = [
            f"<b style='color:#1f5fa8'>{marks[i]} {name}</b>"
            if i == step
            else f"<span style='color:#999'>{marks[i]} {name}</span>"
            for i, name in enumerate(STEPS)
        ]
        self.steps.setText(" &nbsp;›&nbsp; ".join(parts))
        page = {CHOOSE: self.choose, CHECK: self.choose, PREVIEW: self.preview, COMMIT: self.preview}
        self.stack.setCurrentWidget(page.get(step, self.finish))
        busy = step in (CHECK, COMMIT)
        self.back_button.setVisible(step in (PREVIEW, COMMIT))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(step != FINISH)
        self.next_button.setText("检查文件" if step in (CHOOSE, CHECK) else "导入")
        todo = self.plan is not None and any(r.action in (CREATE, UPDATE) for r in self.plan.rows)
        self.next_button.setEnabled(not busy and (step == CHOOSE or todo))
        self.close_button.setEnabled(not busy)
        self.close_button.setText("完成" if step == FINISH else "取消")

    def next_step(self) -> None:
        if self.step == CHOOSE:
            self.check()
        elif self.step == PREVIEW:
            self.commit()

    def start_over(self) -> None:
        self.plan = None
        set_error(self.choose.error, "")
        self._show_step(CHOOSE)

    def browse(self) -> None:
        path = files.ask_open_path(self, "选择要导入的 Excel 文件")
        if path is not None:
            self.choose.path_edit.setText(str(path))
            set_error(self.choose.error, "")

    # --- checking ------------------------------------------------------------------------------------

    def check(self) -> None:
        text = self.choose.path_edit.text().strip().strip('"')
        if not text:
            set_error(self.choose.error, "请先选择要导入的 Excel 文件")
            return
        set_error(self.choose.error, "")
        self._show_step(CHECK)
        self.task = tasks.run_task(
            self, "正在检查文件…", jobs.plan_job, self.session.user, Path(text),
            on_success=self._checked, on_failure=self._check_failed, cancellable=True,
        )  # fmt: skip

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview.show_plan(plan)
        self._show_step(PREVIEW)

    def _check_failed(self, error: Exception) -> None:
        self._show_step(CHOOSE)
        if was_cancelled(error):
            set_error(self.choose.error, "已取消检查，没有作任何改动")
        elif isinstance(error, DomainError):
            set_error(self.choose.error, f"无法导入：{error}")
        else:
            show_error(self, error, "无法检查文件")

    # --- importing -----------------------------------------------------------------------------------

    def commit(self) -> None:
        if self.plan is None:
            return
        self.preview.status.hide()
        self._show_step(COMMIT)
        self.task = self.session.run_operation(
            self, "正在导入…", jobs.commit_job, self.session.user, self.plan,
            on_success=self._committed, on_failure=self._commit_failed, cancellable=True,
        )  # fmt: skip

    def _committed(self, counts: dict) -> None:
        self.result = counts
        self.finish.show_result(counts, self.plan.path.name)
        self._show_step(FINISH)

    def _commit_failed(self, error: Exception) -> None:
        self._show_step(PREVIEW)
        if was_cancelled(error):
            set_error(self.preview.status, "导入已取消，数据库未作任何改动。")
        else:
            set_error(self.preview.status, "导入失败，数据库未作任何改动。")
            show_error(self, error, "导入失败")

    # --- the error workbook --------------------------------------------------------------------------

    def save_errors(self) -> None:
        if self.plan is None or not self.plan.errors:
            return
        source = self.plan.path
        out = files.ask_save_path(self, "保存错误标注文件", source.with_name(f"{source.stem}_错误标注.xlsx"))
        if out is None:
            return
        if out.resolve() == source.resolve():
            QMessageBox.warning(self, "不能覆盖原文件", "请另选一个文件名，原文件需要保留。")
            return
        self.task = tasks.run_task(
            self, "正在生成错误标注文件…", jobs.error_report_job, self.plan, out,
            on_success=lambda count: self._errors_saved(out, count),
            on_failure=lambda error: show_error(self, error, "无法保存错误标注文件"),
        )  # fmt: skip

    def _errors_saved(self, out: Path, count: int) -> None:
        self.error_file = out
        text = f"已保存错误标注文件（{count} 处问题）：{out}"
        self.finish.saved.setText(text)
        self.preview.saved.setText(text)
