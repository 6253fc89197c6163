"""Entering one year's IP counts of an enterprise (all the HOLDING_COUNTS plus 商业秘密)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from app.models import IPHolding
from app.models.enterprises import HOLDING_COUNTS
from app.services.core.errors import DomainError
from app.services.enterprises import records as enterprise_records
from app.ui.dirty_guard import DirtyGuard
from app.ui.session import Session
from app.ui.widgets import error_label, save_cancel_buttons, set_error


class HoldingDialog(DirtyGuard, QDialog):
    def __init__(
        self, session: Session, enterprise_id: int, existing: dict[int, IPHolding], year: int, parent=None
    ):
        super().__init__(parent)
        self.session, self.enterprise_id, self.existing = session, enterprise_id, existing
        self.setWindowTitle("知识产权年度数据")
        self.year = QSpinBox(minimum=0, maximum=9999, value=year)  # as typed: the service says when it is wrong
        self.year.valueChanged.connect(self._load_year)
        self.counts = {key: QSpinBox(maximum=10_000_000) for key in HOLDING_COUNTS}
        self.trade_secrets = QCheckBox("有商业秘密保护")
        grid = QGridLayout()
        for i, (key, label) in enumerate(HOLDING_COUNTS.items()):
            grid.addWidget(QLabel(label + "："), i // 2, (i % 2) * 2)
            grid.addWidget(self.counts[key], i // 2, (i % 2) * 2 + 1)
        grid.addWidget(self.trade_secrets, len(HOLDING_COUNTS) // 2 + 1, 0, 1, 4)
        head = QFormLayout()
        head.addRow("年度：", self.year)
        self.error = error_label()
        buttons = save_cancel_buttons(self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load_year(year)
        self.guard(self.save)

    def _load_year(self, year: int) -> None:
        holding = self.existing.get(year)
        for key, spin in self.counts.items():
            spin.setValue(getattr(holding, key) if holding else 0)
        self.trade_secrets.setChecked(bool(holding and holding.trade_secrets))

    def save(self) -> None:
        counts = {key: spin.value() for key, spin in self.counts.items()}
        counts["trade_secrets"] = self.trade_secrets.isChecked()
        try:
            self.session.perform(
                enterprise_records.save_holding,
                self.session.user,
                self.enterprise_id,
                self.year.value(),
                counts,
            )
        except DomainError as exc:
            set_error(self.error, str(exc))
            return
        self.accept()
