"""Plain dictionaries of cases for JSON output, exports and printing."""

from __future__ import annotations

from datetime import date

from app.models import Case
from app.models.cases import CASE_CHANNELS, CASE_OUTCOMES, CASE_SOURCES, CASE_TYPES, PARTY_ROLES
from app.services.cases import handling as cases
from app.services.cases import rules as case_rules


def case_dict(case: Case, today: date | None = None) -> dict:
    found, warnings = cases.clocks(case, today)
    report = cases.report_of(case)
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
                "key_enterprise": cases.is_listed(p.enterprise),
            }
            for p in case.parties
        ],  # fmt: skip
        "rights": [{"kind": r.kind, "number": r.number, "title": r.title} for r in case.rights],
        "timeline": [
            {
                "date": e.happened_on.isoformat(),
                "kind": e.kind,
                "label": event_label(e.kind, case.type),
                "note": e.note,
            }
            for e in case.events.order_by(case.events.model.happened_on, case.events.model.id)
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
