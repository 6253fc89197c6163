"""Results of one questionnaire version: a bar chart per choice question, its figures, and a breakdown table
by district or industry; export to Excel and print the summary report in the background."""

from __future__ import annotations

import math

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.questionnaires import results as questionnaire_results
from app.services.questionnaires.results import AVERAGED_KINDS, COUNTED_KINDS, QuestionResult, Results
from app.ui.pdf_preview import preview_pdf
from app.ui.questionnaires import jobs
from app.ui.session import Session
from app.ui.tasks import run_task
from app.ui.widgets import show_error
from app.ui.window_state import place

BAR_COLOR = QColor("#386bb0")


def fill_table(table: QTableWidget, headers: list[str], rows: list[list]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def chart_for(q: QuestionResult) -> QChart:
    """A horizontal bar per option, labelled with its count; first option on top."""
    chart = QChart()
    chart.setTitle(f"{q.number}. {q.text}（作答 {q.answered} 份）")
    chart.legend().hide()
    labels = list(q.counts)[::-1]
    bars = QBarSet("数量")
    bars.setColor(BAR_COLOR)
    bars.append([float(q.counts[label]) for label in labels])
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([f"{label}（{q.percents[label]:.1f}%）" for label in labels])
    values = QValueAxis()
    top = max([*q.counts.values(), 1])
    step = max(1, math.ceil(top / 8))
    values.setTickType(QValueAxis.TickType.TicksDynamic)
    values.setTickAnchor(0)
    values.setTickInterval(step)
    values.setRange(0, step * (top // step + 1))  # whole-number ticks, room for the last bar's label
    values.setLabelFormat("%d")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(values)
    return chart


def figure_rows(q: QuestionResult) -> tuple[list[str], list[list]]:
    if q.kind in COUNTED_KINDS:
        rows = [[label, n, f"{q.percents[label]:.1f}%"] for label, n in q.counts.items()]
        if q.mean is not None:
            rows.append(["平均分", q.mean, ""])
        return ["选项", "数量", "百分比"], rows
    if q.kind in AVERAGED_KINDS:
        unit = f"（{q.unit}）" if q.unit else ""
        return ["指标", "数值"], [["作答数", q.answered], [f"平均值{unit}", q.mean], [f"最小值{unit}", q.minimum],
                                 [f"最大值{unit}", q.maximum]]  # fmt: skip
    if q.kind == "date":
        return ["指标", "数值"], [["作答数", q.answered], ["最早", q.earliest], ["最晚", q.latest]]
    return ["企业", "回答"], [list(pair) for pair in q.texts]


class ResultsDialog(QDialog):
    def __init__(self, session: Session, questionnaire_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.questionnaire_id = session, questionnaire_id
        self.results: Results | None = None
        place(self, (1100, 760))
        self.drafts = QCheckBox("包括草稿")
        self.drafts.toggled.connect(self.reload)
        self.group_by = QComboBox()
        self.group_by.addItems(["按旗区", "按行业"])
        self.group_by.currentIndexChanged.connect(lambda _i: self._show(self.questions.currentRow()))
        self.summary = QLabel()
        export, report = QPushButton("导出Excel…"), QPushButton("打印汇总报告")
        export.clicked.connect(self.export_excel)
        report.clicked.connect(self.print_report)
        top = QHBoxLayout()
        for widget in (self.summary, self.drafts, self.group_by, export, report):
            top.addWidget(widget, 1 if widget is self.summary else 0)
        self.questions = QListWidget()
        self.questions.currentRowChanged.connect(self._show)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(300)
        self.figures, self.breakdown = QTableWidget(), QTableWidget()
        for table in (self.figures, self.breakdown):
            table.verticalHeader().hide()
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.chart, 3)
        tables = QHBoxLayout()
        tables.addWidget(self.figures, 1)
        tables.addWidget(self.breakdown, 2)
        column.addLayout(tables, 2)
        splitter = QSplitter()
        splitter.addWidget(self.questions)
        splitter.addWidget(right)
        splitter.setSizes([300, 800])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.reload()

    def reload(self) -> None:
        self.results = questionnaire_results.compute(self.session.user, self.questionnaire_id,
                                                     include_drafts=self.drafts.isChecked())  # fmt: skip
        r = self.results
        self.setWindowTitle(f"统计结果 - {r.title}（第{r.version}版）")
        self.summary.setText(f"<b>{r.title}</b>（第{r.version}版）　答卷 {r.responses} 份")
        row = max(self.questions.currentRow(), 0)
        self.questions.blockSignals(True)
        self.questions.clear()
        self.questions.addItems([f"{q.number}. {q.text}" for q in r.questions])
        self.questions.blockSignals(False)
        self.questions.setCurrentRow(min(row, len(r.questions) - 1))

    def _show(self, row: int) -> None:
        if self.results is None or not 0 <= row < len(self.results.questions):
            return
        q = self.results.questions[row]
        self.chart.setVisible(q.kind in COUNTED_KINDS)
        if q.kind in COUNTED_KINDS:
            self.chart.setChart(chart_for(q))
        fill_table(self.figures, *figure_rows(q))
        groups = q.by_district if self.group_by.currentIndex() == 0 else q.by_industry
        labels = list(q.counts) if q.kind in COUNTED_KINDS else []
        extra = ["平均值"] if q.kind in AVERAGED_KINDS else []
        rows = [[name, g.responses, g.answered, *(g.counts.get(label, 0) for label in labels),
                 *([g.mean] if extra else [])] for name, g in groups.items()]  # fmt: skip
        fill_table(self.breakdown, [self.group_by.currentText()[1:], "答卷", "作答", *labels, *extra], rows)

    def export_excel(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "导出统计结果", f"{self.results.title}_统计结果.xlsx",
                                              "Excel 文件 (*.xlsx)")  # fmt: skip
        if path:
            run_task(self, "正在导出…", jobs.results_xlsx_job, self.session.user, self.questionnaire_id, path,
                     self.drafts.isChecked(), on_failure=lambda e: show_error(self, e))  # fmt: skip

    def print_report(self) -> None:
        def done(result) -> None:
            data, report = result
            self.preview = preview_pdf(self, data, "统计结果汇总", f"{self.results.title}_结果汇总.pdf",
                                       report.warnings)  # fmt: skip

        run_task(self, "正在生成报告…", jobs.results_pdf_job, self.session.user, self.questionnaire_id,
                 self.drafts.isChecked(), on_success=done, on_failure=lambda e: show_error(self, e))  # fmt: skip
