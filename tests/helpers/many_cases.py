"""Thousands of cases written straight into the tables (fixtures may write directly), and a query counter.

The cases mix types, sources, handling units, parties (some of them listed enterprises) and timelines, so a
list built from them exercises every clock rule; the counter counts the SQL statements peewee sends, from
any thread.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

from peewee import SqliteDatabase

from app.models import Case, CaseEvent, CaseParty, District, Enterprise, ListEntry
from app.models.cases import CASE_TYPES
from app.models.db import database
from app.services.cases import rules as case_rules
from app.services.core.bulk import insert_rows


def listed_enterprise() -> Enterprise:
    """One enterprise on the protection list."""
    district = District.select().order_by(District.id).first()
    ent = Enterprise.create(uscc="91150600MA0000001X", name="批量测试重点企业", name_key="批量测试重点企业",
                            district=district)  # fmt: skip
    ListEntry.create(enterprise=ent, listed_on=date(2025, 1, 10), next_review_on=date(2027, 1, 10))
    return ent


def add_cases(count: int, enterprise: Enterprise | None = None, first: int = 0) -> None:
    """`count` cases numbered from `first`, each with two parties and a timeline of one to four events."""
    units = [None, *District.select().order_by(District.id).limit(3)]
    types = list(CASE_TYPES)
    today = date.today()
    cases = []
    for i in range(first, first + count):
        kind, received = types[i % len(types)], today - timedelta(days=i % 240)
        cases.append({"number": f"批量〔{received.year}〕{i}号", "year": received.year, "sequence": i + 1,
                      "type": kind, "summary": "批量生成的案件", "source": ("complaint", "inspection")[i % 2],
                      "handling_district": units[i % len(units)], "important": i % 7 == 0,
                      "status": case_rules.initial_status(kind), "received_on": received,
                      "closed_on": received + timedelta(days=20) if i % 5 == 0 else None})  # fmt: skip
    with database.atomic():
        insert_rows(Case, cases)
        ids = dict(Case.select(Case.number, Case.id).where(Case.sequence > first).tuples())
        parties, events = [], []
        for i, case in enumerate(cases, start=first):
            case_id, received = ids[case["number"]], case["received_on"]
            listed = enterprise if enterprise is not None and i % 3 == 0 else None
            parties += [
                {"case": case_id, "enterprise": listed, "name": listed.name if listed else f"请求人{i}",
                 "role": "complainant"},
                {"case": case_id, "name": f"被请求人{i}", "role": "respondent"},
            ]  # fmt: skip
            events.append({"case": case_id, "happened_on": received, "kind": "received"})
            if i % 4:
                events.append({"case": case_id, "happened_on": received + timedelta(days=2), "kind": "filed"})
            if i % 4 == 2:
                events.append({"case": case_id, "happened_on": received + timedelta(days=5), "kind": "suspended"})
                events.append({"case": case_id, "happened_on": received + timedelta(days=9), "kind": "resumed"})
        insert_rows(CaseParty, parties)
        insert_rows(CaseEvent, events)


class QueryCounter:
    """Counts the statements sent through the database's execute_sql while active, in every thread.

    `every_database` counts for any SQLite database opened meanwhile too (a CLI run opens its own).
    """

    def __init__(self, monkeypatch, every_database: bool = False):
        self.statements: list[tuple[int, str]] = []  # (thread id, SQL)
        lock = threading.Lock()

        def note(sql) -> None:
            with lock:
                self.statements.append((threading.get_ident(), sql))

        if every_database:
            original_method = SqliteDatabase.execute_sql

            def counting_method(db, sql, params=None, *args, **kwargs):
                note(sql)
                return original_method(db, sql, params, *args, **kwargs)

            monkeypatch.setattr(SqliteDatabase, "execute_sql", counting_method)
            return
        db = database.obj
        original = db.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            note(sql)
            return original(sql, params, *args, **kwargs)

        monkeypatch.setattr(db, "execute_sql", counting)

    def reset(self) -> None:
        self.statements.clear()

    @property
    def count(self) -> int:
        return len(self.statements)


def queries_before_and_after(monkeypatch, action, grow) -> tuple[int, int]:
    """The statements `action()` sends, then the statements it sends again once `grow()` has added records."""
    counter = QueryCounter(monkeypatch)
    action()
    few = counter.count
    grow()
    counter.reset()
    action()
    return few, counter.count
