"""A realistic city register for the benchmarks, written fast (executemany through the models' columns).

    python benchmarks/city.py --enterprises 10000 --db /tmp/city.db

`build(path, enterprises)` makes a new database with `enterprises` enterprises spread over the districts
(one or two contacts and a year of holdings each), 1 % of them on the protection list with liaisons, visits
for a fifth of the count with follow-ups for a third of those, cases for a twentieth with timelines that
follow each type's status flow (some suspended, some closed), and 200 applications in the current round,
some recommended. Rows are what the services would write (valid statuses, flows, JSON forms); the audit log
is left out: generated data has no one who did it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.models import (  # noqa: E402
    Application,
    Case,
    CaseEvent,
    CaseParty,
    Contact,
    Enterprise,
    FollowUp,
    IPHolding,
    LiaisonAssignment,
    ListEntry,
    Review,
    Round,
    Visit,
)
from app.models.cases import CASE_SOURCES, CASE_TYPES  # noqa: E402
from app.models.db import database  # noqa: E402
from app.services.applications.form_data import CRITERIA, ApplicationForm  # noqa: E402
from app.services.cases import rules as case_rules  # noqa: E402
from app.services.core import reference, settings  # noqa: E402
from app.services.core.bulk import insert_rows  # noqa: E402
from app.services.system import database as setup  # noqa: E402
from app.services.system.demo import _FORMS, _PLACES, _TRADES, _mobile, _person, make_uscc  # noqa: E402
from app.text import name_key  # noqa: E402

PASSWORD = "benchpass123"
CHUNK = 20_000


def build(path: Path, enterprises: int, seed: int = 15, today: date | None = None):
    """A new database at `path` filled as the module says; returns the administrator."""
    rng = random.Random(seed)
    today = today or date.today()
    admin = setup.initialise(path, PASSWORD).admin
    districts = reference.districts()
    with database.atomic():
        ids = _enterprises(rng, enterprises, districts)
        _contacts_and_holdings(rng, ids, today)
        listed = _list_entries(rng, ids, today, admin.id)
        _visits(rng, ids, listed, enterprises // 5, today, admin.id)
        _cases(rng, ids, listed, enterprises // 20, districts, today, admin.id)
        _applications(rng, ids, listed, today, admin.id)
    return admin


def _chunks(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        insert_rows(model, rows[start:start + CHUNK])


def _ids(model) -> list[int]:
    return [i for (i,) in model.select(model.id).order_by(model.id).tuples()]


def _enterprises(rng: random.Random, count: int, districts) -> list[tuple[int, int]]:
    """(id, district id) of `count` new enterprises, with unique USCCs and names."""
    trades, rows, codes = list(_TRADES), [], set()
    for i in range(count):
        trade = rng.choice(trades)
        district = districts[i % len(districts)]
        section, division, products = _TRADES[trade]
        name = f"鄂尔多斯市{rng.choice(_PLACES)}{rng.choice(_PLACES)}{trade}{i}{rng.choice(_FORMS)}"
        code = make_uscc(rng, district.code)
        while code in codes:
            code = make_uscc(rng, district.code)
        codes.add(code)
        rows.append({"uscc": code, "name": name, "name_key": name_key(name), "district": district.id,
                     "registered_address": f"{district.name}{rng.choice(_PLACES)}路{rng.randint(1, 300)}号",
                     "legal_representative": _person(rng), "industry_section": section,
                     "industry_division": division, "main_products": products,
                     "size": rng.choice(("微型", "小型", "中型", "大型"))})  # fmt: skip
    _chunks(Enterprise, rows)
    return list(Enterprise.select(Enterprise.id, Enterprise.district).order_by(Enterprise.id).tuples())


def _contacts_and_holdings(rng: random.Random, ids, today: date) -> None:
    contacts, holdings = [], []
    for ent_id, _district in ids:
        for n in range(rng.choice((1, 1, 2))):
            contacts.append({"enterprise": ent_id, "name": _person(rng), "post": ("总经理", "知识产权专员")[n],
                             "mobile": _mobile(rng), "is_primary": n == 0})  # fmt: skip
        holdings.append({"enterprise": ent_id, "year": today.year - 1,
                         "invention_patents": rng.choice((0, 0, 1, 3, 12)), "utility_models": rng.randint(0, 20),
                         "designs": rng.randint(0, 3), "trademarks_domestic": rng.randint(0, 60)})  # fmt: skip
    _chunks(Contact, contacts)
    _chunks(IPHolding, holdings)


def _list_entries(rng: random.Random, ids, today: date, officer: int) -> list[int]:
    """1 % of the enterprises (at least 20) on the list, most with a current liaison; their ids."""
    chosen = rng.sample([i for i, _ in ids], max(20, len(ids) // 100))
    keys = list(CRITERIA)
    entries, liaisons = [], []
    for ent_id in chosen:
        listed_on = today - timedelta(days=rng.randint(30, 700))
        status = rng.choice(("listed", "listed", "listed", "renewed", "suspended"))
        entries.append({"enterprise": ent_id, "listed_on": listed_on,
                        "basis": json.dumps(rng.sample(keys, rng.randint(1, 2))),
                        "next_review_on": listed_on + timedelta(days=730), "status": status})  # fmt: skip
        if rng.random() < 0.8:
            liaisons.append({"enterprise": ent_id, "officer": officer, "start_on": listed_on})
    _chunks(ListEntry, entries)
    _chunks(LiaisonAssignment, liaisons)
    return chosen


def _visits(rng: random.Random, ids, listed: list[int], count: int, today: date, officer: int) -> None:
    """`count` visits over two years, half of them to listed enterprises; a third with a follow-up item."""
    everyone = [i for i, _ in ids]
    rows = []
    for _ in range(count):
        ent_id = rng.choice(listed) if rng.random() < 0.5 else rng.choice(everyone)
        rows.append({"enterprise": ent_id, "visited_on": today - timedelta(days=rng.randint(0, 730)),
                     "officers": _person(rng), "people_met": _person(rng), "topics": "知识产权保护需求",
                     "recorded_by": officer})  # fmt: skip
    _chunks(Visit, rows)
    visits = list(Visit.select(Visit.id, Visit.enterprise, Visit.visited_on).order_by(Visit.id).tuples())
    followups = []
    for visit_id, ent_id, visited_on in visits[::3]:
        due = visited_on + timedelta(days=rng.choice((15, 30, 60)))
        done = rng.random() < 0.6
        followups.append({"enterprise": ent_id, "visit": visit_id, "description": "协助办理专利质押融资",
                          "owner": officer, "due_on": due, "status": "done" if done else "open",
                          "resolution": "已办结" if done else "", "closed_on": due if done else None})  # fmt: skip
    _chunks(FollowUp, followups)


def _timeline(rng: random.Random, case_type: str, source: str, received: date, today: date):
    """(status, closed_on, events) of a case received on `received`, walking its type's flow."""
    flow = case_rules.flow_of(case_type)
    status, day = case_rules.initial_status(case_type), received
    events, closed_on, suspended = [(received, "received")], None, False
    if source == "complaint" and rng.random() < 0.5:
        events.append((received + timedelta(days=rng.randint(1, 6)), "accepted"))
    for _ in range(rng.randint(0, 8)):
        nexts = flow.get(status, ())
        step = day + timedelta(days=rng.randint(2, 40))
        if not nexts or step > today:
            break
        if status in case_rules.SUSPENDABLE_FROM and rng.random() < 0.06:
            events.append((step, "suspended"))
            resumed = step + timedelta(days=rng.randint(5, 60))
            if resumed > today or rng.random() < 0.1:
                suspended = True
                break
            events.append((resumed, "resumed"))
            step = resumed
        day, status = step, nexts[0] if rng.random() < 0.85 else rng.choice(nexts)
        events.append((day, status))
        if status == "filed" and case_type in ("trademark", "counterfeit-patent") and rng.random() < 0.7:
            events.append((day + timedelta(days=rng.randint(1, 7)), "reporter_notified"))
        if status in case_rules.FINAL_STATUSES and closed_on is None:
            closed_on = day
    del suspended
    return status, closed_on, events


