"""新建案件: type, source, date received, handling unit, summary, parties and rights; then what the rules decided.

Whether the case is important and whether a report to the city was made are decided by app.services.cases.handling
(the notice's rules); after saving, the dialog only shows what came out, and offers to open the case file.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CASE_CHANNELS, CASE_SOURCES, CASE_TYPES
from app.services.cases import handling as cases
from app.services.core import dates, reference
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city
from app.ui.cases.party_editors import PartiesTable, RightsTable
from app.ui.dirty_guard import DirtyGuard
from app.ui.district_names import add_district_item
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, fill_combo, set_error
from app.ui.window_state import place

CITY = "city"
FLAG_STYLE = "padding: 8px 12px; border-radius: 3px; border: 1px solid {fg}; color: {fg}; background: {bg};"


class NewCaseDialog(DirtyGuard, QDialog):
    """`created(case_id)` after a successful save; `open_case(case_id)` when the user asks for the file."""

    created = Signal(int)
    open_case = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.case = session, None
        self.setWindowTitle("新建案件")
        place(self, (860, 640))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.guard(self.save, scope=self.pages.widget(0))

    def _form_page(self) -> QWidget:
        self.type = QComboBox()
        fill_combo(self.type, CASE_TYPES)
        self.source = QComboBox()
        fill_combo(self.source, CASE_SOURCES)
        self.channel = QComboBox()
        fill_combo(self.channel, CASE_CHANNELS, "（暂不确定）")
        self.received = date_edit(rule=dates.HAPPENED, label="收到日期")
        self.handling = QComboBox()
        user = self.session.user
        if is_city(user):
            self.handling.addItem("市局", CITY)
            for district in reference.districts():
                add_district_item(self.handling, district.name, district.code)
        else:
            add_district_item(self.handling, user.district.name if user.district_id else "本单位", None)
            self.handling.setEnabled(False)
            self.handling.setToolTip("旗区联络员登记的案件由本旗区承办")
        self.officers = QLineEdit(placeholderText="承办人员姓名，多人用顿号分隔")
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("简要案情：涉案权利、侵权行为、请求事项等")
        self.summary.setFixedHeight(80)
        form = QFormLayout()
        form.addRow("案件类型：", self.type)
        form.addRow("案件来源：", self.source)
        form.addRow("收到日期：", self.received)
        form.addRow("承办单位：", self.handling)
        form.addRow("承办人员：", self.officers)
        form.addRow("处理途径：", self.channel)
        form.addRow("案情摘要：", self.summary)
        self.parties = PartiesTable(self.session.user)
        self.rights = RightsTable()
        tabs = QTabWidget()
        tabs.addTab(self.parties, "当事人")
        tabs.addTab(self.rights, "涉案权利")
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        return page

    def _result_page(self) -> QWidget:
        self.result_title = QLabel()
        self.result_title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.important_label = QLabel()
        self.report_label = QLabel()
        for label in (self.important_label, self.report_label):
            label.setWordWrap(True)
        open_button = QPushButton("打开案件")
        close = QPushButton("关闭")
        open_button.clicked.connect(self._open)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(close)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_title)
        layout.addWidget(self.important_label)
        layout.addWidget(self.report_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def data(self) -> dict:
        handling = self.handling.currentData()
        return {
            "type": self.type.currentData(),
            "source": self.source.currentData(),
            "received_on": day_of(self.received),
            "handling_district": None if handling in (None, CITY) else handling,
            "officers": self.officers.text(),
            "channel": self.channel.currentData(),
            "summary": self.summary.toPlainText(),
        }

    def save(self) -> bool:
        if not self.received.check():
            return False
        try:
            self.case = self.session.perform(
                cases.create_case,
                self.session.user,
                self.data(),
                self.parties.parties(),
                self.rights.rights(),
            )
        except DomainError as exc:
            set_error(self.error, str(exc))
            return False
        set_error(self.error, "")
        self.mark_clean()
        self._show_result()
        self.created.emit(self.case.id)
        return True

    def _show_result(self) -> None:
        case, report = self.case, cases.report_of(self.case)
        self.setWindowTitle("案件已登记")
        self.result_title.setText(f"已登记案件 {case.number}")
        if case.important:
            text, look = f"★ 重要案件：{case.important_note}", ("#a61b1b", "#fbe3e1")
        else:
            text, look = "一般案件（未标记为重要案件）。", ("#555555", "#f0f0f0")
        self.important_label.setText(text)
        self.important_label.setStyleSheet(FLAG_STYLE.format(fg=look[0], bg=look[1]))
        if report is not None:
            text = f"已生成上报市局记录（{report.reported_on}），待市局签收。{report.note}"
            look = ("#8a5300", "#fde9c4")
        else:
            text, look = "无需上报市局。", ("#555555", "#f0f0f0")
        self.report_label.setText(text)
        self.report_label.setStyleSheet(FLAG_STYLE.format(fg=look[0], bg=look[1]))
        self.pages.setCurrentIndex(1)

    def _open(self) -> None:
        self.accept()
        self.open_case.emit(self.case.id)
