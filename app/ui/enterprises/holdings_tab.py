"""知识产权: the enterprise's IP counts, one column per year (newest first), one row per kind of right."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QTableWidgetItem

from app.models.enterprises import HOLDING_COUNTS
from app.services.enterprises import records as enterprise_records
from app.ui.enterprises.holding_dialog import HoldingDialog
from app.ui.enterprises.record_tab import RecordTab

ROWS = {**HOLDING_COUNTS, "trade_secrets": "商业秘密"}


class HoldingsTab(RecordTab):
    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.table.setSelectionBehavior(self.table.SelectionBehavior.SelectColumns)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(header.ResizeMode.Fixed)
        header.setDefaultSectionSize(90)
        self.add_button("录入/修改年度数据…", self.edit_year)
        self.table.doubleClicked.connect(lambda _index: self.edit_year())
        self._by_year = {}

    def load(self) -> None:
        holdings = enterprise_records.holdings(self.session.user, self.enterprise_id)
        self._by_year = {h.year: h for h in holdings}
        self.table.clear()
        self.table.setColumnCount(len(holdings))
        self.table.setRowCount(len(ROWS))
        self.table.setHorizontalHeaderLabels([f"{h.year}年" for h in holdings])
        self.table.setVerticalHeaderLabels(list(ROWS.values()))
        self.table.verticalHeader().show()
        for c, holding in enumerate(holdings):
            for r, key in enumerate(ROWS):
                value = getattr(holding, key)
                text = ("有" if value else "无") if key == "trade_secrets" else str(value)
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _selected_year(self) -> int:
        columns = self.table.selectionModel().selectedColumns()
        if columns:
            return int(self.table.horizontalHeaderItem(columns[0].column()).text().rstrip("年"))
        return max(self._by_year, default=date.today().year - 1)

    def edit_year(self) -> None:
        if not self.editable:
            return
        dialog = HoldingDialog(self.session, self.enterprise_id, self._by_year, self._selected_year(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