def _cases(rng: random.Random, ids, listed: list[int], count: int, districts, today: date, actor: int) -> None:
    units = [None, *districts]
    types, sources = list(CASE_TYPES), list(CASE_SOURCES)
    cases, timelines, sequences = [], [], {}
    for i in range(count):
        case_type, source = rng.choice(types), rng.choice(sources)
        received = today - timedelta(days=rng.randint(0, 730))
        unit = rng.choice(units)
        key = (received.year, unit.id if unit else None)
        sequences[key] = sequences.get(key, 0) + 1
        prefix = "鄂市监知" if unit is None else f"{unit.short_name}市监知"
        status, closed_on, events = _timeline(rng, case_type, source, received, today)
        cases.append({"number": f"{prefix}〔{received.year}〕{sequences[key]}号", "year": received.year,
                      "sequence": sequences[key], "type": case_type, "summary": f"生成的第{i + 1}件案件",
                      "source": source, "handling_district": unit.id if unit else None, "status": status,
                      "received_on": received, "closed_on": closed_on, "created_by": actor})  # fmt: skip
        timelines.append(events)
    _chunks(Case, cases)
    case_ids = _ids(Case)
    everyone = [i for i, _ in ids]
    parties, rows = [], []
    for case_id, events in zip(case_ids, timelines, strict=True):
        complainant = rng.choice(listed) if rng.random() < 0.2 else rng.choice(everyone)
        parties += [{"case": case_id, "enterprise": complainant, "name": f"请求人{complainant}",
                     "role": "complainant"},
                    {"case": case_id, "name": f"被请求人{case_id}", "role": "respondent"}]  # fmt: skip
        rows += [{"case": case_id, "happened_on": day, "kind": kind, "actor": actor} for day, kind in events]
    _chunks(CaseParty, parties)
    _chunks(CaseEvent, rows)


