"""The forms of 执法协作: an agency, an agreement, a joint action, a case linked to an action, and a case extract
shared with only the fields ticked. Each gathers what was typed and hands it to one service call."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.enforcement import AGENCY_KINDS, SHARE_FORMATS
from app.services.core import dates
from app.services.core.errors import ValidationError
from app.services.enforcement import actions, agencies, sharing
from app.services.enforcement import agreements as cooperation
from app.ui.enterprise_picker import EnterprisePicker
from app.ui.form_dialog import CheckList, FormDialog
from app.ui.session import Session
from app.ui.widgets import bureau_combo, date_edit, fill_combo

DEFAULT_FIELDS = ("number", "type", "received_on", "summary")  # what an agency usually asks for first


def partner_list(session: Session) -> CheckList:
    return CheckList([(f"{a.name}（{AGENCY_KINDS.get(a.kind, a.kind)}）", a.id)
                      for a in agencies.agencies(session.user)])  # fmt: skip


class EnterpriseList(QWidget):
    """Several enterprises: pick one, 加入, and it joins the list below (双击 removes it)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.picker = EnterprisePicker(session, writable_only=False, stacked=True)
        self.chosen = QListWidget()
        self.chosen.setMaximumHeight(80)
        self.chosen.itemDoubleClicked.connect(lambda item: self.chosen.takeItem(self.chosen.row(item)))
        add = QPushButton("加入")
        add.clicked.connect(self.add_current)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(add)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.chosen)

    def add_current(self) -> None:
        chosen = self.picker.current_id()
        if chosen is not None and chosen not in self.ids():
            self.chosen.addItem(self.picker.combo.currentText())
            self.chosen.item(self.chosen.count() - 1).setData(256, chosen)

    def ids(self) -> list[int]:
        return [self.chosen.item(i).data(256) for i in range(self.chosen.count())]

    form_value = ids


def agency_dialog(session: Session, parent=None) -> FormDialog:
    kind = QComboBox()
    fill_combo(kind, AGENCY_KINDS)
    user = session.user
    return FormDialog("添加协作单位", [
        ("name", "单位名称", QLineEdit()), ("kind", "类别", kind), ("contact_person", "联系人", QLineEdit()),
        ("contact_phone", "联系电话", QLineEdit()), ("note", "备注", QPlainTextEdit())],
        lambda data: session.perform(agencies.add_agency, user, data), parent)  # fmt: skip


def agreement_dialog(session: Session, parent=None) -> FormDialog:
    user = session.user

    def submit(data):
        return session.perform(cooperation.add_agreement, user, data.pop("district"), data, data.pop("parties"))

    return FormDialog("登记协作协议", [
        ("district", "签订单位", bureau_combo(user)), ("signed_on", "签订日期", date_edit(rule=dates.HAPPENED)),
        ("title", "协议名称", QLineEdit()), ("parties", "协作单位", partner_list(session)),
        ("scope", "协作内容", QPlainTextEdit())], submit, parent, 560)  # fmt: skip


def action_dialog(session: Session, parent=None) -> FormDialog:
    user = session.user
    protected = EnterpriseList(session)

    def submit(data):
        numbers = [t for t in data.pop("cases").replace("，", ",").split(",") if t.strip()]
        case_ids = [actions.case_named(user, t).id for t in numbers]
        return session.perform(actions.add_action, user, data.pop("district"), data, data.pop("partners"),
                               data.pop("enterprises"), case_ids)  # fmt: skip

    return FormDialog("登记联合执法行动", [
        ("district", "组织单位", bureau_combo(user)), ("held_on", "行动日期", date_edit(rule=dates.HAPPENED)),
        ("title", "行动名称", QLineEdit()), ("partners", "协作单位", partner_list(session)),
        ("target", "行动对象", QLineEdit()), ("enterprises", "保护企业", protected),
        ("cases", "立案案件", QLineEdit(placeholderText="案件编号，多个用逗号分隔；也可以以后再关联")),
        ("results", "行动成效", QPlainTextEdit())], submit, parent, 620)  # fmt: skip


def link_dialog(session: Session, action_id: int, parent=None) -> FormDialog:
    user = session.user

    def submit(data):
        return session.perform(actions.link_case, user, action_id, actions.case_named(user, data["case"]).id)

    return FormDialog("关联行动后立案的案件", [("case", "案件编号", QLineEdit())], submit, parent)


class OutputFile(QWidget):
    """Where the extract is written: a path, with 浏览… to choose it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存案件信息摘要", self.edit.text(), "PDF (*.pdf);;Excel (*.xlsx)")
        if path:
            self.edit.setText(path)

    def form_value(self) -> str:
        return self.edit.text().strip()


def share_dialog(session: Session, case_text: str = "", parent=None) -> FormDialog:
    """共享案件信息: the case, the agency, the fields ticked (only those are written), PDF or Excel, the file."""
    user = session.user
    agency = QComboBox()
    for a in agencies.agencies(user):
        agency.addItem(a.name, a.id)
    fmt = QComboBox()
    fill_combo(fmt, SHARE_FORMATS)
    fields = CheckList([(label, key) for key, (label, _) in sharing.EXTRACT_FIELDS.items()], DEFAULT_FIELDS)
    fields.setFixedHeight(fields.sizeHintForRow(0) * fields.count() + 2 * fields.frameWidth() + 4)  # all in view
    out = OutputFile()

    def submit(data):
        if not data["out"]:
            raise ValidationError({"out": "请选择保存摘要的文件"}, {"out": "保存到"})
        case = actions.case_named(user, data["case"])
        path = Path(data["out"])
        if path.suffix.lower() != f".{data['format']}":  # the format chosen decides what the file holds
            path = path.with_name(f"{path.name}.{data['format']}")
        return session.perform(sharing.share_case, user, case.id, data["agency"], data["fields"], data["format"],
                               path, data["note"], data["shared_on"])  # fmt: skip

    return FormDialog("共享案件信息摘要", [
        ("case", "案件编号", QLineEdit(case_text)), ("agency", "共享单位", agency),
        ("fields", "共享字段（只写入勾选的字段）", fields), ("format", "文件格式", fmt), ("out", "保存到", out),
        ("shared_on", "共享日期", date_edit(rule=dates.HAPPENED)), ("note", "备注", QLineEdit())],
        submit, parent, 600)  # fmt: skip


def other_share_dialog(session: Session, parent=None) -> FormDialog:
    user = session.user
    agency = QComboBox()
    for a in agencies.agencies(user):
        agency.addItem(a.name, a.id)
    return FormDialog("登记信息共享", [
        ("agency", "共享单位", agency), ("subject", "共享内容", QLineEdit()),
        ("shared_on", "共享日期", date_edit(rule=dates.HAPPENED)), ("note", "备注", QPlainTextEdit())],
        lambda data: session.perform(sharing.record_share, user, data.pop("agency"), data), parent)  # fmt: skip
