"""Choosing an enterprise: type part of a name or credit code, pick from the matches (at most a page of them).

With `writable_only` the matches are the enterprises the user may record work for; optional leading items
(e.g. “我联络的企业”) carry their own data instead of an enterprise id.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.services import reference
from app.services.enterprise_search import EnterpriseQuery, fetch_rows, search_ids
from app.services.permissions import can_write_enterprises
from app.ui.session import Session

LIMIT = 200


class EnterprisePicker(QWidget):
    changed = Signal()

    def __init__(
        self,
        session: Session,
        writable_only: bool = True,
        extra: tuple[tuple[str, object], ...] = (),
        parent: QWidget | None = None,
        stacked: bool = False,
    ):
        super().__init__(parent)
        self.session, self.writable_only, self.extra = session, writable_only, extra
        self._district_ids = {d.name: d.id for d in reference.districts()}
        self._districts: dict[int, int] = {}  # enterprise id → district id
        self.search = QLineEdit(placeholderText="输入名称或信用代码查找")
        self.search.setClearButtonEnabled(True)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(220)
        self.search.setMinimumWidth(150)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        row = QVBoxLayout(self) if stacked else QHBoxLayout(self)  # stacked: a narrow form column
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo if stacked else self.search, 2)
        row.addWidget(self.search if stacked else self.combo, 3)
        self.refresh()

    def refresh(self) -> None:
        """Re-run the search; the chosen item stays chosen when it is still among the matches."""
        self._timer.stop()
        keep = self.combo.currentData()
        ids = search_ids(self.session.user, EnterpriseQuery(text=self.search.text()))
        rows = fetch_rows(ids[: LIMIT * 2])
        choices = []
        for ent_id in ids[: LIMIT * 2]:
            row = rows.get(ent_id)
            district_id = self._district_ids.get(row.district) if row else None
            if row is None or (
                self.writable_only and not can_write_enterprises(self.session.user, district_id)
            ):
                continue
            self._districts[ent_id] = district_id
            choices.append((f"{row.name}（{row.district}）", ent_id))
        self.combo.blockSignals(True)
        self.combo.clear()
        for label, data in (*self.extra, *choices[:LIMIT]):
            self.combo.addItem(label, data)
        if not choices and not self.extra:
            self.combo.addItem("（没有可选的企业）", None)
        index = self.combo.findData(keep) if keep is not None else -1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        if self.combo.currentData() != keep:
            self.changed.emit()

    def set_enterprise(self, enterprise_id: int) -> None:
        """Choose an enterprise even when it is not among the current matches."""
        index = self.combo.findData(enterprise_id)
        if index < 0:
            row = fetch_rows([enterprise_id]).get(enterprise_id)
            if row is None:
                return
            self._districts[enterprise_id] = self._district_ids.get(row.district)
            self.combo.addItem(f"{row.name}（{row.district}）", enterprise_id)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def current_data(self):
        return self.combo.currentData()

    def current_id(self) -> int | None:
        data = self.combo.currentData()
        return data if isinstance(data, int) else None

    def district_id(self) -> int | None:
        ent_id = self.current_id()
        return self._districts.get(ent_id) if ent_id is not None else None

    def set_read_only(self, read_only: bool) -> None:
        self.search.setVisible(not read_only)
        self.combo.setEnabled(not read_only)
