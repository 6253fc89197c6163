"""申报与审核: the applications of a round the user may see, with status and verdict; printing blank and batch.

The review steps (推荐… 开始审核 审核决定… 批量决定…) act on the selected rows; the selected application's
opinions are shown below the table, and the district's recommendations against the round's quota above it.
"""

from __future__ import annotations

import io

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.applications import APPLICATION_STATUSES
from app.services.applications import printing as application_print
from app.services.applications.form_pdf import RenderReport
from app.services.applications.round_rows import RoundRow, applications_by_id, round_rows
from app.services.core import reference, settings
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city_admin, visible_district_ids
from app.ui.applications.editor import ApplicationEditor, open_editor
from app.ui.applications.review_bar import OpinionsTable, ReviewBar
from app.ui.applications.review_dialogs import quota_text
from app.ui.applications.round_dialog import RoundDialog
from app.ui.applications.verdict_panel import STATUS_LOOK, verdict_look
from app.ui.district_names import district_column, fill_district_combo
from app.ui.pdf_preview import PdfPreviewDialog, preview_pdf
from app.ui.session import Session
from app.ui.tables import KEY_ROLE, Column, RowsModel, declare_matters, rows_view
from app.ui.tasks import TaskState, run_task
from app.ui.widgets import fill_combo, selected_row_id, show_error


