"""The case file: header with the important flag, parties and rights, the clocks, the timeline, the outcome,
the report to the city, consulting an expert, and printing (办理情况, 立案审批表, 上报表).

Everything shown comes from app.services.cases.case_dicts.case_dict. Every write here goes through
`session.perform`, whose Changes reload the whole file (and the case list, and the experts after a consultation).
"""

from __future__ import annotations

import io

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.cases import handling as cases
from app.services.cases import printing as case_print
from app.services.cases.case_dicts import case_dict
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.ui.cases.case_boxes import OutcomeBox, ReportBox, ask_text
from app.ui.cases.clocks_panel import ClocksPanel
from app.ui.cases.consult_dialog import ConsultDialog
from app.ui.cases.party_editors import RIGHT_KINDS
from app.ui.cases.timeline_panel import TimelinePanel
from app.ui.dirty_guard import DirtyGuard
from app.ui.pdf_preview import PdfPreviewDialog, preview_pdf
from app.ui.session import Session
from app.ui.widgets import show_error
from app.ui.window_state import place

FACT_GAP = "&nbsp;" * 5
IMPORTANT_STYLE = (
    "color: #a61b1b; background: #fbe3e1; border: 1px solid #a61b1b; border-radius: 3px; padding: 4px 8px;"
)


def _table(headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)


class CaseDetailDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.case_id, self.data, self.preview, self.consult = session, case_id, {}, None, None
        self.case = cases.get(session.user, case_id)
        self.actions = cases.allowed(session.user, self.case)
        self.editable = self.actions.edit
        place(self, (1180, 800))
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.important = QLabel()
        self.important.setWordWrap(True)
        self.clear_button = QPushButton("取消重要标记…")
        self.clear_button.clicked.connect(lambda: self.clear_important())
        flag_row = QHBoxLayout()
        flag_row.addWidget(self.important, 1)
        flag_row.addWidget(self.clear_button)
        self.parties = _table(["身份", "当事人", "信用代码/身份证号", "重点企业"], 1)
        self.rights = _table(["类别", "号码", "名称"], 2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.clocks = ClocksPanel()
        self.timeline = TimelinePanel(session, self.editable)
        self.outcome = OutcomeBox(session, self.editable)
        self.report = ReportBox(session)
        session.changed.connect(self._on_session_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(flag_row)
        columns = QHBoxLayout()
        columns.addLayout(self._left_column(), 5)
        right = QVBoxLayout()
        right.addWidget(self.clocks)
        right.addWidget(self.timeline, 1)
        right.addWidget(self.report)
        columns.addLayout(right, 6)
        layout.addLayout(columns, 1)
        layout.addLayout(self._buttons())
        self.reload()
        self.guard(self.outcome.save, scope=self.outcome)
        self.guard_also(self.timeline.add, self.timeline.add_area)  # the 登记 row: type, date and note
        self.timeline.added.connect(lambda: self.mark_clean(self.timeline.add_area))

    def _left_column(self) -> QVBoxLayout:
        summary_box = QGroupBox("案情摘要")
        QVBoxLayout(summary_box).addWidget(self.summary)
        parties_box = QGroupBox("当事人")
        QVBoxLayout(parties_box).addWidget(self.parties)
        rights_box = QGroupBox("涉案权利")
        QVBoxLayout(rights_box).addWidget(self.rights)
        column = QVBoxLayout()
        column.addWidget(summary_box)
        column.addWidget(parties_box, 2)
        column.addWidget(rights_box, 1)
        column.addWidget(self.outcome)
        return column

    def _buttons(self) -> QHBoxLayout:
        self.consult_button = QPushButton("咨询专家…")
        self.consult_button.clicked.connect(lambda: self.consult_expert())
        self.consult_button.setVisible(self.actions.consult)
        self.print_buttons = {}
        row = QHBoxLayout()
        row.addWidget(self.consult_button)
        row.addStretch(1)
        for document, text in (
            ("summary", "打印办理情况"),
            ("filing", "打印立案审批表"),
            ("report", "打印上报表"),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, d=document: self.print_document(d))
            self.print_buttons[document] = button
            row.addWidget(button)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        return row

    # --- showing ------------------------------------------------------------------------------------

    def reload(self) -> None:
        self.case = cases.get(self.session.user, self.case_id)
        self.actions = cases.allowed(self.session.user, self.case)
        d = self.data = case_dict(self.case)
        self.setWindowTitle(f"案件 {d['number']}")
        facts = [f"状态：<b>{d['status_label']}</b>", f"承办单位：{d['handling']}", f"来源：{d['source_label']}",
                 f"收到日期：{d['received_on']}", f"承办人员：{d['officers'] or '—'}",
                 f"处理途径：{d['channel_label'] or '—'}"]  # fmt: skip
        if d["closed_on"]:
            facts.insert(4, f"结案日期：{d['closed_on']}")
        self.heading.setText(f"{'★ ' if d['important'] else ''}{d['number']}　{d['type_label']}")
        self.facts.setText(FACT_GAP.join(facts))
        self.important.setText(
            f"★ 重要案件：{d['important_note']}" if d["important"] else d["important_note"]
        )
        self.important.setStyleSheet(IMPORTANT_STYLE if d["important"] else "color: #666666;")
        self.important.setVisible(bool(d["important"] or d["important_note"]))
        self.clear_button.setVisible(self.actions.clear_important)
        self.summary.setText(d["summary"])
        _fill(self.parties, [(p["role_label"], p["name"], p["id_code"], "★ 是" if p["key_enterprise"] else "")
                             for p in d["parties"]])  # fmt: skip
        _fill(
            self.rights,
            [(RIGHT_KINDS.get(r["kind"], r["kind"]), r["number"], r["title"]) for r in d["rights"]],
        )
        self.clocks.show_clocks(d["clocks"], d["warnings"])
        self.timeline.show_case(d, self.actions)
        self.outcome.show_case(d, self.case.outcome_note)
        self.mark_clean(self.outcome)  # the 登记 row keeps what is typed there across reloads
        self.report.show_case(d, self.actions.acknowledge)
        self.print_buttons["report"].setVisible("report" in d)

    def _on_session_changed(self, changes: Changes) -> None:
        if changes.cases or changes.calendar:
            try:
                self.reload()
            except DomainError:
                self.reject()

    # --- actions ------------------------------------------------------------------------------------

    def clear_important(self) -> bool:
        reason = ask_text(self, "取消重要案件标记", "请填写取消重要案件标记的理由：")
        if reason is None:
            return False
        try:
            self.session.perform(cases.clear_important, self.session.user, self.case_id, reason)
        except DomainError as exc:
            show_error(self, exc, "未能取消标记")
            return False
        return True

    def consult_expert(self) -> ConsultDialog:
        self.consult = ConsultDialog(self.session, self.case, self)
        self.consult.open()
        return self.consult

    def print_document(self, document: str) -> PdfPreviewDialog | None:
        buffer = io.BytesIO()
        try:
            report = case_print.print_case(self.session.user, self.case_id, buffer, document)
        except DomainError as exc:
            show_error(self, exc, "无法打印")
            return None
        title = f"{case_print.DOCUMENTS[document]} - {self.data['number']}"
        self.preview = preview_pdf(
            self,
            buffer.getvalue(),
            title,
            f"{case_print.DOCUMENTS[document]}_{self.data['number']}.pdf",
            report.warnings,
        )
        return self.preview
