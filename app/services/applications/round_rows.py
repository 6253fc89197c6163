"""A round's applications as plain frozen rows for the 申报与审核 page, read in a fixed number of queries.

One query for the applications (with enterprise, district and round), one for the evidence attached to
them; the eligibility thresholds are read once and every verdict is computed from what was read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from app.models import Application, Attachment, District, Enterprise, Round, User
from app.models.applications import APPLICATION_SOURCES, APPLICATION_STATUSES
from app.services.applications import eligibility
from app.services.applications.eligibility_facts import facts_from_form
from app.services.applications.form_data import ApplicationForm
from app.services.applications.forms import list_round
from app.services.core.permissions import require_active, within_districts


@dataclass(frozen=True)
class RoundRow:
    id: int
    enterprise: str
    district: str
    source: str
    source_label: str
    status: str
    status_label: str
    revision: int
    submitted_at: datetime | None
    verdict: eligibility.EligibilityResult


def round_rows(
    actor: User, year: int, district_code: str | None = None, status: str | None = None
) -> list[RoundRow]:
    """The current revision of every application of the round the actor sees, by district and name."""
    found = [a for a in list_round(actor, year, district_code) if not status or a.status == status]
    evidence = _evidence({a.uuid for a in found}, year)
    thresholds = eligibility.thresholds_from_settings()
    return [_row(a, frozenset(evidence.get(a.uuid, ())), thresholds) for a in found]


def applications_by_id(actor: User, ids) -> list[Application]:
    """The chosen applications the actor sees (with enterprise, district and round), in one query."""
    require_active(actor)
    query = (
        Application.select(Application, Enterprise, District, Round)
        .join(Enterprise)
        .join(District)
        .switch(Application)
        .join(Round)
        .where(Application.id.in_(list(ids)))
    )
    order = {i: n for n, i in enumerate(ids)}
    return sorted(within_districts(query, actor, Enterprise.district), key=lambda a: order.get(a.id, 0))


def _evidence(uuids: set[str], year: int) -> dict[str, set[str]]:
    """The evidence keys attached to each of the round's applications, by the application's UUID."""
    if not uuids:
        return {}
    in_round = Application.select(Application.uuid).join(Round).where(Round.year == year)
    query = Attachment.select(Attachment.entity_uuid, Attachment.purpose).where(
        (Attachment.entity == Application._meta.table_name)
        & Attachment.entity_uuid.in_(in_round)
        & Attachment.purpose.startswith("evidence:")
    )
    found: dict[str, set[str]] = defaultdict(set)
    for owner, purpose in query.tuples():
        if owner in uuids:
            found[owner].add(purpose.split(":", 1)[1])
    return found


def _row(application: Application, evidence: frozenset[str], thresholds) -> RoundRow:
    facts = facts_from_form(ApplicationForm.from_json(application.form), evidence)
    return RoundRow(
        id=application.id,
        enterprise=application.enterprise.name,
        district=application.enterprise.district.name,
        source=application.source,
        source_label=APPLICATION_SOURCES.get(application.source, application.source),
        status=application.status,
        status_label=APPLICATION_STATUSES.get(application.status, application.status),
        revision=application.revision,
        submitted_at=application.submitted_at,
        verdict=eligibility.evaluate(facts, thresholds),
    )
