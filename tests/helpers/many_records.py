"""Many enterprises, list entries, applications, visits and follow-ups written straight into the tables
(fixtures may write directly), for the lists that must cost the same number of queries at any length."""

from __future__ import annotations

from datetime import date, timedelta

from app.models import Application, District, Enterprise, FollowUp, ListEntry, Round, Visit
from app.services.applications.form_data import ApplicationForm
from app.services.core.bulk import insert_rows


def first_district() -> District:
    return District.select().order_by(District.id).first()


def add_enterprises(count: int, first: int = 0, district: District | None = None) -> list[int]:
    """`count` enterprises of the district (the first one by default), their ids in name order."""
    district = district or first_district()
    numbers = range(first, first + count)
    names = [f"批量企业{n:05d}" for n in numbers]
    insert_rows(Enterprise, [{"uscc": f"91150600MB{n:07d}X", "name": f"批量企业{n:05d}",
                              "name_key": f"批量企业{n:05d}", "district": district.id} for n in numbers])  # fmt: skip
    found = dict(Enterprise.select(Enterprise.name, Enterprise.id).where(Enterprise.name.in_(names)).tuples())
    return [found[name] for name in names]


def add_entries(enterprise_ids: list[int], today: date) -> None:
    """Each enterprise on the list, listed in turn on the days before `today`; every third one suspended."""
    insert_rows(ListEntry, [
        {"enterprise": e, "listed_on": today - timedelta(days=n), "next_review_on": today + timedelta(days=n),
         "status": "suspended" if n % 3 == 2 else "listed", "basis": '["invention_patents"]'}
        for n, e in enumerate(enterprise_ids)
    ])  # fmt: skip


def add_applications(enterprise_ids: list[int], year: int) -> None:
    """A submitted application of the year's round for each enterprise."""
    round_ = Round.get_or_none(Round.year == year) or Round.create(
        year=year, deadline=date(year, 6, 30), quota_min=1, quota_max=5
    )
    form = ApplicationForm().to_json()
    insert_rows(Application, [{"enterprise": e, "round": round_.id, "status": "submitted", "form": form}
                              for e in enterprise_ids])  # fmt: skip


def add_visits(enterprise_ids: list[int], today: date) -> None:
    """A visit to each enterprise on the days before `today`, with one follow-up item due `n` days after."""
    insert_rows(Visit, [{"enterprise": e, "visited_on": today - timedelta(days=n), "officers": f"走访人{n}",
                         "topics": f"走访{n}"} for n, e in enumerate(enterprise_ids)])  # fmt: skip
    visits = dict(Visit.select(Visit.enterprise, Visit.id).where(Visit.enterprise.in_(enterprise_ids)).tuples())
    insert_rows(FollowUp, [{"enterprise": e, "visit": visits[e], "description": f"事项{n}",
                            "due_on": today + timedelta(days=n - 5)} for n, e in enumerate(enterprise_ids)])  # fmt: skip
