"""宣传报道: the year's items (filtered by channel) with the enterprises each featured, its link and clippings;
登记 / 修改 / 删除; and the year's counts per channel and reporting bureau."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.publicity import CHANNELS
from app.services.core import reference
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_staff
from app.services.publicity import items as publicity
from app.ui.district_names import district_cell
from app.ui.excel.table_export import export_view
from app.ui.files_panel import FilesPanel
from app.ui.publicity.item_dialog import PublicityDialog
from app.ui.session import Session
from app.ui.tables import KEY_ROLE, declare_matters, fill_table, fit_columns, make_table, selected_key
from app.ui.widgets import confirm, fill_combo, select_row_by_id, show_error

HEADERS = ("发布日期", "渠道", "媒体名称", "标题", "报送单位", "报道企业")
WIDTHS = (95, 60, 170, 330, 90)
TOTAL_LOOK = ("#1a1a1a", "#e3e9f2")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class PublicityPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.items: dict[int, object] = {}
        self.dialog: PublicityDialog | None = None
        heading = QLabel("宣传报道")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.year = QSpinBox(minimum=2000, maximum=2100, value=date.today().year, suffix=" 年")
        self.year.valueChanged.connect(lambda _v: self.load())
        self.channel = QComboBox()
        fill_combo(self.channel, CHANNELS, "全部渠道")
        self.channel.currentIndexChanged.connect(lambda _i: self.load())
        self.buttons = {text: QPushButton(text) for text in ("登记报道…", "修改…", "删除", "导出…")}
        self.buttons["登记报道…"].setEnabled(is_staff(session.user))
        for text, slot in (("登记报道…", self.new_item), ("修改…", self.edit_item), ("删除", self.delete_item),
                           ("导出…", self.export)):  # fmt: skip
            self.buttons[text].clicked.connect(lambda _c=False, slot=slot: slot())
        top = QHBoxLayout()
        for widget in (QLabel("年度："), self.year, QLabel("渠道："), self.channel):
            top.addWidget(widget)
        top.addStretch(1)
        for button in self.buttons.values():
            top.addWidget(button)
        self.table = make_table(HEADERS)
        fit_columns(self.table, WIDTHS)
        declare_matters(self.table, ("发布日期", "渠道"), names=("标题",))
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.table.doubleClicked.connect(lambda _i: self.edit_item())
        self.link = QLabel()
        self.link.setOpenExternalLinks(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.materials = FilesPanel("选择一篇报道，可查看或添加剪报、截图等材料。", "添加材料…")
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.link)
        detail_layout.addWidget(self.materials, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([420, 160])
        self.counts = make_table(("报送单位", *CHANNELS.values(), "合计", "报道企业"), stretch_last=False)
        fit_columns(self.counts, (130, *[80] * (len(CHANNELS) + 2)))
        self.tabs = QTabWidget()
        self.tabs.addTab(split, "报道列表")
        self.tabs.addTab(self.counts, "分渠道统计")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.publicity:
            self.load()

    def load(self) -> None:
        chosen = selected_key(self.table)  # kept: adding a clipping reloads the page under the open detail
        user, year = self.session.user, self.year.value()
        found = publicity.items(user, year, self.channel.currentData() or None)
        self.items = {i.id: i for i in found}
        rows = [(i.published_on, CHANNELS[i.channel], i.outlet, i.title,
                 district_cell(i.district.name if i.district_id else publicity.CITY_NAME),
                 "、".join(e.name for e in publicity.featured_in(i))) for i in found]  # fmt: skip
        fill_table(self.table, rows, [i.id for i in found])
        if chosen is not None:
            select_row_by_id(self.table, KEY_ROLE, chosen, scroll=False)
        self._show_detail()
        self._fill_counts(publicity.year_counts(user, year))
        self.buttons["导出…"].setEnabled(bool(found))

    def _fill_counts(self, counts: dict) -> None:
        """Districts in their order, then 市局, then 合计; only those with items."""
        names = [(d.id, d.name) for d in reference.districts()] + [(None, publicity.CITY_NAME)]
        keys = [*CHANNELS, "total", "enterprises"]
        rows = [(district_cell(name), *(counts[key].get(k, 0) for k in keys)) for key, name in names if key in counts]
        looks = [None] * len(rows)
        if rows:
            rows.append(("合计", *(sum(r[i + 1] for r in rows) for i in range(len(keys)))))
            looks.append(TOTAL_LOOK)
        fill_table(self.counts, rows, looks=looks)
        for r in range(len(rows)):
            for c in range(1, len(keys) + 1):
                self.counts.item(r, c).setTextAlignment(RIGHT)

    def selected(self):
        return self.items.get(selected_key(self.table))

    def _show_detail(self) -> None:
        item, user = self.selected(), self.session.user
        writable = item is not None and publicity.may_write(user, item)
        self.buttons["修改…"].setEnabled(writable)
        self.buttons["删除"].setEnabled(writable)
        if item is None:
            self.link.setText("")
            self.materials.bind(None, None, False)
            return
        link = html.escape(item.link, quote=True)
        shown = f'<a href="{link}">{link}</a>' if item.link.startswith(("http://", "https://")) else ""
        self.link.setText(f"链接：{shown}" if shown else "（无链接）")
        self.materials.bind(lambda: publicity.materials(user, item.id),
                            lambda path: self.session.perform(publicity.attach_material, user, item.id, path),
                            writable)  # fmt: skip

    def new_item(self) -> PublicityDialog:
        self.dialog = PublicityDialog(self.session, None, self)
        self.dialog.open()
        return self.dialog

    def edit_item(self) -> PublicityDialog | None:
        item = self.selected()
        if item is None or not publicity.may_write(self.session.user, item):
            return None
        self.dialog = PublicityDialog(self.session, item, self)
        self.dialog.open()
        return self.dialog

    def delete_item(self) -> None:
        item = self.selected()
        if item is None or not confirm(self, "删除宣传报道", f"确定删除《{item.title}》这篇报道的登记吗？"):
            return
        try:
            self.session.perform(publicity.delete_item, self.session.user, item.id)
        except DomainError as exc:
            show_error(self, exc)

    def export(self, path=None):
        return export_view(self, self.table, f"宣传报道_{self.year.value()}", path)
