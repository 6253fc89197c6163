"""审计日志: filter the log, pick an entry, read its record before and after side by side, export to xlsx.

Who sees which entries is the service's rule (app/services/system/audit_trail.py); the page only shows them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.core import dates
from app.services.core.errors import DomainError
from app.services.system import audit_chain, audit_detail, audit_export
from app.services.system import database as setup
from app.services.system.audit_labels import ACTION_GROUPS
from app.services.system.audit_trail import AuditQuery
from app.ui.date_field import DateField
from app.ui.excel import files
from app.ui.session import Session
from app.ui.system.audit_model import AuditModel
from app.ui.tables import ID_ROLE, declare_matters, fit_columns, make_table
from app.ui.tasks import TaskState, run_task
from app.ui.widgets import date_edit, day_of, selected_row_id, show_error

_CHANGED = QBrush(QColor("#FFF2CC"))
_ADDED = QBrush(QColor("#E2EFDA"))
_REMOVED = QBrush(QColor("#FCE4D6"))
_LOOKS = {"added": _ADDED, "removed": _REMOVED, "changed": _CHANGED}


def export_job(actor, query: AuditQuery, path: Path, state: TaskState) -> int:
    """Worker: the filtered log to xlsx; -1 when cancelled (no file left behind)."""
    try:
        return audit_export.export_xlsx(
            actor, query, path, lambda done, total: state.progress(100 * done // max(total, 1),
                                                                   f"已导出 {done} / {total} 条…"),
            lambda: state.cancelled,
        )  # fmt: skip
    finally:
        setup.release_connection()


def _date_edit(label: str) -> DateField:
    """Empty means no limit; a bad date is refused by the search's message (the filter row has no room)."""
    edit = date_edit(None, dates.ANY, label, optional=True)
    edit.edit.setPlaceholderText("不限")
    edit.use_label(None)
    return edit


def _date_of(edit: DateField) -> date | None:
    return day_of(edit)


