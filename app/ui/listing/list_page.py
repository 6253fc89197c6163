"""重点企业名录: the enterprises on the protection list, their basis and next re-examination, and publication.

The next review date is amber within the reminder period (90 days by default) and red once overdue. City
roles re-examine (复核…) and publish (公示…); everyone may export what the table shows (导出当前列表).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.listing import ACTIVE_ENTRY_STATUSES, ENTRY_STATUSES
from app.services.core import reference, settings
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city, visible_district_ids
from app.services.listing import entries as protection_list
from app.ui.excel.table_export import export_view
from app.ui.listing.list_dialogs import PublishDialog, PublishResultDialog, ReExamDialog
from app.ui.listing.publications_tab import PublicationsTab
from app.ui.session import Session
from app.ui.widgets import fill_combo, select_row_by_id, selected_row_id, show_error

HEADERS = ("企业名称", "统一社会信用代码", "所属旗区", "纳入依据", "纳入日期", "状态", "下次复核")
ID_ROLE = Qt.ItemDataRole.UserRole
ACTIVE, EVERY = "", "*"
OVERDUE_LOOK = ("#a61b1b", "#fbe3e1")
DUE_LOOK = ("#8a5300", "#fde9c4")


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


class ListPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        allowed = visible_district_ids(session.user)
        self.districts = [d for d in reference.districts() if allowed is None or d.id in allowed]
        self.city = is_city(session.user)
        self.entries: list = []
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
        fill_combo(self.district, {d.code: d.name for d in self.districts}, "全部旗区")
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
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 260)
        self.table.doubleClicked.connect(lambda _index: self.re_examine())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.count_label = QLabel()
        legend = self.legend = QLabel(legend_text(settings.get("dashboard.due_days")))
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
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        return tab

    # --- listing -------------------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.entries = protection_list.entries(
                self.session.user, include_inactive=True, district_code=self.district.currentData() or None
            )
        except DomainError as exc:
            show_error(self, exc)
            self.entries = []
        self.show_rows()
        self.publications.reload()

    def _wanted(self, entry) -> bool:
        status, text = self.status.currentData(), self.search.text().strip().lower()
        if status == ACTIVE and entry.status not in ACTIVE_ENTRY_STATUSES:
            return False
        if status not in (ACTIVE, EVERY) and entry.status != status:
            return False
        return not text or text in entry.enterprise.name.lower() or text in entry.enterprise.uscc.lower()

    def show_rows(self) -> None:
        keep = self.selected_id()
        rows = [e for e in self.entries if self._wanted(e)]
        today, due_days = date.today(), settings.get("dashboard.due_days")
        self.legend.setText(legend_text(due_days))
        self.table.setRowCount(len(rows))
        for r, entry in enumerate(rows):
            ent = entry.enterprise
            values = (ent.name, ent.uscc, ent.district.name, "；".join(protection_list.basis_labels(entry)),
                      entry.listed_on.isoformat(), ENTRY_STATUSES.get(entry.status, entry.status),
                      entry.next_review_on.isoformat())  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 0:
                    item.setData(ID_ROLE, entry.id)
                if c == 3:
                    item.setToolTip(value)
                self.table.setItem(r, c, item)
            days = (entry.next_review_on - today).days
            look = due_look(days, due_days) if entry.status in ACTIVE_ENTRY_STATUSES else None
            if look:
                item = self.table.item(r, 6)
                item.setForeground(QBrush(QColor(look[0])))
                item.setBackground(QBrush(QColor(look[1])))
                item.setToolTip(f"已逾期 {-days} 天" if days < 0 else f"还有 {days} 天")
            if entry.status not in ACTIVE_ENTRY_STATUSES:
                for c in range(len(HEADERS)):
                    self.table.item(r, c).setForeground(QBrush(QColor("#888888")))
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
        return select_row_by_id(self.table, ID_ROLE, entry_id)

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
        entry = next(e for e in self.entries if e.id == selected)
        return self._open(ReExamDialog(self.session, entry, self))

    def publish(self) -> PublishDialog | None:
        if not self.city:
            return None
        dialog = PublishDialog(self.session, self)
        dialog.accepted.connect(lambda: self._published(dialog.result_))
        return self._open(dialog)

    def _published(self, result) -> None:
        self.tabs.setCurrentWidget(self.publications)
        self.publications.table.selectRow(0)
        self.dialog = self._open(PublishResultDialog(result, self))
