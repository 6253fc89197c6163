"""活动培训: the year's events with who attended, 新建活动…, and how many events each district held by kind."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.liaison import EVENT_KINDS
from app.services.core.changes import Changes
from app.services.core.permissions import can_work_in, is_staff
from app.services.liaison import events as outreach
from app.ui.district_names import district_cell
from app.ui.excel.table_export import export_view
from app.ui.files_panel import FilesPanel
from app.ui.liaison.common import text_of
from app.ui.liaison.event_dialog import EventDialog
from app.ui.session import Session
from app.ui.tables import (
    KEY_ROLE,
    EmptyHint,
    declare_matters,
    fill_table,
    fit_columns,
    make_table,
    selected_key,
)
from app.ui.widgets import select_row_by_id

HEADERS = ("日期", "活动类型", "主题", "组织旗区", "组织单位", "地点", "参加人数", "参加企业")
WIDTHS = (95, 170, 260, 110, 130, 150, 70)


class EventsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.events: dict[int, object] = {}
        self.dialog = None
        heading = QLabel("活动培训")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.year = QSpinBox(minimum=2000, maximum=2100, value=date.today().year, suffix=" 年")
        self.year.valueChanged.connect(lambda _v: self.load())
        self.new_button = QPushButton("新建活动…")
        self.new_button.setEnabled(is_staff(session.user))
        self.new_button.clicked.connect(lambda: self.new_event())
        self.export_button = QPushButton("导出…")
        self.export_button.clicked.connect(lambda: self.export())
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)
        self.table = make_table(HEADERS)
        self.empty = EmptyHint(self.table, "本年度还没有活动。举办活动后，点击“新建活动…”登记。")
        fit_columns(self.table, WIDTHS)
        declare_matters(self.table, ("日期", "活动类型"), names=("主题",))
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.attendance = make_table(("参加企业", "所属旗区", "人数"))
        fit_columns(self.attendance, (280, 130))
        declare_matters(self.attendance, ("所属旗区", "人数"), names=("参加企业",))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.materials = FilesPanel(
            "选择一项活动，可查看或添加活动材料（课件、签到表、照片）。", "添加活动材料…"
        )
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.attendance, 1)
        detail_layout.addWidget(self.feedback)
        detail_layout.addWidget(self.materials)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([400, 200])
        self.counts = make_table(("旗区", *EVENT_KINDS.values(), "合计"), stretch_last=False)
        declare_matters(self.counts, ("旗区", "合计"))
        self.tabs = QTabWidget()
        self.tabs.addTab(split, "活动列表")
        self.tabs.addTab(self.counts, "分旗区统计")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.events:
            self.load()

    def load(self) -> None:
        chosen = selected_key(self.table)  # kept: adding a material reloads the page under the open detail
        user, year = self.session.user, self.year.value()
        found = outreach.events(user, year)
        self.events = {e.id: e for e in found}
        rows = []
        for e in found:
            attended = outreach.attendance(e)
            rows.append((text_of(e.held_on), EVENT_KINDS.get(e.kind, e.kind), e.topic,
                         district_cell(e.district.name if e.district_id else "市局"), e.organiser, e.place, e.head_count,
                         len(attended)))  # fmt: skip
        fill_table(self.table, rows, [e.id for e in found])
        if chosen is not None:
            select_row_by_id(self.table, KEY_ROLE, chosen, scroll=False)
        self._show_detail()
        counts = outreach.counts_by_district(user, year)
        kinds = list(EVENT_KINDS.values())
        table = [
            (district_cell(name), *(by_kind.get(k, 0) for k in kinds), sum(by_kind.values()))
            for name, by_kind in counts.items()
        ]
        if table:
            table.append(("合计", *(sum(row[i + 1] for row in table) for i in range(len(kinds) + 1))))
        fill_table(self.counts, table)
        for r in range(self.counts.rowCount()):  # counts line up on the right, as in the statistics
            for c in range(1, self.counts.columnCount()):
                self.counts.item(r, c).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counts.resizeColumnsToContents()
        header = self.counts.horizontalHeader()
        for c in range(header.count()):  # a little air around the tightest titles and numbers
            header.resizeSection(c, max(header.sectionSize(c) + 16, 64))
        self.export_button.setEnabled(bool(found))

    def _show_detail(self) -> None:
        event = self.events.get(selected_key(self.table))
        rows = outreach.attendance(event) if event else []
        fill_table(self.attendance, [(ent.name, district_cell(ent.district.name), people) for ent, people in rows])
        self.feedback.setText(f"反馈：{event.feedback}" if event and event.feedback else "")
        user = self.session.user
        if event is None:
            self.materials.bind(None, None, False)
            return
        self.materials.bind(
            lambda: outreach.materials(user, event.id),
            lambda path: self.session.perform(outreach.attach_material, user, event.id, path),
            can_work_in(user, event.district_id),
        )

    def new_event(self) -> EventDialog:
        self.dialog = EventDialog(self.session, self)
        self.dialog.open()
        return self.dialog

    def export(self, path=None):
        return export_view(self, self.table, f"活动培训_{self.year.value()}", path)
