"""复核… and 公示…: recording a re-examination, and publishing the list to an xlsx and an announcement PDF.

Both open window-modal without a nested event loop and show a refusal in red inside the dialog. Publishing
writes files, so it runs in a worker (app.ui.tasks); the recorded hashes are shown afterwards.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.models.listing import ENTRY_STATUSES
from app.services.core import dates
from app.services.core.errors import DomainError
from app.services.listing import entries as protection_list
from app.services.listing import publication
from app.ui.dirty_guard import DirtyGuard
from app.ui.excel.files import default_folder
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, set_error


class ReExamDialog(DirtyGuard, QDialog):
    """The two-yearly re-examination of one entry: renewed, suspended or removed, with an opinion."""

    def __init__(self, session: Session, entry, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.entry = session, entry
        self.setWindowTitle("名录复核")
        self.setMinimumWidth(560)
        ent = entry.enterprise
        heading = QLabel(
            f"<b>{ent.name}</b>　{ent.district.name}<br>纳入日期 {entry.listed_on:%Y-%m-%d}　"
            f"当前状态：{ENTRY_STATUSES.get(entry.status, entry.status)}　应复核日期 {entry.next_review_on:%Y-%m-%d}"
        )
        heading.setWordWrap(True)
        earlier = [r for r in entry.reviews if r.kind == "re_examination"]
        history = "；".join(
            f"{r.decided_on:%Y-%m-%d} {protection_list.RE_EXAM_OUTCOMES.get(r.outcome, r.outcome)}：{r.opinion}"
            for r in earlier
        )
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        for outcome, label in protection_list.RE_EXAM_OUTCOMES.items():
            button = QRadioButton(label)
            button.setProperty("outcome", outcome)
            self.choices.addButton(button)
            row.addWidget(button)
        self.choices.buttons()[0].setChecked(True)
        self.day = date_edit(rule=dates.HAPPENED, label="复核日期")
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText("例如：企业知识产权状况良好，继续保留在名录中。")
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("以往复核：", QLabel(history or "无"))
        form.addRow("复核结论：", row)
        form.addRow("复核日期：", self.day)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(QLabel("复核意见："))
        layout.addWidget(self.opinion, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.guard(self.apply)

    def set_outcome(self, outcome: str) -> None:
        for button in self.choices.buttons():
            button.setChecked(button.property("outcome") == outcome)

    def apply(self) -> bool:
        outcome = self.choices.checkedButton().property("outcome")
        if not self.day.check():
            return False
        try:
            self.entry = self.session.perform(
                protection_list.re_examine,
                self.session.user,
                self.entry.id,
                outcome,
                self.opinion.toPlainText(),
                day_of(self.day),
            )
        except DomainError as exc:
            set_error(self.error, str(exc))
            return False
        self.accept()
        return True


def publish_job(actor, xlsx: Path, pdf: Path | None) -> publication.PublishResult:
    """Worker: write both files and record them."""
    return publication.publish(actor, xlsx, pdf)


def _path_row(edit: QLineEdit, browse) -> QHBoxLayout:
    button = QPushButton("浏览…")
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


class PublishDialog(QDialog):
    """Where the workbook (and optionally the announcement PDF) go; OK publishes in a worker."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.result_: publication.PublishResult | None = None
        self.folder: Path | None = None  # where the files went, once published
        self.task = None
        self.setWindowTitle("公示名录")
        self.setMinimumWidth(620)
        stem = default_folder() / f"重点企业名录公示_{date.today():%Y%m%d}"
        self.xlsx = QLineEdit(str(stem.with_suffix(".xlsx")))
        self.pdf = QLineEdit(str(stem.with_suffix(".pdf")))
        self.with_pdf = QCheckBox("同时生成公示公告 PDF")
        self.with_pdf.setChecked(True)
        self.with_pdf.toggled.connect(self.pdf.setEnabled)
        note = QLabel(
            "公示当前名录中在册的全部企业（所有旗区）。文件的 SHA-256 校验值将记入公示记录，以备日后核对。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("公示")
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(
            "Excel 文件：", _path_row(self.xlsx, lambda: self._browse(self.xlsx, "Excel 工作簿 (*.xlsx)"))
        )
        form.addRow(self.with_pdf)
        form.addRow("PDF 公告：", _path_row(self.pdf, lambda: self._browse(self.pdf, "PDF 文件 (*.pdf)")))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _browse(self, edit: QLineEdit, filters: str) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "保存到", edit.text(), filters)
        if chosen:
            edit.setText(chosen)

    def apply(self) -> None:
        xlsx = Path(self.xlsx.text().strip()).with_suffix(".xlsx")
        pdf = Path(self.pdf.text().strip()).with_suffix(".pdf") if self.with_pdf.isChecked() else None
        if not self.xlsx.text().strip() or (pdf is not None and not self.pdf.text().strip()):
            set_error(self.error, "请选择保存位置")
            return
        self.ok_button.setEnabled(False)
        set_error(self.error, "")
        self.folder = xlsx.parent
        self.task = self.session.run_operation(self, "正在生成公示文件…", publish_job, self.session.user, xlsx, pdf,
                                               on_success=self._done, on_failure=self._failed)  # fmt: skip

    def _done(self, result: publication.PublishResult) -> None:
        self.result_ = result
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(error, OSError):
            set_error(self.error, f"无法写入文件：{error.strerror or error}（文件是否正在其他程序中打开？）")
        elif isinstance(error, DomainError):
            set_error(self.error, str(error))
        else:
            set_error(self.error, f"发生意外错误：{error}")


def hashes_text(record) -> str:
    lines = [f"公示时间：{str(record.published_at)[:16]}　企业：{record.entry_count} 家",
             f"{record.xlsx_name}\n  SHA-256：{record.xlsx_sha256}"]  # fmt: skip
    if record.pdf_name:
        lines.append(f"{record.pdf_name}\n  SHA-256：{record.pdf_sha256}")
    return "\n".join(lines)


class PublishResultDialog(QDialog):
    """What was published, the folder the files went to (打开文件夹) and the hashes recorded for the files,
    selectable for copying."""

    def __init__(self, result: publication.PublishResult, parent: QWidget | None = None,
                 folder: Path | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("公示完成")
        self.setMinimumWidth(680)
        text = hashes_text(result.publication)
        if result.warnings:
            text += "\n\n注意：\n" + "\n".join(result.warnings)
        self.details = QPlainTextEdit(text)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"已公示 {result.entries} 家企业，并记录了文件校验值："))
        self.folder = QLabel(f"文件保存在：{folder}" if folder else "")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        self.folder.setVisible(folder is not None)
        layout.addWidget(self.folder)
        if folder is not None:
            opener = buttons.addButton("打开文件夹", QDialogButtonBox.ButtonRole.ActionRole)
            opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
