"""The three pages the import wizard shows between its background steps: choose a file, preview, finished."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.core import settings
from app.services.enterprises.import_xlsx import (
    ACTION_LABELS,
    CREATE,
    REJECTED,
    UNCHANGED,
    UPDATE,
    ImportPlan,
)
from app.ui.excel.preview_model import ACTION_COLOURS, PreviewModel
from app.ui.widgets import error_label

SUMMARY_KEYS = {CREATE: "created", UPDATE: "updated", UNCHANGED: "unchanged", REJECTED: "rejected"}


def counts_html(counts: dict) -> str:
    """新增 3 · 更新 1 · … with each action in its preview colour."""
    parts = []
    for action, key in SUMMARY_KEYS.items():
        colour = ACTION_COLOURS[action][1]
        parts.append(f"{ACTION_LABELS[action]} <b style='color:{colour}'>{counts.get(key, 0)}</b>")
    return " &nbsp;·&nbsp; ".join(parts)


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ChoosePage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = _note(
            "选择要导入的 Excel 文件（.xlsx），系统读取第一张工作表。\n"
            "• 已在系统中的企业（按统一社会信用代码识别）会被更新，新企业会被新增；\n"
            "• 有问题的行不会导入，可另存一份标注了错误单元格的文件，改正后再次导入；\n"
            "• 先检查并预览，确认后才一次性写入数据库；重复导入同一文件不会产生任何改动。"
        )
        self.limits = _note()
        self.limits.setStyleSheet("color: #666666;")
        self.path_edit = QLineEdit(placeholderText="选择 .xlsx 文件…")
        self.browse_button = QPushButton("浏览…")
        self.template_button = QPushButton("下载导入模板…")
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.limits)
        layout.addStretch(1)
        template_row = QHBoxLayout()
        template_row.addWidget(_note("还没有模板？可先下载空白模板，按模板填写。"), 1)
        template_row.addWidget(self.template_button)
        layout.addLayout(template_row)

    def show_limits(self) -> None:
        max_mb, max_rows = settings.get("import.max_mb"), settings.get("import.max_rows")
        self.limits.setText(f"文件大小不超过 {max_mb} MB，数据不超过 {max_rows:,} 行（可在“系统设置—导入与附件”中调整）。")


class PreviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.info = _note()
        self.info.setStyleSheet("color: #666666;")
        self.rejected_only = QCheckBox("只看被拒绝的行")
        self.save_errors_button = QPushButton("保存错误标注文件…")
        self.model = PreviewModel(self)
        self.rejected_only.toggled.connect(self.model.set_rejected_only)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((56, 250, 170, 72)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.status = error_label()
        self.saved = _note()
        self.saved.setStyleSheet("color: #2e7d32;")
        tools = QHBoxLayout()
        tools.addWidget(self.summary, 1)
        tools.addWidget(self.rejected_only)
        tools.addWidget(self.save_errors_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.saved)

    def show_plan(self, plan: ImportPlan) -> None:
        counts = plan.summary()
        self.summary.setText(counts_html(counts))
        info = f"工作表“{plan.sheet_title}”，表头在第 {plan.header_row} 行，共 {len(plan.rows)} 行数据。"
        if plan.ignored_headers:
            info += f"未识别、将忽略的列：{'、'.join(plan.ignored_headers)}。"
        todo = counts["created"] + counts["updated"]
        if todo:
            info += f"点“导入”将新增 {counts['created']} 家、更新 {counts['updated']} 家"
            info += f"；被拒绝的 {counts['rejected']} 行不会导入。" if counts["rejected"] else "。"
        else:
            info += "没有需要写入的内容。"
        self.info.setText(info)
        self.rejected_only.setChecked(False)
        self.rejected_only.setEnabled(counts["rejected"] > 0)
        self.save_errors_button.setVisible(counts["rejected"] > 0)
        self.model.set_rows(plan.rows)
        self.status.hide()
        self.saved.clear()


class FinishPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel("导入完成")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold; color: #2e7d32;")
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setStyleSheet("font-size: 12pt;")
        self.errors_note = _note()
        self.save_errors_button = QPushButton("保存错误标注文件…")
        self.saved = _note()
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_errors_button)
        save_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addSpacing(12)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.counts)
        layout.addSpacing(16)
        layout.addWidget(self.errors_note)
        layout.addLayout(save_row)
        layout.addWidget(self.saved)
        layout.addStretch(1)

    def show_result(self, counts: dict, file_name: str) -> None:
        self.counts.setText(f"“{file_name}”已导入：<br><br>{counts_html(counts)}")
        rejected = counts.get("rejected", 0)
        if rejected:
            self.errors_note.setText(
                f"有 {rejected} 行被拒绝，没有导入。可保存一份错误标注文件：出错的单元格标红并附批注，"
                "另有“错误汇总”表；改正后再次导入即可（已导入的行不会重复）。"
            )
        else:
            self.errors_note.setText("所有行均已处理，没有被拒绝的行。")
        self.save_errors_button.setVisible(rejected > 0)
        self.saved.clear()
