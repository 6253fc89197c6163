"""工作台, the first page after login: progress to the list's target, the round per district, charts, what is due.

Every figure comes from app.services.dashboard.figures.dashboard, the same dictionary the CLI prints, so the screen
and `dashboard --json` agree. A district officer sees their own district, city roles all. The page refreshes
itself whenever the session announces a change to what it shows; double-clicking a due item asks the window to open it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.applications import actions
from app.services.applications import forms as applications
from app.services.core import settings
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_staff, visible_district_ids
from app.services.dashboard import figures as statistics
from app.ui.cases.detail_dialog import CaseDetailDialog
from app.ui.dashboard.charts import BasisChart, IndustryChart
from app.ui.dashboard.tables import DistrictTable, TodoTable
from app.ui.liaison.visit_dialog import VisitDialog
from app.ui.session import Session

CARD_STYLE = "QFrame#card { background: #f7f9fc; border: 1px solid #d5dde8; border-radius: 4px; }"
WARNING_STYLE = "QFrame#warnings { background: #fff3cd; border: 1px solid #e0c060; border-radius: 4px; }"
SECTION_STYLE = "font-size: 11pt; font-weight: bold; margin-top: 2px;"


def _card(name: str = "card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(CARD_STYLE if name == "card" else WARNING_STYLE)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 6, 12, 6)
    layout.setSpacing(4)
    return frame, layout


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(SECTION_STYLE)
    return label


def _day(iso: str) -> str:
    return f"{date.fromisoformat(iso):%Y年%m月%d日}"


class DashboardPage(QWidget):
    open_application = Signal(int)
    open_entry = Signal(int)
    open_plan = Signal(int)  # a work plan with an overdue task
    open_recordal = Signal(int)  # a customs recordal expired or expiring

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog = None  # the case or visit opened from 到期与待办
        self.session = session
        self.figures: dict = {}
        self.city_wide = visible_district_ids(session.user) is None
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(self._heading())
        layout.addLayout(self._cards())
        layout.addWidget(self._warnings())
        layout.addLayout(self._grid(), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        session.changed.connect(self._on_changed)
        self.refresh()

    def _heading(self) -> QHBoxLayout:
        greeting = QLabel(f"欢迎，{self.session.user_label()}")
        greeting.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.current_year = settings.current_round_year()
        self.year.setValue(self.current_year)
        self.year.setSuffix(" 年度")
        self.year.valueChanged.connect(lambda _year: self.refresh())
        row = QHBoxLayout()
        row.addWidget(greeting)
        row.addStretch(1)
        row.addWidget(QLabel("申报轮次："))
        row.addWidget(self.year)
        return row

    def _cards(self) -> QHBoxLayout:
        target, target_layout = _card()
        self.listed_value = QLabel()
        self.listed_value.setStyleSheet("font-size: 20pt; font-weight: bold; color: #1a3e72;")
        self.target_label = QLabel()
        self.target_label.setStyleSheet("font-size: 12pt;")
        figures = QHBoxLayout()
        self.listed_caption = QLabel("名录企业")
        figures.addWidget(self.listed_caption)
        figures.addWidget(self.listed_value)
        figures.addWidget(self.target_label)
        figures.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFixedHeight(18)
        self.due_label = QLabel()
        target_layout.addLayout(figures)
        target_layout.addWidget(self.progress)
        target_layout.addWidget(self.due_label)
        round_card, round_layout = _card()
        self.round_title = QLabel()
        self.round_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.round_label = QLabel()
        self.round_label.setWordWrap(True)
        round_layout.addWidget(self.round_title)
        round_layout.addWidget(self.round_label)
        round_layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(target, 3)
        row.addWidget(round_card, 2)
        return row

    def _warnings(self) -> QFrame:
        self.warning_box, layout = _card("warnings")
        self.warning_grid = QGridLayout()
        self.warning_grid.setHorizontalSpacing(24)
        self.warning_grid.setVerticalSpacing(0)
        layout.addLayout(self.warning_grid)
        self.warning_labels: list[QLabel] = []
        return self.warning_box

    def _grid(self) -> QGridLayout:
        self.districts = DistrictTable()
        self.todo = TodoTable()
        self.todo.setMinimumHeight(200)
        self.todo.open_application.connect(self.open_application.emit)
        self.todo.open_entry.connect(self.open_entry.emit)
        self.todo.open_case.connect(self._open_case)
        self.todo.open_visit.connect(self._open_visit)
        self.todo.open_plan.connect(self.open_plan.emit)
        self.todo.open_recordal.connect(self.open_recordal.emit)
        self.basis_chart = BasisChart()
        self.industry_chart = IndustryChart()
        # 到期与待办 first and across the page: at 1024 px a half-width column cut its names and hid its 期限.
        self.todo_title = _section("到期与待办（双击打开）")
        due = QVBoxLayout()
        due.addWidget(self.todo_title)
        due.addWidget(self.todo, 1)
        left = QVBoxLayout()
        left.addWidget(_section("各旗区本轮推荐与申报进度" if self.city_wide else "本旗区本轮推荐与申报进度"))
        left.addWidget(self.districts)
        left.addStretch(1)
        for chart in (self.basis_chart, self.industry_chart):
            chart.setMinimumHeight(270)  # below that the axis labels shrink to "…"
        right = QVBoxLayout()
        right.addWidget(self.basis_chart, 1)
        right.addWidget(self.industry_chart, 1)
        grid = QGridLayout()
        grid.addLayout(due, 0, 0, 1, 2)
        grid.addLayout(left, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 11)
        grid.setColumnStretch(1, 9)
        return grid

    def _open_case(self, case_id: int) -> None:
        self.dialog = CaseDetailDialog(self.session, case_id, self)
        self.dialog.show()

    def _open_visit(self, visit_id: int) -> None:
        self.dialog = VisitDialog(self.session, visit_id=visit_id, parent=self)
        self.dialog.show()

    # --- refreshing ----------------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        shown = (changes.enterprises, changes.rounds, changes.applications, changes.listing, changes.assignments,
                 changes.visits, changes.followups, changes.cases, changes.calendar, changes.settings,
                 changes.plans, changes.fairs)  # fmt: skip
        if changes.settings and self.year.value() == self.current_year:
            # The current round was moved in 系统设置: follow it unless the user is looking at another year.
            self.current_year = settings.current_round_year()
            self.year.blockSignals(True)
            self.year.setValue(self.current_year)
            self.year.blockSignals(False)
        if any(shown):
            self.refresh()

    def refresh(self) -> None:
        try:
            figures = self.figures = statistics.dashboard(self.session.user, self.year.value())
        except DomainError:
            return
        listed, target = figures["listed"], figures["target"]
        self.listed_value.setText(str(listed))
        # A district's own count is not measured against the city's target: the bar is for city-wide views.
        self.listed_caption.setText("名录企业" if self.city_wide else "本旗区名录企业")
        self.target_label.setText(f"/ 目标 {target} 家" if self.city_wide else f"家（全市目标 {target} 家）")
        self.progress.setVisible(self.city_wide)
        self.progress.setRange(0, max(target, 1))
        self.progress.setValue(min(listed, target))
        self.progress.setFormat(f"{listed * 100 // max(target, 1)}%")
        reached = "（已达成）" if figures["target_reached"] else ""
        if figures["target_due"]:
            due = date.fromisoformat(figures["target_due"])
            late = "，已逾期" if date.today() > due and not figures["target_reached"] else ""
            self.due_label.setText(f"目标完成期限：{due:%Y年%m月%d日}{late}{reached}")
        else:
            late = ""
            self.due_label.setText(f"目标未设完成期限{reached}")
        self.due_label.setStyleSheet("color: #a61b1b;" if late else "color: #555;")
        round_ = figures["round"]
        days = round_["days_to_deadline"]
        left = f"还有 {days} 天" if days >= 0 else f"已过 {-days} 天"
        if not round_["opened"]:
            left = "本年度尚未开始申报"
        self.round_title.setText(f"{round_['year']} 年度申报")
        self.round_label.setText(
            f"推荐截止日：{_day(round_['deadline'])}（{left}）\n每个旗区推荐 {round_['quota_min']}–{round_['quota_max']} 家"
        )
        self._show_warnings(figures["warnings"])
        near = round_["opened"] and days <= statistics.DEADLINE_WARNING_DAYS
        self.districts.show_rows(figures["districts"], round_, near)
        self.basis_chart.show_counts(figures["by_basis"])
        self.industry_chart.show_counts(figures["by_industry"])
        todo = self._todo(figures)
        self.todo.show_rows(todo)
        self.todo_title.setText(f"到期与待办（{len(todo)} 项，双击打开）")

    def _show_warnings(self, warnings: list[str]) -> None:
        for label in self.warning_labels:
            label.deleteLater()
        self.warning_labels = []
        columns = 2 if len(warnings) > 3 else 1
        for i, text in enumerate(warnings):
            label = QLabel(f"⚠ {text}")
            label.setStyleSheet("color: #7a5a00;")
            label.setWordWrap(True)
            self.warning_grid.addWidget(label, i // columns, i % columns)
            self.warning_labels.append(label)
        self.warning_box.setVisible(bool(warnings))

    def _todo(self, figures: dict) -> list[dict]:
        """Every overdue follow-up and case clock the warnings count (and case clocks due soon), re-examinations
        due, then the round's applications waiting for this user."""
        rows = [
            {"kind": "visit", "id": f["visit_id"], "what": "跟进事项逾期", "name": f["enterprise"]["name"],
             "district": f["district"], "day": f["due_on"] or "", "days_left": f["days_left"],
             "tip": f["description"]}
            for f in figures["followups_overdue"]
        ]  # fmt: skip
        rows += [
            {"kind": "plan", "id": t["plan_id"], "what": "方案任务逾期", "name": t["title"], "district": t["district"],
             "day": t["due_on"], "days_left": t["days_left"], "tip": f"{t['project']}：{t['title']}"}
            for t in figures.get("plan_tasks_overdue", [])
        ]  # fmt: skip
        rows += [
            {"kind": "recordal", "id": r["id"], "what": "海关备案" + ("已过期" if r["state"] == "expired" else "到期"),
             "name": r["enterprise"], "district": r["district"], "day": r["valid_until"], "days_left": r["days_left"],
             "tip": f"{r['right_kind_label']} {r['right_title']}，备案号 {r['recordal_number']}"}
            for r in figures.get("recordals_due", [])
        ]  # fmt: skip
        seen = set()
        for d in figures["case_deadlines"]:
            if d["state"] in ("overdue", "due_soon") and d["case_id"] not in seen:  # one row per case: its first
                seen.add(d["case_id"])
                rows.append({"kind": "case", "id": d["case_id"], "what": f"案件{d['label']}", "name": d["parties"],
                             "district": d["handling"], "day": d["due"], "days_left": d["days_left"],
                             "unit": d["unit"], "tip": f"案件 {d['number']}"})  # fmt: skip
        rows += [
            {"kind": "entry", "id": r["entry_id"], "what": "名录复核", "name": r["name"], "district": r["district"],
             "day": r["next_review_on"], "days_left": r["days_left"]}
            for r in figures["due_reviews"]
        ]  # fmt: skip
        if not is_staff(self.session.user):
            return rows
        round_ = figures["round"]
        try:
            found = applications.list_round(self.session.user, round_["year"])
        except DomainError:
            found = []
        for a in found:
            step = actions.waiting_on(self.session.user, a)
            if step:
                by_deadline = step == "待推荐"  # the deadline binds the recommendation, not the city's review
                rows.append({"kind": "application", "id": a.id, "what": step, "name": a.enterprise.name,
                             "district": a.enterprise.district.name,
                             "day": round_["deadline"] if by_deadline else str(a.submitted_at or "")[:10],
                             "days_left": round_["days_to_deadline"] if by_deadline else None})  # fmt: skip
        return rows
