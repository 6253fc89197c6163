"""重点企业名录: the enterprises on the protection list, their basis and next re-examination, and publication.

The next review date is amber within the reminder period (90 days by default) and red once overdue. City
roles re-examine (复核…) and publish (公示…); everyone may export what the table shows (导出当前列表).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.listing import ENTRY_STATUSES
from app.services.core import reference, settings
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city, visible_district_ids
from app.services.listing import entries as protection_list
from app.services.listing.entry_rows import EntryRow, entry_rows
from app.ui.district_names import district_column, fill_district_combo
from app.ui.excel.table_export import export_view
from app.ui.listing.list_dialogs import PublishDialog, PublishResultDialog, ReExamDialog
from app.ui.listing.publications_tab import PublicationsTab
from app.ui.session import Session
from app.ui.tables import (
    KEY_ROLE,
    Column,
    EmptyHint,
    RowsModel,
    declare_matters,
    list_layout,
    rows_view,
    select_key,
)
from app.ui.widgets import selected_row_id, show_error

ID_ROLE = KEY_ROLE
ACTIVE, EVERY = "", "*"
OVERDUE_LOOK = ("#a61b1b", "#fbe3e1")
DUE_LOOK = ("#8a5300", "#fde9c4")
INACTIVE_LOOK = ("#888888", None)  # suspended or removed: the whole row greyed


def legend_text(due_days: int) -> str:
    """The colour key; the window is the setting dashboard.due_days, the same one the colours use."""
    return (
        f"下次复核：<span style='color:#8a5300'>■ {due_days} 天内到期</span>　"
        "<span style='color:#a61b1b'>■ 已逾期</span>"
    )


def due_look(days_left: int, due_days: int) -> tuple[str, str] | None:
    if days_left < 0:
        return OVERDUE_LOOK
    return DUE_LOOK if days_left <= due_days else None


def columns(due: Callable[[EntryRow], tuple[int, tuple[str, str] | None]]) -> tuple[Column, ...]:
    """The list's columns; `due(row)` answers the days to the next re-examination and their colours."""

    def grey(row: EntryRow):
        return None if row.active else INACTIVE_LOOK

    def review_look(row: EntryRow):
        return due(row)[1] if row.active else INACTIVE_LOOK

    def review_tip(row: EntryRow) -> str:
        days, look = due(row)
        if not row.active or look is None:
            return ""
        return f"已逾期 {-days} 天" if days < 0 else f"还有 {days} 天"

    return (
        Column("企业名称", lambda r: r.name, look=grey),
        Column("统一社会信用代码", lambda r: r.uscc, look=grey),
        district_column("所属旗区", lambda r: r.district, look=grey),
        Column("纳入依据", lambda r: "；".join(r.basis), tooltip=lambda r: "；".join(r.basis), look=grey),
        Column("纳入日期", lambda r: r.listed_on.isoformat(), look=grey),
        Column("状态", lambda r: r.status_label, look=grey),
        Column("下次复核", lambda r: r.next_review_on.isoformat(), tooltip=review_tip, look=review_look),
    )


class ListPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        allowed = visible_district_ids(session.user)
        self.districts = [d for d in reference.districts() if allowed is None or d.id in allowed]
        self.city = is_city(session.user)
        self.entries: list[EntryRow] = []
        self.today, self.due_days = date.today(), settings.get("dashboard.due_days")
        self.dialog = None
        heading = QLabel("重点企业名录")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._list_tab(), "名录")
        self.publications = PublicationsTab()
        self.tabs.addTab(self.publications, "公示记录")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.reload()

    def _list_tab(self) -> QWidget:
        self.search = QLineEdit(placeholderText="按企业名称或统一社会信用代码筛选")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.show_rows())
        self.district = QComboBox()
        fill_district_combo(self.district, self.districts, "全部旗区")
        if len(self.districts) == 1:  # a district's user starts at its own district, as in the register
            self.district.setCurrentIndex(1)
        self.status = QComboBox()
        self.status.addItem("在册（含复核保留）", ACTIVE)
        self.status.addItem("全部（含暂停、移出）", EVERY)
        for code, label in ENTRY_STATUSES.items():
            self.status.addItem(label, code)
        self.district.currentIndexChanged.connect(lambda _i: self.reload())
        self.status.currentIndexChanged.connect(lambda _i: self.show_rows())
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.district)
        filters.addWidget(self.status)
        self.model = RowsModel(columns(self._due), parent=self)
        self.table = rows_view(self.model)
        self.empty = EmptyHint(self.table, "名录中没有符合条件的企业。申报表经市局批准后，企业自动纳入名录。")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The name takes a set width and the long 纳入依据 the rest (its tooltip has it all): stretching the name
        # instead left it 38 px at 1024 px.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.table, ("所属旗区", "状态", "下次复核"), names=("企业名称",))
        self.table.doubleClicked.connect(lambda _index: self.re_examine())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.count_label = QLabel()
        legend = self.legend = QLabel(legend_text(self.due_days))
        self.review_button = QPushButton("复核…")
        self.publish_button = QPushButton("公示…")
        self.export_button = QPushButton("导出当前列表")
        self.review_button.clicked.connect(lambda: self.re_examine())
        self.publish_button.clicked.connect(lambda: self.publish())
        self.export_button.clicked.connect(lambda: export_view(self, self.table, "重点企业名录"))
        self.review_button.setVisible(self.city)
        self.publish_button.setVisible(self.city)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addSpacing(16)
        buttons.addWidget(legend)
        buttons.addStretch(1)
        for button in (self.review_button, self.publish_button, self.export_button):
            buttons.addWidget(button)
        return list_layout(QWidget(), filters, self.table, buttons)

    # --- listing -------------------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.entries = entry_rows(self.session.user, district_code=self.district.currentData() or None)
        except DomainError as exc:
            show_error(self, exc)
            self.entries = []
        self.show_rows()
        self.publications.reload()

    def _wanted(self, row: EntryRow) -> bool:
        status, text = self.status.currentData(), self.search.text().strip().lower()
        if status == ACTIVE and not row.active:
            return False
        if status not in (ACTIVE, EVERY) and row.status != status:
            return False
        return not text or text in row.name.lower() or text in row.uscc.lower()

    def _due(self, row: EntryRow) -> tuple[int, tuple[str, str] | None]:
        days = (row.next_review_on - self.today).days
        return days, due_look(days, self.due_days)

    def show_rows(self) -> None:
        keep = self.selected_id()
        self.today, self.due_days = date.today(), settings.get("dashboard.due_days")
        self.legend.setText(legend_text(self.due_days))
        rows = [r for r in self.entries if self._wanted(r)]
        self.model.set_rows(rows)
        self.count_label.setText(f"共 {len(rows)} 家")
        if keep is not None:
            self._select(keep)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if any((changes.applications, changes.listing, changes.enterprises, changes.settings)):  # due_days
            self.reload()

    def selected_id(self) -> int | None:
        return selected_row_id(self.table, ID_ROLE)

    def _select(self, entry_id: int) -> bool:
        return select_key(self.table, entry_id)

    def focus_entry(self, entry_id: int) -> bool:
        """Show the entry's row whatever the filters were (from the dashboard's due list)."""
        self.tabs.setCurrentIndex(0)
        if not self._select(entry_id):
            self.search.clear()
            self.status.setCurrentIndex(self.status.findData(EVERY))
            self.district.setCurrentIndex(0)
            self.reload()
        found = self._select(entry_id)
        self.table.setFocus()
        return found

    def _update_buttons(self) -> None:
        self.review_button.setEnabled(self.city and self.selected_id() is not None)
        self.publish_button.setEnabled(self.city and bool(self.entries))

    # --- actions -------------------------------------------------------------------------------------

    def _open(self, dialog):
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def re_examine(self) -> ReExamDialog | None:
        selected = self.selected_id()
        if not self.city or selected is None:
            return None
        try:
            entry = protection_list.get_entry(self.session.user, selected)
        except DomainError as exc:
            show_error(self, exc)
            return None
        return self._open(ReExamDialog(self.session, entry, self))

    def publish(self) -> PublishDialog | None:
        if not self.city:
            return None
        dialog = PublishDialog(self.session, self)
        dialog.accepted.connect(lambda: self._published(dialog.result_, dialog.folder))
        return self._open(dialog)

    def _published(self, result, folder: Path | None = None) -> None:
        self.tabs.setCurrentWidget(self.publications)
        self.publications.table.selectRow(0)
        self.dialog = self._open(PublishResultDialog(result, self, folder))
