"""统计报表: a year's figures per district and in total, one tab per section, with a chart where a picture reads
faster; export to Excel and a printed report.

The figures come from app.services.statistics (the same dictionary `stats --json` prints) and load in a worker,
as do the workbook and the report. A district officer sees their own district; city users choose 全市 or one
district. The page loads when first shown and again when the year, the district or the data change.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.core import reference
from app.services.core.changes import Changes
from app.services.core.permissions import visible_district_ids
from app.services.statistics.figures import FIRST_YEAR, LAST_YEAR
from app.services.statistics.sections import CITY_CODE, SECTIONS, chinese_date
from app.ui import tasks
from app.ui.dashboard.charts import BarChart
from app.ui.district_names import add_district_item
from app.ui.excel.files import ask_save_path
from app.ui.pdf_preview import preview_pdf
from app.ui.session import Session
from app.ui.statistics import jobs
from app.ui.statistics.section_view import BreakdownTable, SectionTable
from app.ui.widgets import show_error

# Section key → what goes under its table: ("chart", title, what, colour, unit) or ("table", breakdown key).
# A chart shows a figure per district (a column key), a breakdown (its key), or the total row (TOTAL_ROW).
TOTAL_ROW = "total row"
EXTRAS = {
    "enterprises": [("chart", "各旗区名录在册企业", "on_list", "#3b6fb6", "家")],
    "applications": [("chart", "本年度申报表按状态（合计）", TOTAL_ROW, "#6a5acd", "份")],
    "liaison": [("chart", "各旗区走访企业", "enterprises_visited", "#d9822b", "家"),
                ("table", "questionnaire_titles")],
    "events": [("chart", "各旗区参加活动企业", "enterprises", "#5b8c3a", "家")],
    "cases": [("chart", "案件类型", "case_types", "#a04a4a", "件"), ("table", "case_channels"),
              ("table", "case_outcomes")],
    "support": [("chart", "各旗区获得扶持的企业", "enterprises", "#2e8b8b", "家")],
    "publicity": [("chart", "各旗区宣传报道", "total", "#b5651d", "篇")],
}  # fmt: skip
# Qt Charts elides every category label to "…" once a bar's row is shorter than about the label's height plus
# nine pixels: ten districts at 8 pt need a chart this tall. The tab scrolls when the screen is shorter.
EXTRAS_HEIGHT = 300


class StatisticsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.figures: dict | None = None
        self.preview = None
        self.task: tasks.Task | None = None
        self._request = 0
        self._stale = True
        self.city_wide = visible_district_ids(session.user) is None
        self.tables: dict[str, SectionTable] = {}
        self.charts: dict[str, BarChart] = {}
        self.breakdowns: dict[str, BreakdownTable] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)
        layout.setSpacing(6)
        layout.addLayout(self._toolbar())
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        layout.addWidget(self.status)
        self.tabs = QTabWidget()
        for spec in SECTIONS:
            self.tabs.addTab(self._section_tab(spec.key), spec.title)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.notes.setStyleSheet("padding: 10px; font-size: 10.5pt;")
        self.tabs.addTab(self.notes, "口径说明")
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------------------

    def _toolbar(self) -> QHBoxLayout:
        heading = QLabel("统计报表")
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年度")
        self.year.setKeyboardTracking(False)  # a typed year loads once, not at every digit
        self.year.valueChanged.connect(lambda _year: self.reload())
        self.district = QComboBox()
        if self.city_wide:
            self.district.addItem("全市", None)
            for district in reference.districts():
                add_district_item(self.district, district.name, district.code)
        else:
            district = self.session.user.district
            add_district_item(self.district, district.name if district else "（未归属旗区）", None)
            self.district.setEnabled(False)
        self.district.currentIndexChanged.connect(lambda _index: self.reload())
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.clicked.connect(self.export_xlsx)
        self.print_button = QPushButton("打印报表…")
        self.print_button.clicked.connect(self.print_report)
        row = QHBoxLayout()
        row.addWidget(heading)
        row.addSpacing(16)
        row.addWidget(QLabel("统计年度："))
        row.addWidget(self.year)
        row.addWidget(QLabel("范围："))
        row.addWidget(self.district)
        row.addStretch(1)
        row.addWidget(self.export_button)
        row.addWidget(self.print_button)
        return row

    def _section_tab(self, key: str) -> QScrollArea:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 6)
        self.tables[key] = SectionTable()
        layout.addWidget(self.tables[key])
        extras = QHBoxLayout()
        for extra in EXTRAS.get(key, []):
            if extra[0] == "chart":
                _kind, title, _figure, colour, unit = extra
                chart = self.charts[key] = _Chart(title, colour, empty="暂无", unit=unit)
                chart.setMinimumHeight(EXTRAS_HEIGHT)
                extras.addWidget(chart, 3)
            else:
                extras.addWidget(self.breakdowns.setdefault(extra[1], BreakdownTable()), 2)
        layout.addLayout(extras, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(tab)
        return scroll

    # --- loading -------------------------------------------------------------------------------------

    def chosen_district(self) -> str | None:
        return self.district.currentData()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        shown = (changes.enterprises, changes.applications, changes.listing, changes.visits, changes.followups,
                 changes.events, changes.consultations, changes.questionnaires, changes.responses, changes.cases,
                 changes.reference, changes.support, changes.publicity)  # fmt: skip
        if any(shown):
            self.reload()

    def reload(self) -> None:
        """Gather the figures again in a worker; a hidden page only notes that it must when next shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._request += 1
        request, year = self._request, self.year.value()
        self.status.setText(f"正在统计 {year} 年度…")
        self.export_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.task = tasks.run_task(
            self, "正在统计…", jobs.load_job, self.session.user, year, self.chosen_district(),
            on_success=lambda found: self._loaded(request, found),
            on_failure=lambda error: self._failed(request, error), quiet=True,
        )  # fmt: skip

    def _loaded(self, request: int, found: dict) -> None:
        if request != self._request:
            return  # a newer choice is loading: this answer is out of date
        self.figures = found
        as_of = chinese_date(date.fromisoformat(found["as_of"]))
        self.status.setText(f"{found['year']} 年度　{found['scope']}　统计日期：{as_of}")
        breakdowns = {b["key"]: b for b in found["breakdowns"]}
        for section in found["sections"]:
            self.tables[section["key"]].show_section(section)
            for extra in EXTRAS.get(section["key"], []):
                if extra[0] == "chart":
                    self.charts[section["key"]].show_counts(_chart_counts(extra[2], section, breakdowns))
                else:
                    self.breakdowns[extra[1]].show_counts(breakdowns[extra[1]])
        self.notes.setText("\n\n".join(f"{n}. {note}" for n, note in enumerate(found["notes"], start=1)))
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)

    def _failed(self, request: int, error: Exception) -> None:
        if request != self._request:
            return
        self.status.setText("统计未完成")
        show_error(self, error, "无法统计")

    # --- export and print ----------------------------------------------------------------------------

    def _file_name(self, suffix: str) -> str:
        scope = self.figures["scope"] if self.figures else ""
        return f"{self.year.value()}年度统计报表（{scope}）.{suffix}"

    def export_xlsx(self) -> None:
        path = ask_save_path(self, "导出统计报表", self._file_name("xlsx"))
        if path is None:
            return
        self.task = tasks.run_task(
            self, "正在导出统计报表…", jobs.xlsx_job, self.session.user, self.year.value(), self.chosen_district(), path,
            on_success=lambda written: self.status.setText(f"已导出到：{written}"),
            on_failure=lambda error: show_error(self, error, "无法导出"),
        )  # fmt: skip

    def print_report(self) -> None:
        def done(result) -> None:
            data, report = result
            self.preview = preview_pdf(self, data, "统计报表", self._file_name("pdf"), report.warnings)

        self.task = tasks.run_task(
            self, "正在生成统计报表…", jobs.pdf_job, self.session.user, self.year.value(), self.chosen_district(),
            on_success=done, on_failure=lambda error: show_error(self, error, "无法生成报表"),
        )  # fmt: skip


def _chart_counts(what: str, section: dict, breakdowns: dict) -> dict[str, int]:
    if what == TOTAL_ROW:
        return {c["label"]: section["total"][c["key"]] for c in section["columns"] if c["key"] != "total"}
    if what in breakdowns:
        return breakdowns[what]["counts"]
    # Districts only: the city bureau's own row is not a district to compare.
    return {row["name"]: row[what] for row in section["rows"] if row["code"] != CITY_CODE}


class _Chart(BarChart):
    """The dashboard's bar chart with smaller category labels, so ten districts stay legible in a short chart."""

    def show_counts(self, counts: dict[str, int]) -> None:
        super().show_counts(counts)
        font = QFont()
        font.setPointSize(8)
        for axis in self.chart().axes(Qt.Orientation.Vertical):
            axis.setLabelsFont(font)
