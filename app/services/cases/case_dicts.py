"""Plain dictionaries of cases for JSON output, exports and printing.

`case_dict` reads one case; `case_dicts` reads every case of a list in a fixed number of queries (the cases,
their parties, rights, timelines and reports, and which party enterprises are listed), whatever its length.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from app.models import Case, CaseEvent, CaseParty, CaseRight, CityReport, ListEntry, User
from app.models.cases import CASE_CHANNELS, CASE_OUTCOMES, CASE_SOURCES, CASE_TYPES, PARTY_ROLES
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.cases import handling as cases
from app.services.cases import rules as case_rules
from app.services.cases.workdays import Calendar
from app.services.core.permissions import within_districts


def case_dict(case: Case, today: date | None = None) -> dict:
    parties = list(case.parties.order_by(CaseParty.id))
    return _dict(
        case, parties, list(case.rights.order_by(CaseRight.id)), list(case.events.order_by(CaseEvent.id)),
        cases.report_of(case), _listed({p.enterprise_id for p in parties}), Calendar(), today,
    )  # fmt: skip


def case_dicts(actor: User, *, overdue_only: bool = False, today: date | None = None) -> list[dict]:
    """Every case the actor sees, newest first, each as `case_dict` gives it."""
    today = today or date.today()
    found = cases.list_cases(actor, overdue_only=overdue_only, today=today)
    visible = within_districts(Case.select(Case.id), actor, Case.handling_district)
    parties = _by_case(CaseParty, visible)
    rights = _by_case(CaseRight, visible)
    events = _by_case(CaseEvent, visible)
    reports = {r.case_id: r for r in CityReport.select().where(CityReport.case.in_(visible))}
    listed = _listed(CaseParty.select(CaseParty.enterprise).where(CaseParty.case.in_(visible)))
    overrides, deadline_rules = Calendar().overrides, case_rules.rules()
    return [
        _dict(c, parties[c.id], rights[c.id], events[c.id], reports.get(c.id), listed,
              Calendar(overrides=overrides), today, deadline_rules)  # a calendar each: its warnings are the case's
        for c in found
    ]  # fmt: skip


def _by_case(model, visible) -> defaultdict[int, list]:
    """The child rows of every visible case, in the order they were entered."""
    grouped: defaultdict[int, list] = defaultdict(list)
    for row in model.select().where(model.case.in_(visible)).order_by(model.id):
        grouped[row.case_id].append(row)
    return grouped


def _listed(enterprise_ids) -> set[int]:
    """Those of the enterprises (ids, or a query selecting them) on the protection list now."""
    wanted = enterprise_ids
    if isinstance(enterprise_ids, set):
        wanted = [e for e in enterprise_ids if e is not None]
        if not wanted:
            return set()
    query = ListEntry.select(ListEntry.enterprise).where(
        ListEntry.status.in_(ACTIVE_ENTRY_STATUSES) & ListEntry.enterprise.in_(wanted)
    )
    return {enterprise_id for (enterprise_id,) in query.tuples()}


def _dict(case: Case, parties: list, rights: list, events: list, report: CityReport | None, listed: set[int],
          calendar: Calendar, today: date | None, deadline_rules: list[dict] | None = None) -> dict:  # fmt: skip
    found = case_rules.compute_clocks(
        case.type, case.source, [(e.happened_on, e.kind) for e in events], today or date.today(), calendar,
        deadline_rules,
    )  # fmt: skip
    warnings = calendar.warnings()
    data = {
        "id": case.id,
        "uuid": case.uuid,
        "number": case.number,
        "type": case.type,
        "type_label": CASE_TYPES[case.type],
        "summary": case.summary,
        "source": case.source,
        "source_label": CASE_SOURCES.get(case.source, case.source),
        "handling": case.handling_district.name if case.handling_district_id else "市局",
        "officers": case.officers,
        "channel": case.channel,
        "channel_label": CASE_CHANNELS.get(case.channel, ""),
        "important": case.important,
        "important_note": case.important_note,
        "status": case.status,
        "status_label": case_rules.STATUS_LABELS[case.status],
        "received_on": case.received_on.isoformat(),
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "outcome": case.outcome,
        "outcome_label": CASE_OUTCOMES.get(case.outcome, ""),
        "penalty_amount": str(case.penalty_amount) if case.penalty_amount is not None else None,
        "parties": [
            {
                "name": p.name,
                "id_code": p.id_code,
                "role": p.role,
                "role_label": PARTY_ROLES[p.role],
                "key_enterprise": p.enterprise_id in listed,
            }
            for p in parties
        ],  # fmt: skip
        "rights": [{"kind": r.kind, "number": r.number, "title": r.title} for r in rights],
        "timeline": [
            {
                "date": e.happened_on.isoformat(),
                "kind": e.kind,
                "label": event_label(e.kind, case.type),
                "note": e.note,
            }
            for e in sorted(events, key=lambda e: (e.happened_on, e.id))
        ],
        "clocks": [c.to_dict() for c in found],
        "warnings": warnings,
    }
    if report is not None:
        data["report"] = {
            "reported_on": report.reported_on.isoformat(),
            "acknowledged": report.acknowledged_on is not None,
            "acknowledged_on": report.acknowledged_on.isoformat() if report.acknowledged_on else None,
            "note": report.note,
        }
    return data


def event_label(kind: str, case_type: str | None = None) -> str:
    if kind == "received" and case_type and case_rules.initial_status(case_type) == "lead":
        return "收到线索"  # penalty cases begin as a lead, not as a request
    return case_rules.STATUS_LABELS.get(kind) or case_rules.EVENT_LABELS.get(kind, kind)
