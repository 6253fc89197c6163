"""A date typed into a DateField counts as an unsaved edit in every guarded editor that has one: the editor is
dirty, Esc asks 保存 / 不保存 / 取消, and 保存 stores exactly the date typed."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.models import Enterprise, Event, Visit
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.liaison import experts
from app.ui import dirty_guard
from app.ui.date_field import DateField
from tests.ui.test_dirty_guard import _outcome_case

TYPED = date(2025, 6, 30)  # a past date every rule here accepts, unlike the fields' defaults


@dataclass
class Dated:
    dialog: QDialog
    field: DateField
    stored: Callable[[], bool] | None = None  # whether 保存 stored the typed date (None: saving needs more)


def _own(users) -> int:
    return search_ids(users["dongsheng"], EnterpriseQuery(district_code="150602"))[0]


def _enterprise(session_for, users) -> Dated:
    from app.ui.enterprises.enterprise_form import EnterpriseForm

    ent_id = _own(users)
    form = EnterpriseForm(session_for("dongsheng"), ent_id)
    return Dated(form, form.basic.inputs["founded_on"], lambda: Enterprise.get_by_id(ent_id).founded_on == TYPED)


def _visit(session_for, users) -> Dated:
    from app.ui.liaison.visit_dialog import VisitDialog

    dialog = VisitDialog(session_for("dongsheng"), _own(users))
    dialog.texts["notes"].setPlainText("了解专利布局")
    dialog.mark_clean()  # only the date is typed after this
    return Dated(dialog, dialog.visited_on, lambda: Visit.select().where(Visit.visited_on == TYPED).exists())


def _followup_due(session_for, users) -> Dated:
    from app.ui.liaison.visit_dialog import VisitDialog

    dialog = VisitDialog(session_for("dongsheng"), _own(users))
    row = dialog.followups.add_row("协助办理专利质押")
    dialog.mark_clean()
    return Dated(dialog, dialog.followups.table.cellWidget(row, 2))


def _event(session_for, users) -> Dated:
    from app.ui.liaison.event_dialog import EventDialog

    dialog = EventDialog(session_for("dongsheng"))
    dialog.topic.setText("商标保护培训")
    dialog.mark_clean()
    return Dated(dialog, dialog.held_on, lambda: Event.select().where(Event.held_on == TYPED).exists())


def _consultation(session_for, users) -> Dated:
    from app.ui.liaison.consultation_dialog import ConsultationDialog

    experts.save_expert(users["admin"], {"name": "李专家", "field": "patent", "conflicts": ""})
    dialog = ConsultationDialog(session_for("admin"))
    return Dated(dialog, dialog.consulted_on)


def _case_consultation(session_for, users) -> Dated:
    from app.ui.cases.consult_dialog import ConsultDialog

    experts.save_expert(users["admin"], {"name": "李专家", "field": "patent", "conflicts": ""})
    dialog = ConsultDialog(session_for("admin"), _outcome_case(users))
    return Dated(dialog, dialog.day)


def _new_case(session_for, users) -> Dated:
    from app.ui.cases.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog(session_for("admin"))
    return Dated(dialog, dialog.received)


EDITORS = {
    "企业成立日期": _enterprise,
    "走访日期": _visit,
    "跟进事项完成期限": _followup_due,
    "活动日期": _event,
    "专家咨询日期": _consultation,
    "案件咨询日期": _case_consultation,
    "案件收到日期": _new_case,
}


@pytest.fixture
def asked(monkeypatch):
    class Asked(list):
        answer = dirty_guard.CANCEL

    record = Asked()
    monkeypatch.setattr(dirty_guard, "ask", lambda parent, text: record.append(text) or record.answer)
    return record


def _type_date(qtbot, field: DateField, day: date) -> None:
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.edit, day.isoformat())


@pytest.mark.parametrize("name", list(EDITORS))
def test_a_typed_date_makes_the_editor_ask_before_closing(qtbot, session_for, demo_users, asked, name):
    dated = EDITORS[name](session_for, demo_users)
    qtbot.addWidget(dated.dialog)
    dated.dialog.show()
    assert not dated.dialog.is_dirty()
    _type_date(qtbot, dated.field, TYPED)
    assert dated.dialog.is_dirty() and dated.field.text() == TYPED.isoformat()
    qtbot.keyClick(dated.dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dated.dialog.isVisible() and dated.field.text() == TYPED.isoformat()
    _type_date(qtbot, dated.field, date.today() + timedelta(days=3))  # typed back and forth: still an edit
    _type_date(qtbot, dated.field, TYPED)
    if dated.stored is not None:
        asked.answer = dirty_guard.SAVE
        qtbot.keyClick(dated.dialog, Qt.Key.Key_Escape)
        assert dated.stored() and not dated.dialog.isVisible()
