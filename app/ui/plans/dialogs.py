"""The small forms of the plan editor: a new plan, project or task, and the evidence a finished task names.

Each is a `FormDialog`: it only gathers what was typed and hands it to `submit` (a service call through the
session); the service checks it and its message is shown under the field it names.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from app.models.plans import EVIDENCE_KINDS
from app.services.core import dates
from app.ui.form_dialog import FormDialog
from app.ui.widgets import date_edit, fill_combo

_WIDTH = 460


def _count() -> QSpinBox:
    return QSpinBox(minimum=0, maximum=100000)


def plan_dialog(submit, parent=None, title_hint: str = "") -> FormDialog:
    title = QLineEdit(title_hint)
    return FormDialog("新建工作实施方案", [
        ("title", "方案名称", title), ("goal_recommend", "推荐企业目标（家）", _count()),
        ("goal_visits", "走访目标（次）", _count()), ("goal_trainings", "培训目标（场）", _count()),
        ("notes", "工作要求", QPlainTextEdit())], submit, parent, _WIDTH)  # fmt: skip


def project_dialog(submit, parent=None) -> FormDialog:
    return FormDialog("添加项目", [("title", "项目名称", QLineEdit()), ("description", "项目内容", QPlainTextEdit())],
                      submit, parent, _WIDTH)  # fmt: skip


def task_dialog(submit, parent=None) -> FormDialog:
    due = date_edit(rule=dates.DUE, label="完成期限", optional=True)
    return FormDialog("添加清单任务", [("title", "任务", QLineEdit()), ("owner", "责任人", QLineEdit()),
                                     ("due_on", "完成期限", due), ("note", "备注", QLineEdit())],
                      submit, parent, _WIDTH)  # fmt: skip


def evidence_dialog(submit, parent=None) -> FormDialog:
    """完成依据: a visit, event or case of this register by its number (as shown in its list)."""
    kind = QComboBox()
    fill_combo(kind, EVIDENCE_KINDS)
    number = QSpinBox(minimum=1, maximum=10**9)
    return FormDialog("标记完成并注明依据", [("kind", "依据类型", kind), ("evidence", "记录编号", number)],
                      submit, parent, _WIDTH)  # fmt: skip
