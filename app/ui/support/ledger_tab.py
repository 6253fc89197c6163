"""扶持情况 in the enterprise form: the enterprise's support ledger, its totals by kind, and the documents of the
chosen entry."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.models.support import SUPPORT_KINDS
from app.services.core.errors import DomainError
from app.services.support import ledger
from app.ui.enterprises.record_tab import RecordTab
from app.ui.files_panel import FilesPanel
from app.ui.support.entry_dialog import SupportEntryDialog
from app.ui.tables import declare_matters, fit_columns
from app.ui.widgets import confirm, show_error

WIDTHS = (95, 50, 190, 240, 120)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SupportTab(RecordTab):
    headers = ("日期", "类别", "扶持单位", "政策或项目名称", "金额（元）", "备注")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        fit_columns(self.table, WIDTHS)
        declare_matters(self.table, ("日期", "类别", "金额（元）"), names=("扶持单位", "政策或项目名称"))
        self.add_button("登记扶持…", self.add)
        self.add_button("修改…", self.edit)
        self.add_button("删除", self.delete)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.itemSelectionChanged.connect(self._show_documents)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.documents = FilesPanel("选择一条扶持记录，可查看或添加相关文件（通知、协议、拨付凭证）。", "添加文件…")
        self.documents.setMaximumHeight(150)
        self.layout().addWidget(self.totals)  # below the ledger's own buttons: the files are the chosen entry's
        self.layout().addWidget(self.documents)
        self.dialog: SupportEntryDialog | None = None
        self._entries = {}

    def load(self) -> None:
        entries = ledger.entries_of(self.session.user, self.enterprise_id)
        self._entries = {e.id: e for e in entries}
        rows = [(e.granted_on, SUPPORT_KINDS[e.kind], e.granting_body, e.programme, ledger.yuan_text(e.amount_fen),
                 e.note) for e in entries]  # fmt: skip
        self.fill(rows, [e.id for e in entries])
        for row in range(len(rows)):
            self.table.item(row, 4).setTextAlignment(RIGHT)  # amounts line up
        self.totals.setText(_totals_text(entries))
        self._show_documents()

    def _show_documents(self) -> None:
        entry = self._entries.get(self.selected_key())
        if entry is None:
            self.documents.bind(None, None, False)
            return
        user = self.session.user
        self.documents.bind(lambda: ledger.documents(user, entry.id),
                            lambda path: self.session.perform(ledger.attach_document, user, entry.id, path),
                            self.editable)  # fmt: skip

    def add(self) -> SupportEntryDialog:
        return self._open(None)

    def edit(self) -> SupportEntryDialog | None:
        entry = self._entries.get(self.selected_key())
        return self._open(entry) if entry is not None and self.editable else None

    def _open(self, entry) -> SupportEntryDialog:
        self.dialog = SupportEntryDialog(self.session, self.enterprise_id, entry, self)
        self.dialog.accepted.connect(self.changed)
        self.dialog.open()
        return self.dialog

    def delete(self) -> None:
        entry = self._entries.get(self.selected_key())
        if entry is None or not confirm(self, "删除扶持记录", f"确定删除“{entry.programme}”这条扶持记录吗？"):
            return
        try:
            self.session.perform(ledger.delete_entry, self.session.user, entry.id)
        except DomainError as exc:
            show_error(self, exc)
            return
        self.changed()


def _totals_text(entries) -> str:
    """'累计 3 条（金额 300,000.10 元）：政策 1 条；资金 2 条，300,000.10 元' (kinds in their order)."""
    if not entries:
        return "尚未登记扶持情况。"
    count, amount = Counter(e.kind for e in entries), Counter()
    for e in entries:
        amount[e.kind] += ledger.yuan(e.amount_fen) or Decimal(0)
    parts = [f"{label} {count[k]} 条" + (f"，{amount[k]:,.2f} 元" if amount[k] else "")
             for k, label in SUPPORT_KINDS.items() if count[k]]  # fmt: skip
    total = sum(amount.values(), Decimal(0))
    return f"累计 {len(entries)} 条（金额 {total:,.2f} 元）：" + "；".join(parts)