def _applications(rng: random.Random, ids, listed: list[int], today: date, actor: int) -> None:
    """200 applications in the current round from enterprises not yet listed; a third recommended."""
    year = settings.current_round_year(today)
    month, day = (int(x) for x in settings.get("round.deadline").split("-"))
    insert_rows(Round, [{"year": year, "deadline": date(year, month, day),
                         "quota_min": settings.get("round.quota_min"),
                         "quota_max": settings.get("round.quota_max")}])  # fmt: skip
    round_id = Round.get(Round.year == year).id
    taken = set(listed)
    chosen = rng.sample([i for i, _ in ids if i not in taken], min(200, len(ids) - len(taken)))
    form = ApplicationForm().to_json()
    statuses = ("draft", "submitted", "recommended", "recommended", "under_review", "returned")
    insert_rows(Application, [{"enterprise": ent_id, "round": round_id, "source": "voluntary",
                               "status": rng.choice(statuses), "form": form, "created_by": actor}
                              for ent_id in chosen])  # fmt: skip
    recommended = Application.select(Application.id).where(
        (Application.round == round_id) & Application.status.in_(("recommended", "under_review"))
    )
    insert_rows(Review, [{"kind": "recommendation", "application": app_id, "outcome": "recommended",
                          "opinion": "同意推荐", "decided_on": today, "decided_by": actor}
                         for (app_id,) in recommended.tuples()])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=10_000)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    build(args.db, args.enterprises)
    print(f"{args.enterprises:,} enterprises in {time.perf_counter() - start:.1f} s: {args.db}")


if __name__ == "__main__":
    main()
