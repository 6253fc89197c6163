"""The case file's statutory clocks: label, start, due date, days left in its unit and a coloured state chip.

Calendar warnings (a year whose holidays are not known yet) are shown in an amber bar above the clocks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.ui.cases.looks import STATE_LOOKS, days_text, state_chip, unit_label
from app.ui.pdf_preview import WARNING_STYLE

HEADERS = ("期限", "起算日", "到期日", "剩余/完成", "状态")


class ClocksPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("办理期限", parent)
        self.warning_bar = QLabel()
        self.warning_bar.setWordWrap(True)
        self.warning_bar.setStyleSheet(WARNING_STYLE)
        self.warning_bar.hide()
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning_bar)
        layout.addWidget(self.grid_holder)
        self.chips: dict[str, QLabel] = {}
        self.left_labels: dict[str, QLabel] = {}

    def show_clocks(self, clocks: list[dict], warnings: list[str]) -> None:
        self.warning_bar.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warning_bar.setVisible(bool(warnings))
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.chips, self.left_labels = {}, {}
        if not clocks:
            self.grid.addWidget(QLabel("暂无计时中的办理期限（期限随立案、送达等事件开始计算）。"), 0, 0)
            return
        for c, title in enumerate(HEADERS):
            head = QLabel(title)
            head.setStyleSheet("color: #666666;")
            self.grid.addWidget(head, 0, c)
        for r, clock in enumerate(clocks, start=1):
            left = QLabel(days_text(clock))
            left.setStyleSheet(
                f"color: {STATE_LOOKS.get(clock['state'], STATE_LOOKS['met'])[0]}; font-weight: bold;"
            )
            label = QLabel(clock["label"])
            label.setToolTip(f"期限按{unit_label(clock['unit'])}计算")
            chip = state_chip(clock["state"])
            for c, widget in enumerate((label, QLabel(clock["start"]), QLabel(clock["due"]), left, chip)):
                self.grid.addWidget(widget, r, c)
            self.chips[clock["key"]] = chip
            self.left_labels[clock["key"]] = left
        self.grid.setColumnStretch(0, 1)
