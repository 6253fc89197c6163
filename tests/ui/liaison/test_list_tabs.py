"""联络走访's lists (跟进清单, 走访记录, 需要关注): the same queries for 1 or 50 records, order and selection kept."""

from datetime import date

import pytest

from app.models import LiaisonAssignment
from app.ui.liaison.attention_tab import AttentionTab
from app.ui.liaison.checklist_tab import ChecklistTab
from app.ui.liaison.visits_tab import ALL, MINE, VisitsTab
from app.ui.session import Session
from app.ui.tables import select_key
from tests.helpers.many_cases import queries_before_and_after
from tests.helpers.many_records import add_enterprises, add_entries, add_visits
from tests.helpers.tables import column_texts

TODAY = date.today()


@pytest.fixture
def grow(empty_db):
    """Adds listed, visited enterprises; the admin is liaison for every other one."""
    _, admin = empty_db

    def add(count: int, first: int) -> None:
        ids = add_enterprises(count, first=first)
        add_entries(ids, TODAY)
        add_visits(ids, TODAY)
        LiaisonAssignment.insert_many(
            [{"enterprise": e, "officer": admin, "start_on": TODAY} for e in ids[::2]]
        ).execute()

    return add


def _queries_of_loads(qtbot, tab, grow, monkeypatch) -> tuple[int, int]:
    """Queries of one load with one record, then with fifty."""
    qtbot.addWidget(tab)
    return queries_before_and_after(monkeypatch, tab.load, lambda: grow(49, first=1))


def test_visits_tab(qtbot, empty_db, grow, monkeypatch):
    path, admin = empty_db
    grow(1, first=0)
    tab = VisitsTab(Session(admin, path))
    tab.picker.combo.setCurrentIndex(tab.picker.combo.findData(ALL))
    few, many = _queries_of_loads(qtbot, tab, grow, monkeypatch)
    assert many == few <= 4 and tab.model.rowCount() == 50 and tab.note.text() == "共 50 次走访"
    days = column_texts(tab.table, 0)
    assert days == sorted(days, reverse=True)  # newest first
    chosen = tab.model.row_at(7)
    assert select_key(tab.table, chosen.id) and tab.open_button.isEnabled()
    tab.load()
    assert tab.model.row_at(7) == chosen and column_texts(tab.table, 6) == ["1"] * 50
    tab.picker.combo.setCurrentIndex(tab.picker.combo.findData(MINE))
    assert tab.model.rowCount() == 26  # 1 + 25 of the 49


def test_checklist_tab(qtbot, empty_db, grow, monkeypatch):
    path, admin = empty_db
    grow(1, first=0)
    tab = ChecklistTab(Session(admin, path))
    few, many = _queries_of_loads(qtbot, tab, grow, monkeypatch)
    assert many == few <= 4 and tab.model.rowCount() == 50
    assert tab.overdue_count == 6 and tab.overdue_label.text() == "逾期 6 项"  # due 5..1 days ago, in each batch
    due = column_texts(tab.table, 0)
    assert due == sorted(due)
    chosen = tab.model.row_at(10)
    select_key(tab.table, chosen.id)
    assert tab.selected() == chosen and tab.status_button.isEnabled() and tab.visit_button.isEnabled()


def test_attention_tab(qtbot, empty_db, grow, monkeypatch):
    path, admin = empty_db
    grow(1, first=0)
    tab = AttentionTab(Session(admin, path))
    assert tab.model.rowCount() == 0
    few, many = _queries_of_loads(qtbot, tab, grow, monkeypatch)
    assert many == few <= 5 and tab.model.rowCount() == 16 == len(tab.rows)
    assert set(column_texts(tab.table, 3)) == {"未指定联络人"}
    chosen = tab.rows[3]
    assert select_key(tab.table, chosen.enterprise_id) and tab.assign_button.isEnabled()
