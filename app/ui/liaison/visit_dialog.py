"""走访记录: a new visit with the problems raised and a follow-up item for each, or a saved visit to look at.

Errors show in red under their fields. Once saved the record is read-only; photos and the scanned sign-in
sheet can then be attached, and the 走访记录表 printed for signatures and the seal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.liaison import VISIT_KINDS
from app.services.core import dates
from app.services.core.errors import DomainError, ValidationError
from app.services.core.permissions import can_write_enterprises
from app.services.liaison import visits
from app.ui.dirty_guard import DirtyGuard
from app.ui.enterprise_picker import EnterprisePicker
from app.ui.files_panel import FilesPanel
from app.ui.liaison.followups_editor import FollowUpsEditor
from app.ui.liaison.printing import preview_visit
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, fill_combo, select_data, set_error
from app.ui.window_state import place

TEXTS = {"topics": "走访内容", "problems": "反映的问题", "notes": "其他记录"}
PLACEHOLDERS = {
    "topics": "宣讲的政策、了解的情况",
    "problems": "企业提出的问题，每行一条；需要跟进的可在右侧生成跟进事项",
    "notes": "现场情况、企业意见等",
}


class VisitDialog(DirtyGuard, QDialog):
    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        enterprise_id: int | None = None,
        visit_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session, self.visit_id = session, visit_id
        self.setWindowTitle("新建走访记录")
        self.errors = {k: error_label() for k in ("enterprise", "visited_on", "kind", "notes")}
        self.picker = EnterprisePicker(session, stacked=True)
        self.visited_on = date_edit(rule=dates.PLANNED, label="走访日期")
        self.kind = QComboBox()
        fill_combo(self.kind, VISIT_KINDS)
        self.officers = QLineEdit(session.user.display_name, placeholderText="我方参加走访的人员，用顿号分隔")
        self.people_met = QLineEdit(placeholderText="如：张敏（总经理）、李强（法务）")
        self.texts = {key: QPlainTextEdit(placeholderText=PLACEHOLDERS[key]) for key in TEXTS}
        self.followups = FollowUpsEditor()
        self.followups.default_owner = session.user
        self.visited_on.use_label(self.errors["visited_on"])  # the row beside it holds 走访类型
        self.followups.visit_day = self.visited_on.peek
        self.followups.from_problems_button.clicked.connect(
            lambda: self.followups.add_from_problems(self.texts["problems"].toPlainText())
        )
        self.files = FilesPanel("保存走访记录后，可在此添加现场照片、签到表扫描件。", "添加照片/扫描件…")
        self.picker.changed.connect(lambda: self.followups.set_district(self.picker.district_id()))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存 (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.print_button = self.buttons.addButton("打印走访记录表…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(lambda: self.print_record())
        self.save_button.clicked.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        columns = QHBoxLayout()
        columns.addLayout(self._form(), 5)
        columns.addLayout(self._side(), 6)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        place(self, (1080, 680))
        if enterprise_id is not None:
            self.picker.set_enterprise(enterprise_id)
        self.followups.set_district(self.picker.district_id())
        if visit_id is not None:
            self.load(visit_id)
        self.guard(self.save)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow("* 企业：", self.picker)
        form.addRow("", self.errors["enterprise"])
        when = QHBoxLayout()
        when.addWidget(self.visited_on)
        when.addSpacing(16)
        when.addWidget(QLabel("走访类型："))
        when.addWidget(self.kind, 1)
        form.addRow("* 走访日期：", when)
        form.addRow("", self.errors["visited_on"])
        form.addRow("", self.errors["kind"])
        form.addRow("我方人员：", self.officers)
        form.addRow("企业接待人员：", self.people_met)
        for key, label in TEXTS.items():
            self.texts[key].setMinimumHeight(80)
            form.addRow(f"{label}：", self.texts[key])
        form.addRow("", self.errors["notes"])
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        return form

    def _side(self) -> QVBoxLayout:
        items = QGroupBox("跟进事项（列入跟进清单）")
        QVBoxLayout(items).addWidget(self.followups)
        files = QGroupBox("附件（现场照片、签到表扫描件）")
        QVBoxLayout(files).addWidget(self.files)
        side = QVBoxLayout()
        side.addWidget(items, 3)
        side.addWidget(files, 2)
        return side

    # --- saving --------------------------------------------------------------------------------------------

    def values(self) -> dict:
        data = {key: edit.toPlainText() for key, edit in self.texts.items()}
        data.update(visited_on=day_of(self.visited_on), kind=self.kind.currentData(),
                    officers=self.officers.text(), people_met=self.people_met.text())  # fmt: skip
        return data

    def save(self) -> bool:
        if self.visit_id is not None:
            return False
        for label in self.errors.values():
            set_error(label, "")
        enterprise_id = self.picker.current_id()
        set_error(self.errors["enterprise"], "" if enterprise_id else "请选择走访的企业")
        items = self.followups.items()
        if not self.visited_on.check() or enterprise_id is None or items is None:
            return self._say("有需要修改的地方，见红字提示。", warning=True)
        try:
            visit = self.session.perform(
                visits.record_visit, self.session.user, enterprise_id, self.values(), items
            )
        except ValidationError as exc:
            shown = {key: msg for key, msg in exc.errors.items() if key in self.errors}
            for key, msg in shown.items():
                set_error(self.errors[key], msg)
            if len(shown) < len(exc.errors):  # the message names an item's field (事项、完成期限、责任人)
                set_error(self.followups.error, str(exc))
            return self._say("有需要修改的地方，见红字提示。", warning=True)
        except DomainError as exc:
            return self._say(str(exc), warning=True)
        self.load(visit.id)
        self._say(
            f"已保存，生成跟进事项 {len(items)} 项。可继续添加现场照片、签到表扫描件，或打印走访记录表。"
        )
        self.saved.emit(visit.id)
        return True

    def _say(self, text: str, warning: bool = False) -> bool:
        self.message.setStyleSheet("color: #c0392b;" if warning else "color: #1e7e34;")
        set_error(self.message, text)
        return False

    # --- a saved visit -------------------------------------------------------------------------------------

    def load(self, visit_id: int) -> None:
        visit = visits.get_visit(self.session.user, visit_id)
        self.visit_id = visit.id
        self.setWindowTitle(f"走访记录 - {visit.enterprise.name} {visit.visited_on}")
        self.picker.set_enterprise(visit.enterprise_id)
        self.visited_on.set_date(visit.visited_on)
        select_data(self.kind, visit.kind)
        self.officers.setText(visit.officers)
        self.people_met.setText(visit.people_met)
        for key, edit in self.texts.items():
            edit.setPlainText(getattr(visit, key))
        for widget in (self.visited_on, self.kind):
            widget.setEnabled(False)
        for widget in (self.officers, self.people_met, *self.texts.values()):
            widget.setReadOnly(True)
        self.picker.set_read_only(True)
        self.followups.show_saved(list(visit.followups))
        user = self.session.user
        self.files.bind(
            lambda: visits.files(user, visit.id),
            lambda path: self.session.perform(visits.attach_file, user, visit.id, path),
            can_write_enterprises(user, visit.enterprise.district_id),
        )
        self.mark_clean()
        self.save_button.hide()
        self.print_button.setEnabled(True)

    def print_record(self):
        return preview_visit(self, self.session, self.visit_id) if self.visit_id else None
