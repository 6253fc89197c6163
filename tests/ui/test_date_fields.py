"""Dates typed into the visit, event, founding-date and case-event fields: what is stored is exactly what was
typed, or a red message names the problem and nothing is stored (no year dropped, no date replaced by today)."""

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import Case, CaseEvent, Enterprise, Event, Visit
from app.services.cases import handling as cases
from app.services.core import dates
from app.ui.cases.detail_dialog import CaseDetailDialog
from app.ui.date_field import DateField
from app.ui.enterprises.enterprise_form import EnterpriseForm
from app.ui.liaison.event_dialog import EventDialog
from app.ui.liaison.visit_dialog import VisitDialog
from tests.helpers.liaison_ui import enterprise_in

TODAY = date.today()
PLANNING_LIMIT = TODAY + timedelta(days=dates.PLANNING_DAYS)


def _impossible(draw_year: int, month: int, day: int) -> str | None:
    try:
        date(draw_year, month, day)
    except ValueError:
        return f"{draw_year:04d}-{month:02d}-{day:02d}"
    return None


impossible_dates = st.builds(
    _impossible, st.integers(2000, 2030), st.integers(1, 13), st.integers(28, 32)
).filter(bool)
typed_dates = st.one_of(
    st.dates(date(1890, 1, 1), date(2130, 12, 31)).map(date.isoformat),
    st.dates(TODAY - timedelta(days=40), TODAY + timedelta(days=400)).map(date.isoformat),  # near the limits
    impossible_dates,
    st.sampled_from(["", "2027-02-30", "2027-1-155", "明年三月", "2027/13/01", "2026-00-10"]),
)
FEW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def expected(text: str, earliest: date, latest: date) -> date | None:
    """The oracle: the typed ISO date when it exists and lies in [earliest, latest]; None otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if earliest <= day <= latest else None


def type_into(qtbot, field: DateField, text: str) -> None:
    field.edit.clear()
    if text.isascii():
        qtbot.keyClicks(field.edit, text)
    else:  # QTest types ASCII only; Chinese arrives as an input method's commit
        field.edit.insert(text)
    assert field.text() == text  # nothing rewrites the keystrokes


def refused(field: DateField) -> bool:
    return not field.error.isHidden() and field.error.text().startswith(field.label[:2]) or (
        "请填写" in field.error.text()
    )


@FEW
@given(text=typed_dates)
def test_visit_date_is_stored_as_typed_or_refused(qtbot, session_for, demo_users, text):
    officer = demo_users["dongsheng"]
    ent_id = enterprise_in(officer)
    dialog = VisitDialog(session_for("dongsheng"), ent_id)
    qtbot.addWidget(dialog)
    dialog.texts["notes"].setPlainText("例行走访")
    before = Visit.select().count()
    type_into(qtbot, dialog.visited_on, text)
    want = expected(text, date(2000, 1, 1), PLANNING_LIMIT)
    saved = dialog.save()
    if want is None:
        assert saved is False and refused(dialog.visited_on) and Visit.select().count() == before
    else:
        assert saved is True and dialog.visited_on.error.isHidden()
        assert Visit.select().order_by(Visit.id.desc()).first().visited_on == want


@FEW
@given(text=typed_dates)
def test_event_date_is_stored_as_typed_or_refused(qtbot, session_for, text):
    dialog = EventDialog(session_for("admin"))
    qtbot.addWidget(dialog)
    dialog.topic.setText("知识产权风险防范专题培训")
    before = Event.select().count()
    type_into(qtbot, dialog.held_on, text)
    want = expected(text, date(2000, 1, 1), PLANNING_LIMIT)
    saved = dialog.save()
    if want is None:
        assert saved is False and refused(dialog.held_on) and Event.select().count() == before
    else:
        assert saved is True and Event.select().order_by(Event.id.desc()).first().held_on == want


@FEW
@given(text=typed_dates)
def test_founding_date_is_stored_as_typed_empty_or_refused(qtbot, session_for, demo_users, text):
    ent_id = enterprise_in(demo_users["admin"])
    before = Enterprise.get_by_id(ent_id).founded_on
    form = EnterpriseForm(session_for("admin"), ent_id)
    qtbot.addWidget(form)
    field = form.basic.inputs["founded_on"]
    type_into(qtbot, field, text)
    want = expected(text, date(1900, 1, 1), TODAY)
    saved = form.save()
    stored = Enterprise.get_by_id(ent_id).founded_on
    if text == "":
        assert saved is True and stored is None  # the explicit empty state: 未填
    elif want is None:
        assert saved is False and not field.error.isHidden() and "成立日期" in field.error.text()
        assert stored == before
    else:
        assert saved is True and stored == want and field.error.isHidden()


@FEW
@given(text=typed_dates)
def test_case_event_date_is_stored_as_typed_or_refused(qtbot, session_for, demo_users, text):
    case = Case.select().order_by(Case.id).first() or cases.create_case(
        demo_users["admin"],
        {"type": "patent-dispute", "summary": "发明专利侵权纠纷", "received_on": TODAY - timedelta(days=20)},
        [{"name": "某机械厂", "role": "respondent"}],
        [{"kind": "patent", "number": "ZL201910000002.X", "title": "一种输送装置"}],
    )
    dialog = CaseDetailDialog(session_for("admin"), case.id)
    qtbot.addWidget(dialog)
    before = CaseEvent.select().where(CaseEvent.case == case).count()
    assert dialog.timeline.choose("note")
    type_into(qtbot, dialog.timeline.day, text)
    dialog.timeline.note.setText("电话联系当事人")
    want = expected(text, date(2000, 1, 1), TODAY)
    added = dialog.timeline.add()
    events = CaseEvent.select().where(CaseEvent.case == case)
    if want is None:
        assert added is False and refused(dialog.timeline.day) and events.count() == before
    else:
        assert added is True and events.order_by(CaseEvent.id.desc()).first().happened_on == want


def test_a_future_year_is_kept_and_explained_not_dropped(qtbot):
    field = DateField(None, dates.HAPPENED, label="事件日期")
    qtbot.addWidget(field)
    typed = f"{TODAY.year + 1}-01-15"
    type_into(qtbot, field, typed)
    assert field.check() is False and field.text() == typed
    assert f"不能晚于 {TODAY.isoformat()}" in field.error.text() and "事件日期" in field.error.text()


def test_empty_optional_field_and_calendar_opening_month(qtbot):
    field = DateField(None, dates.PAST, label="成立日期", optional=True)
    qtbot.addWidget(field)
    assert field.text() == "" and field.value() is None and field.check()
    field._prepare_calendar()  # the pop-up's set-up: an empty field opens at today, never at 1899
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (TODAY.year, TODAY.month)
    field.set_date(date(2011, 5, 20))
    field._prepare_calendar()
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (2011, 5)
    field.calendar.clicked.emit(field.calendar.selectedDate().addDays(3))
    assert field.text() == "2011-05-23" and field.value() == date(2011, 5, 23)
