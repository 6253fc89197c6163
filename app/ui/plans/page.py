"""工作实施方案: a district's plan of a year as a tree of projects and checklist tasks (tick a task when done),
progress bars rolled up from the tasks, every district's progress side by side, and the 责任分工 table."""

from __future__ import annotations

import io
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.plans import TASK_STATUSES
from app.services.core import reference
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import can_read_district, can_work_in
from app.services.plans import progress, work_plans
from app.ui.district_names import district_cell, fill_district_combo
from app.ui.pdf_preview import preview_pdf
from app.ui.plans.dialogs import evidence_dialog, plan_dialog, project_dialog, task_dialog
from app.ui.plans.duties_panel import DutiesPanel
from app.ui.session import Session
from app.ui.tables import declare_matters, fit_columns, make_table
from app.ui.widgets import show_error

TREE_HEADERS = ("项目 / 任务", "责任人", "完成期限", "状态", "完成依据", "完成进度")
TREE_WIDTHS = (380, 90, 100, 120, 120, 220)
KEY = Qt.ItemDataRole.UserRole
OVERDUE = QColor("#c0392b")


def progress_bar(done: int, total: int) -> QProgressBar:
    bar = QProgressBar(maximum=max(total, 1), value=done)
    bar.setFormat(f"{done}/{total}（%p%）" if total else "无任务")
    bar.setMaximumHeight(18)
    return bar


class PlansPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.plan = None
        self.dialog = None
        self._loading = False
        heading = QLabel("工作实施方案")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.year = QSpinBox(minimum=2020, maximum=2100, value=date.today().year, suffix=" 年")
        self.district = QComboBox()
        fill_district_combo(self.district, [d for d in reference.districts() if can_read_district(session.user, d)])
        own = session.user.district_id
        if own:
            self.district.setCurrentIndex(max(self.district.findData(session.user.district.code), 0))
        self.year.valueChanged.connect(lambda _v: self.load())
        self.district.currentIndexChanged.connect(lambda _i: self.load())
        self.buttons = {name: QPushButton(name) for name in
                        ("新建方案…", "添加项目…", "添加任务…", "完成并注明依据…", "打印方案…")}  # fmt: skip
        actions = (self.new_plan, self.add_project, self.add_task, self.finish_with_evidence, self.print_plan)
        for button, action in zip(self.buttons.values(), actions, strict=True):
            button.clicked.connect(lambda _c=False, a=action: a())
        top = QHBoxLayout()
        for widget in (QLabel("年度："), self.year, QLabel("旗区："), self.district):
            top.addWidget(widget)
        top.addStretch(1)
        for button in self.buttons.values():
            top.addWidget(button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.plan_bar = progress_bar(0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(TREE_HEADERS))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in enumerate(TREE_WIDTHS):
            self.tree.setColumnWidth(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemChanged.connect(self._ticked)
        self.tree.currentItemChanged.connect(lambda *_a: self._enable())
        editor = QWidget()
        column = QVBoxLayout(editor)
        column.addWidget(self.summary)
        column.addWidget(self.plan_bar)
        column.addWidget(self.tree, 1)
        self.districts = make_table(("旗区", "工作方案", "完成任务", "完成进度", "逾期任务"))
        fit_columns(self.districts, (100, 300, 80, 180, 80))
        # The plan's title takes what is left: the counts stay in sight at 1024 px.
        self.districts.horizontalHeader().setStretchLastSection(False)
        self.districts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.districts, ("旗区", "完成任务", "逾期任务"))
        self.duties = DutiesPanel(session, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(editor, "方案与任务清单")
        self.tabs.addTab(self.districts, "各旗区进度")
        self.tabs.addTab(self.duties, "责任分工")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.plans:
            self.load()

    def focus_plan(self, plan_id: int) -> None:
        """Show a plan (opened from the dashboard's 到期与待办)."""
        try:
            plan = work_plans.get_plan(self.session.user, plan_id)
        except DomainError as exc:
            show_error(self, exc, "无法打开工作方案")
            return
        for widget in (self.year, self.district):
            widget.blockSignals(True)
        self.year.setValue(plan.year)
        self.district.setCurrentIndex(max(self.district.findData(plan.district.code), 0))
        for widget in (self.year, self.district):
            widget.blockSignals(False)
        self.tabs.setCurrentIndex(0)
        self.load()

    def district_code(self) -> str:
        return self.district.currentData() or ""

    def district_name(self) -> str:
        """The official name (the combo may show the short one): the progress is keyed by it, and a new plan's
        title is written with it."""
        found = reference.district_by_code(self.district_code())
        return found.name if found else self.district.currentText()

    def load(self) -> None:
        user, year, code = self.session.user, self.year.value(), self.district_code()
        rolled = progress.rollup(user, year)
        found = rolled.districts.get(self.district_name())
        self.plan = work_plans.get_plan(user, found.plan_id) if found else None
        self._fill_tree(found)
        self._fill_districts(rolled)
        self.duties.bind(code, year)
        self._enable()

    def _fill_tree(self, rolled) -> None:
        self._loading = True
        self.tree.clear()
        if self.plan is None:
            self.summary.setText(f"{self.district.currentText()} {self.year.value()} 年尚未制定工作实施方案。")
            self.plan_bar.setFormat("无方案")
            self.plan_bar.setValue(0)
            self._loading = False
            return
        plan, today = self.plan, date.today()
        goals = f"推荐企业 {plan.goal_recommend} 家，走访 {plan.goal_visits} 次，培训 {plan.goal_trainings} 场"
        self.summary.setText(f"《{plan.title}》　目标：{goals}")
        total = rolled.progress
        self.plan_bar.setMaximum(max(total.total, 1))
        self.plan_bar.setValue(total.done)
        self.plan_bar.setFormat(f"方案完成 {total.done}/{total.total} 项（{total.percent}%）"
                                + (f"，逾期 {total.overdue} 项" if total.overdue else ""))  # fmt: skip
        bars = {p.project_id: p.progress for p in rolled.projects}
        bold = QFont()
        bold.setBold(True)
        for project in work_plans.projects_of(plan):
            item = QTreeWidgetItem([project.title])
            item.setFont(0, bold)
            item.setData(0, KEY, ("project", project.id))
            self.tree.addTopLevelItem(item)
            for task in work_plans.tasks_of(project):
                item.addChild(self._task_item(task, today))
            shown = bars.get(project.id)
            self.tree.setItemWidget(item, 5, progress_bar(shown.done if shown else 0, shown.total if shown else 0))
            item.setExpanded(True)
        self._loading = False

    def _task_item(self, task, today: date) -> QTreeWidgetItem:
        overdue = work_plans.is_overdue(task, today)
        status = TASK_STATUSES[task.status] + ("（逾期）" if overdue else "")
        item = QTreeWidgetItem([task.title, task.owner, task.due_on.isoformat() if task.due_on else "",
                                status, work_plans.evidence_label(task)])  # fmt: skip
        item.setData(0, KEY, ("task", task.id))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if task.status == "done" else Qt.CheckState.Unchecked)
        if overdue:
            for column in (2, 3):
                item.setForeground(column, QBrush(OVERDUE))
        return item

    def _fill_districts(self, rolled) -> None:
        rows = list(rolled.districts.items())
        self.districts.setRowCount(len(rows) + 1)
        everything = [*rows, ("全市合计", rolled)]
        for r, (name, found) in enumerate(everything):
            shown = found.progress if found else progress.Progress()
            title = "" if found is None else getattr(found, "title", f"{len(rows)} 个旗区")
            cells = (district_cell(name), title or "未制定", f"{shown.done}/{shown.total}", "", str(shown.overdue or ""))
            for c, text in enumerate(cells):
                self.districts.setItem(r, c, _cell(text))
            self.districts.setCellWidget(r, 3, progress_bar(shown.done, shown.total))

    def selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return item.data(0, KEY) if item is not None else None

    def _writable(self) -> bool:
        return can_work_in(self.session.user, reference.district_by_code(self.district_code()))

    def _enable(self) -> None:
        writable, chosen = self._writable(), self.selected()
        self.buttons["新建方案…"].setEnabled(writable and self.plan is None)
        self.buttons["添加项目…"].setEnabled(writable and self.plan is not None)
        self.buttons["添加任务…"].setEnabled(writable and chosen is not None)
        self.buttons["完成并注明依据…"].setEnabled(writable and chosen is not None and chosen[0] == "task")
        self.buttons["打印方案…"].setEnabled(self.plan is not None)

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        """A task ticked is done (today, no evidence named); unticked it is open again."""
        key = item.data(0, KEY)
        if self._loading or column != 0 or not key or key[0] != "task":
            return
        status = "done" if item.checkState(0) == Qt.CheckState.Checked else "open"
        # After the signal returns: the write reloads the tree, which must not delete the item being emitted.
        QTimer.singleShot(0, lambda: self.set_status(key[1], status))

    def set_status(self, task_id: int, status: str, evidence=None) -> bool:
        try:
            self.session.perform(work_plans.set_task_status, self.session.user, task_id, status, evidence)
        except DomainError as exc:
            show_error(self, exc, "任务状态未更改")
            self.load()
            return False
        return True

    def _open(self, dialog):
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_plan(self):
        user, code, year = self.session.user, self.district_code(), self.year.value()
        hint = f"{self.district_name()}{year}年知识产权重点企业保护工作实施方案"
        return self._open(plan_dialog(
            lambda data: self.session.perform(work_plans.create_plan, user, code, year, data), self, hint))

    def add_project(self):
        user, plan_id = self.session.user, self.plan.id
        return self._open(project_dialog(
            lambda data: self.session.perform(work_plans.add_project, user, plan_id, data), self))

    def add_task(self):
        kind, record = self.selected()
        project_id = record if kind == "project" else work_plans.get_task(self.session.user, record).project_id
        user = self.session.user
        return self._open(task_dialog(
            lambda data: self.session.perform(work_plans.add_task, user, project_id, data), self))

    def finish_with_evidence(self):
        task_id = self.selected()[1]

        def submit(data):
            evidence = work_plans.Evidence(data["kind"], int(data["evidence"]))
            return self.session.perform(work_plans.set_task_status, self.session.user, task_id, "done", evidence)

        return self._open(evidence_dialog(submit, self))

    def print_plan(self):
        from app.services.plans import printing

        buffer = io.BytesIO()
        try:
            report = printing.print_plan(self.session.user, self.plan.id, buffer)
        except DomainError as exc:
            show_error(self, exc, "无法生成工作实施方案")
            return None
        name = f"{self.plan.district.name}{self.plan.year}年工作实施方案.pdf"
        return preview_pdf(self, buffer.getvalue(), self.plan.title, name, report.warnings)


def _cell(text: str | QTableWidgetItem) -> QTableWidgetItem:
    item = text if isinstance(text, QTableWidgetItem) else QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