def batch_job(actor, year: int, district_code: str, state: TaskState) -> tuple[bytes, RenderReport] | None:
    """Worker: one PDF of the district's round, form by form in the progress dialog; None when cancelled."""

    def progress(done: int, total: int) -> None:
        text = f"正在排版第 {done + 1} / {total} 份申报表…" if done < total else "正在写入 PDF…"
        state.progress(done * 100 // max(total, 1), text)

    buffer = io.BytesIO()
    report = application_print.print_round(
        actor, year, district_code, buffer, progress, lambda: state.cancelled
    )
    return None if report is None else (buffer.getvalue(), report)


def _verdict_look(row: RoundRow) -> tuple[str, str]:
    _fill, fg, bg = STATUS_LOOK[verdict_look(row.verdict)[1]]
    return fg, bg


COLUMNS = (
    Column("企业名称", lambda r: r.enterprise),
    district_column("所属旗区", lambda r: r.district),
    Column("申报方式", lambda r: r.source_label),
    Column("状态", lambda r: r.status_label),
    Column("版本", lambda r: f"第 {r.revision} 版"),
    Column("资格判定", lambda r: verdict_look(r.verdict)[0], tooltip=lambda r: r.verdict.verdict(),
           look=_verdict_look),
    Column("提交时间", lambda r: str(r.submitted_at or "")[:16]),
)  # fmt: skip
HEADERS = tuple(c.title for c in COLUMNS)
ID_ROLE = KEY_ROLE


class RoundPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        allowed = visible_district_ids(session.user)
        self.districts = [d for d in reference.districts() if allowed is None or d.id in allowed]
        self.city_wide = allowed is None
        self.preview: PdfPreviewDialog | None = None
        self.rows: list[RoundRow] = []
        heading = QLabel("申报与审核")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self._filter_bar())
        self.review_bar = ReviewBar(session)
        self.quota_label = QLabel()
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_bar)
        review_row.addStretch(1)
        review_row.addWidget(self.quota_label)
        layout.addLayout(review_row)
        self.opinions = OpinionsTable()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._table())
        splitter.addWidget(self.opinions)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._button_bar())
        session.changed.connect(self._on_changed)
        self.reload()

    def _filter_bar(self) -> QHBoxLayout:
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(settings.current_round_year())
        self.year.setSuffix(" 年度")
        self.district = QComboBox()
        fill_district_combo(self.district, self.districts, "全部旗区" if self.city_wide else None)
        self.district.setEnabled(len(self.districts) > 1)
        self.status = QComboBox()
        fill_combo(self.status, APPLICATION_STATUSES, "全部状态")
        self.year.valueChanged.connect(self.reload)
        self.district.currentIndexChanged.connect(self.reload)
        self.status.currentIndexChanged.connect(self.reload)
        bar = QHBoxLayout()
        for label, widget in (("年度：", self.year), ("旗区：", self.district), ("状态：", self.status)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        # The deadline and quotas bind every district: only the city administrator changes them.
        self.round_button = QPushButton("截止日与名额…")
        self.round_button.setToolTip("修改本年度的推荐截止日和每旗区推荐名额")
        self.round_button.clicked.connect(lambda: self.edit_round())
        self.round_button.setVisible(is_city_admin(self.session.user))
        bar.addWidget(self.round_button)
        return bar

    def _table(self) -> QTableView:
        self.model = RowsModel(COLUMNS, parent=self)
        self.table = rows_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.table, ("所属旗区", "状态", "资格判定"), names=("企业名称",))
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        return self.table

    def _button_bar(self) -> QHBoxLayout:
        self.count_label = QLabel()
        self.open_button = QPushButton("打开")
        self.blank_button = QPushButton("打印空白申报表")
        self.batch_button = QPushButton("批量打印本旗区申报表")
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.blank_button.clicked.connect(lambda: self.print_blank())
        self.batch_button.clicked.connect(lambda: self.print_district())
        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        for button in (self.open_button, self.blank_button, self.batch_button):
            bar.addWidget(button)
        return bar

    # --- listing -------------------------------------------------------------------------------------

    def reload(self) -> None:
        keep = set(self.selected_ids()) if self.rows else set()
        try:
            rows = round_rows(self.session.user, self.year.value(), self.district.currentData() or None,
                              self.status.currentData() or None)  # fmt: skip
        except DomainError as exc:
            show_error(self, exc)
            rows = []
        self.rows = rows
        self.model.set_rows(rows)
        self.count_label.setText(f"共 {len(rows)} 份申报表")
        self._show_quota()
        self.select_ids(keep)
        self._update_buttons()

    def _show_quota(self) -> None:
        """The selected district's recommendations in this round against the quota (not for 全部旗区)."""
        chosen = [r.id for r in self.rows if r.source != "direct"][:1]
        found = applications_by_id(self.session.user, chosen) if self.district.currentData() else []
        text, style = quota_text(found[0]) if found else ("", "")
        self.quota_label.setText(text)
        self.quota_label.setStyleSheet(style)

    def _on_changed(self, changes: Changes) -> None:
        if any((changes.applications, changes.rounds, changes.enterprises)):
            self.reload()

    def selected_id(self) -> int | None:
        return selected_row_id(self.table, ID_ROLE)

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.rows[r].id for r in rows if r < len(self.rows)]

    def selected_applications(self) -> list:
        """The selected applications as records, for the review steps (read in one query)."""
        ids = self.selected_ids()
        return applications_by_id(self.session.user, ids) if ids else []

    def select_ids(self, ids) -> None:
        self.table.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for r, row in enumerate(self.rows):
            if row.id in ids:
                self.table.selectionModel().select(self.model.index(r, 0), flags)

    def _update_buttons(self) -> None:
        chosen = self.selected_applications()
        self.review_bar.set_applications(chosen)
        self.opinions.show_application(chosen[0] if len(chosen) == 1 else None)
        self.open_button.setEnabled(self.selected_id() is not None)
        self.batch_button.setEnabled(bool(self.district.currentData()) and self.model.rowCount() > 0)
        self.batch_button.setToolTip("" if self.district.currentData() else "请先选择旗区")

    # --- actions -------------------------------------------------------------------------------------

    def open_selected(self) -> ApplicationEditor | None:
        selected = self.selected_id()
        return open_editor(self, self.session, selected) if selected is not None else None

    def edit_round(self) -> RoundDialog:
        dialog = RoundDialog(self.session, self.year.value(), self)
        dialog.open()
        return dialog

    def print_blank(self) -> PdfPreviewDialog:
        buffer = io.BytesIO()
        year = self.year.value()
        report = application_print.print_blank(buffer, year)
        return preview_pdf(
            self, buffer.getvalue(), f"{year} 年度空白申报表", f"空白申报表_{year}.pdf", report.warnings
        )

    def print_district(self) -> None:
        """Render every application of the district in a worker (a round can be long), then preview it."""
        code, year = self.district.currentData(), self.year.value()
        if not code:
            return
        self.batch_button.setEnabled(False)
        self.task = run_task(
            self, "正在生成申报表…", batch_job, self.session.user, year, code,
            on_success=lambda result: self._batch_ready(result, year),
            on_failure=self._batch_failed, cancellable=True,
        )  # fmt: skip

    def _batch_ready(self, result: tuple[bytes, RenderReport] | None, year: int) -> None:
        self._update_buttons()
        if result is None:  # cancelled: nothing was made, nothing to show
            return
        data, report = result
        chosen = {d.code: d.name for d in self.districts}.get(self.district.currentData())
        name = chosen or self.district.currentText()  # the file keeps the official name; the combo may be short
        title = f"{name} {year} 年度申报表（共 {report.pages} 页）"
        self.preview = preview_pdf(self, data, title, f"申报表_{name}_{year}.pdf", report.warnings)

    def _batch_failed(self, error: Exception) -> None:
        self._update_buttons()
        show_error(self, error, "无法批量打印")
