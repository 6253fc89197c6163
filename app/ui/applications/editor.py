"""The application editor: sections A–G in tabs, the live eligibility panel, and save/submit/print/attach/correct.

Every edit recomputes the verdict from the unsaved form (a pure computation) and checks the form's rules,
so red messages appear beside the field as it is typed. A submitted form is read-only; 更正 makes a new draft
revision and the editor moves to it. The 审核意见 tab shows the opinions and the review step the user may take.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.applications import actions
from app.services.applications import forms as applications
from app.services.applications.form_data import ApplicationForm, validate
from app.services.core import attachments
from app.ui.applications.attachments_panel import AttachmentsPanel
from app.ui.applications.editor_actions import EditorActions
from app.ui.applications.history_panel import HistoryPanel
from app.ui.applications.review_bar import ReviewTab
from app.ui.applications.section import Section
from app.ui.applications.section_a import SnapshotSection
from app.ui.applications.section_b import CriteriaSection
from app.ui.applications.section_c import HoldingsSection
from app.ui.applications.section_d import ManagementSection
from app.ui.applications.section_e import DisputesSection
from app.ui.applications.section_fg import NeedsSection, PledgeSection
from app.ui.applications.verdict_panel import VerdictPanel
from app.ui.dirty_guard import DirtyGuard
from app.ui.file_open import open_attachment
from app.ui.session import Session
from app.ui.widgets import set_error
from app.ui.window_state import place

TAB_TITLES = {
    "A": "一 基本情况",
    "B": "二 申报条件",
    "C": "三 拥有情况",
    "D": "四 管理情况",
    "E": "五 纠纷情况",
    "F": "六 保护需求",
    "G": "七 承诺",
}
BANNER_STYLE = "background: #e8f0fe; color: #1a3e72; border: 1px solid #b6c9ee; padding: 6px 10px;"


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class ApplicationEditor(DirtyGuard, EditorActions, QDialog):
    def __init__(self, session: Session, application_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.application_id = application_id
        self.application = None
        self.snapshot: dict = {}
        self.editable = False
        self.dirty = False
        self._loading = False
        self.check_submission = False  # after a refused submit, the live checks include the submission rules
        self.errors: dict[str, str] = {}
        self.sections: dict[str, Section] = {
            "A": SnapshotSection(),
            "B": CriteriaSection(),
            "C": HoldingsSection(),
            "D": ManagementSection(),
            "E": DisputesSection(),
            "F": NeedsSection(),
            "G": PledgeSection(),
        }
        self.attachments = AttachmentsPanel()
        self.history = HistoryPanel()
        self.review_tab = ReviewTab(session)
        self.verdict = VerdictPanel()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.tabs = QTabWidget()
        for letter, section in self.sections.items():
            self.tabs.addTab(_scrolled(section), TAB_TITLES[letter])
            section.changed.connect(self.on_edit)
        self.tabs.addTab(self.attachments, "附件")
        self.tabs.addTab(self.history, "版本记录")
        self.tabs.addTab(self.review_tab, "审核意见")
        self._connect()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(_scrolled(self.verdict))
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([820, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        place(self, (1180, 780))
        self.load()
        self.guard(self.save)

    def _connect(self) -> None:
        a, b = self.sections["A"], self.sections["B"]
        a.refresh_requested.connect(self.refresh_snapshot)
        b.add_evidence.connect(self.add_evidence)
        b.open_file.connect(lambda attachment: open_attachment(self, attachment))
        self.attachments.open_file.connect(lambda attachment: open_attachment(self, attachment))
        self.attachments.attach_scan.connect(self.attach_scan)
        self.history.open_application.connect(self._open_revision)
        self.review_tab.acted.connect(self.load)

    def _buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton("保存 (Ctrl+S)")
        self.submit_button = QPushButton("提交…")
        self.preview_button = QPushButton("打印预览")
        self.scan_button = QPushButton("添加盖章扫描件…")
        self.revise_button = QPushButton("更正（生成新版本）")
        close = QPushButton("关闭")
        self.save_button.clicked.connect(lambda: self.save())
        self.submit_button.clicked.connect(lambda: self.submit())
        self.preview_button.clicked.connect(lambda: self.preview())
        self.scan_button.clicked.connect(lambda: self.attach_scan())
        self.revise_button.clicked.connect(lambda: self.revise())
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        for button in (self.save_button, self.submit_button, self.preview_button, self.scan_button):
            bar.addWidget(button)
        bar.addWidget(self.revise_button)
        bar.addStretch(1)
        bar.addWidget(close)
        return bar

    # --- loading -------------------------------------------------------------------------------------

    def load(self) -> None:
        user = self.session.user
        application = applications.get(user, self.application_id)
        self.application = application
        form = applications.form_of(application)
        self.snapshot = form.snapshot
        may = actions.allowed(user, application)
        self.editable = actions.EDIT in may
        self._loading = True
        try:
            for section in self.sections.values():
                section.load(form)
                section.set_read_only(not self.editable)
        finally:
            self._loading = False
        self.dirty = False
        self.check_submission = False
        self._show_errors({})
        self.save_button.setEnabled(self.editable)
        self.submit_button.setEnabled(actions.SUBMIT in may)
        self.scan_button.setEnabled(actions.ATTACH_SCAN in may)
        self.attachments.scan_button.setEnabled(actions.ATTACH_SCAN in may)
        self.revise_button.setVisible(not actions.is_draft(application))
        self.revise_button.setEnabled(actions.REVISE in may)
        self._banner(application, may)
        self._title()
        self.load_files()
        self.history.show_history(applications.history(user, application.enterprise_id), application.id)
        self.review_tab.show_application(application)
        self.update_verdict(form)

    def _title(self) -> None:
        a = self.application
        state = applications.status_label(a)
        mark = "*" if self.dirty else ""
        self.setWindowTitle(
            f"{mark}{a.enterprise.name} — {a.round.year} 年度申报表（第 {a.revision} 版，{state}）"
        )

    def _banner(self, application, may: frozenset[str]) -> None:
        if application.superseded:
            text = f"这是已被更正替代的旧版本（第 {application.revision} 版），只读。最新版本见“版本记录”。"
        elif not actions.is_draft(application):
            when = str(application.submitted_at or "")[:16]
            state = applications.status_label(application)
            text = f"本申报表已于 {when} 提交（第 {application.revision} 版，{state}），内容只读。"
            if actions.REVISE in may:
                text += "如需更正，请点击“更正（生成新版本）”。"
            text += f"下一步：{actions.next_step(self.session.user, application)}"
        elif actions.EDIT not in may:
            text = "您只能查看这份申报表（只读）。"
        else:
            text = ""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def load_files(self) -> None:
        rows = attachments.attachments_of(self.application)
        self.attachments.show_files(rows)
        by_key: dict[str, list] = {}
        for attachment in rows:
            if attachment.purpose.startswith("evidence:"):
                by_key.setdefault(attachment.purpose.split(":", 1)[1], []).append(attachment)
        self.sections["B"].set_evidence(by_key)

    # --- editing -------------------------------------------------------------------------------------

    def current_form(self) -> ApplicationForm:
        form = ApplicationForm(snapshot=dict(self.snapshot))
        for section in self.sections.values():
            section.store(form)
        return form

    def on_edit(self) -> None:
        if self._loading or not self.editable:
            return
        self.dirty = True
        self._title()
        form = self.current_form()
        self._show_errors(validate(form, for_submission=self.check_submission))
        self.update_verdict(form)

    def update_verdict(self, form: ApplicationForm | None = None) -> None:
        self.verdict.show_result(applications.eligibility_of(self.application, form or self.current_form()))

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        bar = self.tabs.tabBar()
        for index, section in enumerate(self.sections.values()):
            failed = section.show_errors(errors)
            bar.setTabTextColor(index, QColor("#c0392b") if failed else QColor())
        if not errors and self.message.property("problems"):
            self._say("")

    def _report_problems(self, errors: dict[str, str], lead: str) -> None:
        self._show_errors(errors)
        for index, section in enumerate(self.sections.values()):
            if section.mine(errors):
                self.tabs.setCurrentIndex(index)
                break
        self._say(f"{lead}：有 {len(errors)} 处需要修改，见红字提示。", warning=True)
        self.message.setProperty("problems", True)

    def _say(self, text: str, warning: bool = False) -> None:
        self.message.setProperty("problems", False)
        self.message.setStyleSheet("color: #c0392b;" if warning else "color: #555;")
        set_error(self.message, text)

    def _open_revision(self, application_id: int) -> None:
        if application_id != self.application_id:
            open_editor(self, self.session, application_id)

    def is_dirty(self) -> bool:  # the editor tracks its own edits (tables and evidence rows included)
        return self.dirty and self.editable


def open_editor(parent: QWidget | None, session: Session, application_id: int) -> ApplicationEditor:
    """Open window-modal without a nested event loop; the editor deletes itself once closed."""
    editor = ApplicationEditor(session, application_id, parent)
    editor.finished.connect(editor.deleteLater)
    editor.open()
    return editor
