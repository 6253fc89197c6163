"""企业名录库: search as you type, filters, the lazy table, and the 新建/编辑/归档 actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.enterprises import ENTERPRISE_KINDS
from app.services.core import reference
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import can_write_enterprises, visible_district_ids
from app.services.enterprises import register as enterprises
from app.services.enterprises import search
from app.services.enterprises.search import MAX_SEARCH_LENGTH, EnterpriseQuery, search_ids
from app.services.liaison import assignments as liaison
from app.ui import preferences
from app.ui.applications.start import open_for_enterprise
from app.ui.district_names import fill_district_combo
from app.ui.enterprises.enterprise_form import EnterpriseForm
from app.ui.enterprises.industry_combo import fill_industry_filter, make_searchable, split_filter
from app.ui.enterprises.table_model import ROW_ROLE, RegisterModel
from app.ui.excel.actions import excel_button
from app.ui.session import Session
from app.ui.tables import EmptyHint, declare_matters, show_first
from app.ui.tasks import run_task
from app.ui.text_dialog import ask_text
from app.ui.widgets import fill_combo, selected_row_id, show_error

SEARCH_DELAY_MS = 250  # long enough to skip the keystrokes of a word, short enough to feel immediate


class RegisterPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        user = session.user
        allowed = visible_district_ids(user)
        self.districts = [d for d in reference.districts() if allowed is None or d.id in allowed]
        self.can_create = any(can_write_enterprises(user, d) for d in self.districts)
        self.model = RegisterModel(user, self)
        self._indexing = None  # the background indexing task, while one runs
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        # Column drags and window resizes fire many resize signals: write the widths once they settle.
        self._widths_timer = QTimer(self, singleShot=True, interval=500)
        self._widths_timer.timeout.connect(self._save_widths)
        self.forms: list[EnterpriseForm] = []
        heading = QLabel("企业名录库")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self._filter_bar())
        layout.addWidget(self._table(), 1)
        layout.addLayout(self._button_bar())
        session.changed.connect(self._on_changed)
        self.apply_filters()

    # --- building ------------------------------------------------------------------------------------

    def _filter_bar(self) -> QHBoxLayout:
        self.search = QLineEdit(placeholderText="输入企业名称或统一社会信用代码查找（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_SEARCH_LENGTH)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.district_combo = QComboBox()
        fill_district_combo(self.district_combo, self.districts, "全部旗区")
        if len(self.districts) == 1:
            self.district_combo.setCurrentIndex(1)
        self.kind_combo = QComboBox()
        fill_combo(self.kind_combo, ENTERPRISE_KINDS, "全部类型")
        self.section_combo = make_searchable(QComboBox())
        fill_industry_filter(self.section_combo)
        self.section_combo.setMaximumWidth(260)
        # Sized by a few characters, not by its longest name: the filter bar must not widen the window.
        self.section_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section_combo.setMinimumContentsLength(12)
        self.section_combo.setToolTip("按行业门类或大类筛选，可输入行业名称查找")
        self.archived_box = QCheckBox("含已归档")
        self.mine_box = QCheckBox("我的企业")
        self.mine_box.setToolTip("只显示由我担任联络人的企业")
        for combo in (self.district_combo, self.kind_combo, self.section_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.archived_box.toggled.connect(self.apply_filters)
        self.mine_box.toggled.connect(self.apply_filters)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for widget in (self.district_combo, self.kind_combo, self.section_combo, self.archived_box):
            bar.addWidget(widget)
        return bar

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        for column, width in enumerate(self._column_widths()):
            header.resizeSection(column, width)
        header.sectionResized.connect(lambda *_: self._widths_timer.start())
        # 状态 beside the name and district, so a 1024 px screen shows it without scrolling sideways.
        show_first(self.table, ("企业名称", "统一社会信用代码", "所属旗区", "状态"))
        declare_matters(self.table, ("统一社会信用代码", "所属旗区", "状态"), names=("企业名称",))
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.empty = EmptyHint(self.table, "")
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        return self.table

    def _button_bar(self) -> QHBoxLayout:
        self.count_label = QLabel()
        self.new_button = QPushButton("新建")
        self.edit_button = QPushButton("编辑")
        self.archive_button = QPushButton("归档")
        self.application_button = QPushButton("申报表…")
        self.application_button.clicked.connect(lambda: self.open_application())
        self.new_button.clicked.connect(self.new_enterprise)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.new_button.setEnabled(self.can_create)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addWidget(self.mine_box)  # here, not in the filter bar: that one sets the window's minimum width
        bar.addStretch(1)
        for button in (self.new_button, self.edit_button, self.application_button, self.archive_button):
            bar.addWidget(button)
        self.excel_button = excel_button(self)  # 导入 / 导出 / 模板
        bar.addWidget(self.excel_button)
        self._update_buttons()
        return bar

    # --- columns -------------------------------------------------------------------------------------

    def _column_widths(self) -> list[int]:
        saved = [int(w) for w in preferences.get(preferences.REGISTER_COLUMN_WIDTHS) if str(w).isdigit()]
        defaults = [280, 165, 170, 70, 150, 80, 95, 95, 60]  # 行业 by name (非金属矿物制品业)
        return saved if len(saved) == len(defaults) else defaults

    def _save_widths(self) -> None:
        header = self.table.horizontalHeader()
        widths = [header.sectionSize(i) for i in range(self.model.columnCount())]
        preferences.put(preferences.REGISTER_COLUMN_WIDTHS, widths)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        header = self.table.horizontalHeader()
        if column != self.model.sort_column():
            # Not sortable: put the indicator back where the data really is sorted.
            current = (
                Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), current)
            header.blockSignals(False)

    # --- actions -------------------------------------------------------------------------------------

    def current_query(self) -> EnterpriseQuery:
        industry_section, industry_division = split_filter(self.section_combo.currentData())
        return EnterpriseQuery(
            text=self.search.text(),
            district_code=self.district_combo.currentData() or None,
            kind=self.kind_combo.currentData() or None,
            industry_section=industry_section,
            industry_division=industry_division,
            include_archived=self.archived_box.isChecked(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        self._timer.stop()
        mine = self.mine_box.isChecked()
        self.model.only_ids = set(liaison.my_enterprise_ids(self.session.user)) if mine else None
        self.model.set_query(self.current_query())
        self.count_label.setText(self._count_text())
        self.empty.setText("" if self.model.rowCount() else self.count_label.text())
        self.empty.update_state()
        self._update_buttons()
        self._index_in_background()

    def _count_text(self) -> str:
        """共 N 家, or what to do about an empty list: the register has none yet, or none match."""
        count = self.model.rowCount()
        if count:
            return f"共 {count} 家"
        if search_ids(self.session.user, EnterpriseQuery(include_archived=True)):
            return "没有符合条件的企业：请修改查找条件"
        if self.can_create:
            return "企业名录库中还没有企业：点击“新建”，或从 Excel 导入"
        return "企业名录库中还没有企业"

    def _index_in_background(self) -> None:
        """After an import or an upgrade, index the waiting rows off the GUI thread (searches scan until
        then), and search again once done: pinyin matches then appear."""
        if self._indexing is None and search.index_pending():
            self._indexing = run_task(
                self, "", search.refresh_index, quiet=True,
                on_success=self._indexed, on_failure=lambda _error: setattr(self, "_indexing", None),
            )  # fmt: skip

    def _indexed(self, _result) -> None:
        self._indexing = None
        self.apply_filters()

    def _on_changed(self, changes: Changes) -> None:
        if changes.enterprises or (changes.assignments and self.mine_box.isChecked()):
            self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_row(self):
        return selected_row_id(self.table, ROW_ROLE)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.application_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None and self.can_create)
        self.archive_button.setText("取消归档" if row is not None and row.archived else "归档")

    def _open_form(self, enterprise_id: int | None) -> EnterpriseForm:
        form = EnterpriseForm(self.session, enterprise_id, self)
        self.forms = [f for f in self.forms if f.isVisible()] + [form]
        form.open()  # window-modal without a nested event loop
        return form

    def new_enterprise(self) -> EnterpriseForm | None:
        return self._open_form(None) if self.can_create else None

    def edit_selected(self) -> EnterpriseForm | None:
        row = self.selected_row()
        return self._open_form(row.id) if row is not None else None

    def open_application(self):
        row = self.selected_row()
        return open_for_enterprise(self, self.session, row.id) if row is not None else None

    def toggle_archive(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.archived:
            reason = ""
        else:
            reason = ask_text(self, "归档企业", f"归档“{row.name}”的原因：", multiline=False)
            if reason is None:
                return
        try:
            self.session.perform(
                enterprises.set_archived, self.session.user, row.id, not row.archived, reason
            )
        except DomainError as exc:
            show_error(self, exc)
            return