def _item(text: str, brush: QBrush | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(audit_detail.value_text(text, audit_detail.MAX_TEXT) if text else "")
    item.setToolTip(text if len(text) > 40 else "")
    if brush is not None:
        item.setBackground(brush)
    return item


class AuditPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.task = None
        heading = QLabel("审计日志")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.model = AuditModel(session.user, self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        self.trail_banner = QLabel()
        self.trail_banner.setWordWrap(True)
        self.trail_banner.setStyleSheet("background: #FCE4D6; color: #9C0006; padding: 6px;")
        self.trail_banner.hide()
        layout.addWidget(self.trail_banner)
        layout.addLayout(self._filters())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._list())
        split.addWidget(self._detail())
        split.setSizes([300, 300])
        layout.addWidget(split, 1)
        self._searched = False  # the first search waits until the page is shown: the window opens at once

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._searched:
            self.check_trail()
            self.search()

    # --- building ------------------------------------------------------------------------------------

    def _filters(self) -> QVBoxLayout:
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText("登录名")
        self.user_edit.setMaximumWidth(110)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText("企业名称/信用代码/类别:编号")
        self.action_combo = QComboBox()
        self.action_combo.setMinimumWidth(120)
        self.action_combo.setEditable(True)  # a group, or any action prefix typed in (e.g. case.event.)
        self.action_combo.addItem("全部操作", "")
        for group in ACTION_GROUPS:
            self.action_combo.addItem(group, group)
        self.since_edit, self.until_edit = _date_edit("起始日期"), _date_edit("截止日期")
        self.search_button = QPushButton("查询")
        self.export_button = QPushButton("导出Excel…")
        self.search_button.clicked.connect(lambda: self.search())
        self.export_button.clicked.connect(lambda: self.export())
        for edit in (self.user_edit, self.record_edit):
            edit.returnPressed.connect(lambda: self.search())
        self.count_label = QLabel()
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, items in (
            (
                first,
                (
                    ("操作人", self.user_edit, 0),
                    ("记录", self.record_edit, 2),
                    ("操作", self.action_combo, 1),
                ),
            ),
            (second, (("从", self.since_edit, 0), ("至", self.until_edit, 0))),
        ):
            for label, widget, stretch in items:
                row.addWidget(QLabel(label))
                row.addWidget(widget, stretch)
        second.addWidget(self.search_button)
        second.addSpacing(12)
        second.addWidget(self.count_label, 1)
        second.addWidget(self.export_button)
        rows = QVBoxLayout()
        rows.addLayout(first)
        rows.addLayout(second)
        return rows

    def _list(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((140, 80, 170, 110)):
            self.table.setColumnWidth(column, width)
        declare_matters(self.table, ("时间", "操作人", "操作"))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        return self.table

    def _detail(self) -> QWidget:
        self.detail_title = QLabel("选择一条记录，查看修改前后的内容")
        self.fields = make_table(("字段", "修改前", "修改后"))
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 120)
        for column in (1, 2):  # before and after share the width: they are read side by side
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.fields, ("字段",))
        self.children_table = make_table(("变化", "子记录", "标识", "变更内容"))
        fit_columns(self.children_table, (50, 90, 180))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.fields)
        split.addWidget(self.children_table)
        split.setSizes([540, 320])
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail_title)
        column.addWidget(split, 1)
        return box

    # --- slots ---------------------------------------------------------------------------------------

    def query(self) -> AuditQuery:
        action = self.action_combo.currentText().strip()
        if action == self.action_combo.itemText(0):
            action = ""
        return AuditQuery(
            self.user_edit.text(), self.record_edit.text(), action,
            _date_of(self.since_edit), _date_of(self.until_edit),
        )  # fmt: skip

    def check_trail(self) -> None:
        """The administrator's banner when the trail is not whole (app.services.system.audit_chain)."""
        found = audit_chain.warnings_for(self.session.user)
        self.trail_banner.setText("完整性检查发现问题：" + "；".join(found) if found else "")
        self.trail_banner.setVisible(bool(found))

    def search(self) -> None:
        self._searched = True
        try:
            self.model.set_query(self.query())
        except DomainError as error:
            show_error(self, error, "无法查询")
            return
        found = self.model.found
        more = f"（仅显示最近 {len(found.ids)} 条，请缩小查询条件）" if found.truncated else ""
        self.count_label.setText(f"共 {len(found.ids)} 条{more}")
        self._clear_detail()

    def selected_id(self) -> int | None:
        return selected_row_id(self.table, ID_ROLE)

    def show_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            self._clear_detail()
            return
        try:
            shown = audit_detail.detail(self.session.user, entry_id)
        except DomainError as error:
            show_error(self, error)
            return
        row = shown.row
        what = "新建" if shown.created else "删除" if shown.deleted else "修改"
        self.detail_title.setText(
            f"{row.at:%Y-%m-%d %H:%M:%S}  {row.login}  {row.action_label}（{what}{row.entity_label}"
            f"{f' #{row.entity_id}' if row.entity_id is not None else ''}）  {row.subject}"
        )
        self._fill_fields(shown.fields, mark=not (shown.created or shown.deleted))
        self._fill_children(shown.children)

    def _fill_fields(self, fields: list[audit_detail.FieldChange], mark: bool) -> None:
        # Changed fields first: they are what the entry is about; the rest is context.
        ordered = [f for f in fields if f.changed] + [f for f in fields if not f.changed]
        self.fields.setRowCount(len(ordered))
        for r, change in enumerate(ordered):
            brush = _CHANGED if change.changed and mark else None
            for c, text in enumerate((change.label, change.before, change.after)):
                self.fields.setItem(r, c, _item(text, brush))

    def _fill_children(self, children: list[audit_detail.ChildChange]) -> None:
        self.children_table.setRowCount(len(children))
        for r, child in enumerate(children):
            changed = "；".join(f"{f.label}：{f.before} → {f.after}" for f in child.fields if f.changed)
            text = changed if child.status == "changed" else ""
            brush = _LOOKS[child.status]
            for c, value in enumerate((child.status_label, child.table_label, child.identity, text)):
                self.children_table.setItem(r, c, _item(value, brush))

    def _clear_detail(self) -> None:
        self.detail_title.setText("选择一条记录，查看修改前后的内容")
        self.fields.setRowCount(0)
        self.children_table.setRowCount(0)

    def export(self) -> None:
        path = files.ask_save_path(self, "导出审计日志", f"审计日志_{date.today():%Y%m%d}.xlsx")
        if path is None:
            return
        self.export_button.setEnabled(False)
        self.task = run_task(
            self, "导出审计日志", export_job, self.session.user, self.model.query, path,
            on_success=lambda count: self._exported(path, count), on_failure=self._export_failed,
            cancellable=True,
        )  # fmt: skip

    def _exported(self, path: Path, count: int) -> None:
        self.export_button.setEnabled(True)
        if count >= 0:
            QMessageBox.information(self, "导出完成", f"已导出 {count} 条审计记录：\n{path}")

    def _export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        show_error(self, error, "导出未完成")
