"""Shared set-up for the liaison window tests: demo enterprises by district and follow-ups made through services."""

from datetime import date, timedelta

from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.liaison import visits
from app.services.liaison.visits import NewFollowUp

DONGSHENG = "150602"


def enterprise_in(user, code: str = DONGSHENG, index: int = 0) -> int:
    return search_ids(user, EnterpriseQuery(district_code=code))[index]


def visit_with_items(user, enterprise_id: int, *items: tuple[str, date | None]) -> object:
    """A visit whose follow-ups have the given descriptions and due dates, owned by `user`."""
    return visits.record_visit(
        user, enterprise_id,
        {"visited_on": date.today() - timedelta(days=60), "notes": "例行走访", "problems": "；".join(d for d, _ in items)},
        [NewFollowUp(description, due, user) for description, due in items],
    )  # fmt: skip
