"""The dashboard's two charts (QtCharts): listed enterprises by eligibility basis and by industry.

Both are horizontal bars, so long Chinese names stay legible on the axis. Each chart view keeps its QChart and
replaces the series on every refresh. Long criterion names get short axis labels (full names in the tooltip);
animations stay off so a refresh or a screenshot is immediate.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from app.services.applications.form_data import CRITERIA

SHORT_BASIS = {
    "national_title": "国家级优势/示范企业",
    "regional_title": "自治区级优势/示范企业",
    "invention_patents": "发明专利 10 件以上",
    "well_known_trademark": "驰名商标",
    "registered_trademarks": "注册商标 50 件以上",
    "gi_association": "地理标志商标协会",
    "regional_list_applicant": "已申报自治区名录",
}
SHORT_BY_LABEL = {CRITERIA[key]: short for key, short in SHORT_BASIS.items() if key in CRITERIA}
BASIS_COLOUR, INDUSTRY_COLOUR = "#3b6fb6", "#d9822b"
MAX_INDUSTRIES = 8


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


class ChartView(QChartView):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(_chart(title), parent)
        self.title = title
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)

    def clear(self) -> QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart


class BarChart(ChartView):
    """Horizontal bars, one per label, read top to bottom; the value is printed at the end of each bar."""

    def __init__(self, title: str, colour: str, parent: QWidget | None = None, *,
                 empty: str = "暂无名录企业", unit: str = "家"):  # fmt: skip
        super().__init__(title, parent)
        self.colour = colour
        self.empty, self.unit = empty, unit  # said in the title when every bar is 0; the tooltip's unit
        self.counts: dict[str, int] = {}

    def axis_label(self, label: str) -> str:
        return label

    def show_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        chart = self.clear()
        chart.setTitle(self.title if sum(counts.values()) else f"{self.title}（{self.empty}）")
        # A horizontal category axis counts from the bottom: reversed, the labels read top to bottom.
        labels = [self.axis_label(label) for label in counts][::-1]
        bars = QBarSet("数量")
        bars.setColor(QColor(self.colour))
        bars.append([float(n) for n in counts.values()][::-1])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(labels or [""])
        values = QValueAxis()
        top = max([*counts.values(), 0])
        step = max(1, -(-top // 5))  # whole numbers, at most about six ticks
        values.setTickType(QValueAxis.TickType.TicksDynamic)
        values.setTickAnchor(0)
        values.setTickInterval(step)
        values.setRange(0, max(4, step * (top // step + 1)))
        values.setLabelFormat("%d")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.legend().hide()
        self.setToolTip("\n".join(f"{label}：{n} {self.unit}" for label, n in counts.items()))


class BasisChart(BarChart):
    """纳入依据: every criterion, in the order of the notice (an enterprise may count under several)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("名录企业按纳入依据", BASIS_COLOUR, parent)

    def axis_label(self, label: str) -> str:
        return SHORT_BY_LABEL.get(label, label)


class IndustryChart(BarChart):
    """行业: the industry sections with listed enterprises, largest first; beyond eight the rest as 其他."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("名录企业按行业", INDUSTRY_COLOUR, parent)

    def show_counts(self, counts: dict[str, int]) -> None:
        ordered = sorted(((name, n) for name, n in counts.items() if n), key=lambda pair: -pair[1])
        shown = dict(ordered[:MAX_INDUSTRIES])
        rest = sum(n for _name, n in ordered[MAX_INDUSTRIES:])
        if rest:
            shown["其他行业"] = rest
        super().show_counts(shown)
