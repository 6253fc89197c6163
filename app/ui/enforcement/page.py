"""执法协作: joint enforcement actions (with the cases they opened), information shared with partner agencies (a
case extract with only the fields ticked), cooperation agreements, and the agencies themselves (kept by the city)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import can_work_in, is_city, is_staff
from app.services.enforcement import actions, agencies, sharing
from app.services.enforcement import agreements as cooperation
from app.ui.enforcement import dialogs
from app.ui.session import Session
from app.ui.tables import Column, RowsModel, fitted_rows_view
from app.ui.widgets import show_error

ACTION_COLUMNS = (
    Column("行动日期", lambda r: r["held_on"]),
    Column("组织单位", lambda r: r["district"]),
    Column("行动名称", lambda r: r["title"]),
    Column("协作单位", lambda r: "、".join(r["partners"])),
    Column("保护企业", lambda r: "、".join(e["name"] for e in r["enterprises"])),
    Column("立案案件", lambda r: "、".join(c["number"] for c in r["cases"])),
    Column("行动成效", lambda r: r["results"].replace("\n", " "), tooltip=lambda r: r["results"]),
)
SHARE_COLUMNS = (
    Column("共享日期", lambda r: r["shared_on"]),
    Column("共享单位", lambda r: r["agency"]),
    Column("共享内容", lambda r: r["subject"]),
    Column("共享字段", lambda r: "、".join(r["fields"]), tooltip=lambda r: "、".join(r["fields"])),
    Column("格式", lambda r: r["format"].upper()),
    Column("经办人", lambda r: r["shared_by"]),
    Column("归属", lambda r: r["district"]),
)
AGREEMENT_COLUMNS = (
    Column("签订日期", lambda r: r["signed_on"]),
    Column("签订单位", lambda r: r["district"]),
    Column("协议名称", lambda r: r["title"]),
    Column("协作单位", lambda r: "、".join(r["parties"])),
    Column("协作内容", lambda r: r["scope"].replace("\n", " "), tooltip=lambda r: r["scope"]),
)
AGENCY_COLUMNS = (
    Column("类别", lambda r: r["kind_label"]),
    Column("单位名称", lambda r: r["name"]),
    Column("联系人", lambda r: r["contact_person"]),
    Column("联系电话", lambda r: r["contact_phone"]),
    Column("状态", lambda r: "在用" if r["active"] else "已停用"),
    Column("备注", lambda r: r["note"].replace("\n", " ")),
)


def _key(row: dict):
    return row["id"]


class EnforcementPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.dialog = None
        heading = QLabel("执法协作")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.models = {name: RowsModel(columns, _key) for name, columns in (
            ("actions", ACTION_COLUMNS), ("shares", SHARE_COLUMNS), ("agreements", AGREEMENT_COLUMNS),
            ("agencies", AGENCY_COLUMNS))}  # fmt: skip
        self.views = {
            "actions": fitted_rows_view(self.models["actions"], (90, 80, 200, 200, 180, 170)),
            "shares": fitted_rows_view(self.models["shares"], (90, 200, 230, 240, 50, 130)),
            "agreements": fitted_rows_view(self.models["agreements"], (90, 80, 240, 260)),
            "agencies": fitted_rows_view(self.models["agencies"], (60, 260, 90, 130, 70)),
        }
        self.buttons: dict[str, QPushButton] = {}
        self.tabs = QTabWidget()
        self._tab("actions", "联合执法行动", {"登记行动…": self.add_action, "关联案件…": self.link_case})
        self._tab("shares", "信息共享", {"共享案件信息…": self.share_case, "登记其他共享…": self.other_share})
        self._tab("agreements", "协作协议", {"登记协议…": self.add_agreement})
        self._tab("agencies", "协作单位", {"添加单位…": self.add_agency, "停用/启用": self.toggle_agency})
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.load()

    def _tab(self, name: str, title: str, buttons: dict) -> None:
        page = QWidget()
        row = QHBoxLayout()
        for label, slot in buttons.items():
            self.buttons[label] = QPushButton(label)
            self.buttons[label].clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(self.buttons[label])
        row.addStretch(1)
        column = QVBoxLayout(page)
        column.addLayout(row)
        column.addWidget(self.views[name], 1)
        self.tabs.addTab(page, title)

    def _on_changed(self, changes: Changes) -> None:
        if changes.enforcement:
            self.load()

    def load(self) -> None:
        user = self.session.user
        self.models["actions"].set_rows([actions.action_dict(a) for a in actions.actions(user)])
        self.models["shares"].set_rows([sharing.share_dict(r) for r in sharing.shares(user)])
        self.models["agreements"].set_rows([cooperation.agreement_dict(a) for a in cooperation.agreements(user)])
        self.models["agencies"].set_rows([agencies.agency_dict(a) for a in agencies.agencies(user, True)])
        self._enable()

    def _enable(self) -> None:
        user = self.session.user
        staff, city = is_staff(user), is_city(user) and user.active
        for label in ("登记行动…", "共享案件信息…", "登记其他共享…", "登记协议…"):
            self.buttons[label].setEnabled(staff)
        self.buttons["关联案件…"].setEnabled(staff and bool(self.models["actions"].rows))
        self.buttons["添加单位…"].setEnabled(city)
        self.buttons["停用/启用"].setEnabled(city and bool(self.models["agencies"].rows))

    def selected(self, name: str) -> dict | None:
        index = self.views[name].currentIndex()
        return self.models[name].row_at(index.row()) if index.isValid() else None

    def _open(self, dialog):
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_action(self):
        return self._open(dialogs.action_dialog(self.session, self))

    def link_case(self):
        chosen = self.selected("actions")
        if chosen is None:
            show_error(self, DomainError("请先在列表中选择一次联合执法行动"), "无法关联案件")
            return None
        if not can_work_in(self.session.user, actions.get_action(self.session.user, chosen["id"]).district_id):
            show_error(self, DomainError("只能关联本旗区的联合执法行动"), "无法关联案件")
            return None
        return self._open(dialogs.link_dialog(self.session, chosen["id"], self))

    def share_case(self, case_text: str = ""):
        return self._open(dialogs.share_dialog(self.session, case_text, self))

    def other_share(self):
        return self._open(dialogs.other_share_dialog(self.session, self))

    def add_agreement(self):
        return self._open(dialogs.agreement_dialog(self.session, self))

    def add_agency(self):
        return self._open(dialogs.agency_dialog(self.session, self))

    def toggle_agency(self) -> bool:
        chosen = self.selected("agencies")
        if chosen is None:
            return False
        try:
            self.session.perform(agencies.update_agency, self.session.user, chosen["id"], {"active": not chosen["active"]})
        except DomainError as exc:
            show_error(self, exc, "协作单位未更改")
            return False
        return True
