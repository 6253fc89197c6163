"""Which timeline events and case actions each role is offered (cases.allowed), and that add_event agrees."""

import pytest

from app.services.cases import handling as cases
from app.services.core.errors import DomainError, NotFound


def _trademark(officer):
    return cases.create_case(
        officer, {"type": "trademark", "summary": "商标侵权"}, [{"name": "甲公司", "role": "complainant"}]
    )


def test_the_offered_events_are_exactly_the_ones_add_event_accepts(demo_users):
    officer = demo_users["dongsheng"]
    case = _trademark(officer)
    offered = cases.allowed(officer, case)
    assert offered.edit and offered.steps == 2
    assert [k for k, _ in offered.events[: offered.steps]] == ["verification", "dismissed"]
    kinds = {k for k, _ in offered.events}
    assert "resumed" not in kinds and "suspended" not in kinds  # a lead cannot be suspended
    for kind in ("decision", "resumed", "suspended"):
        with pytest.raises(DomainError):
            cases.add_event(officer, case.id, kind, "2026-03-01")
    cases.add_event(officer, case.id, "verification", "2026-03-01")
    cases.add_event(officer, case.id, "filed", "2026-03-02")
    cases.add_event(officer, case.id, "suspended", "2026-03-03")
    offered = cases.allowed(officer, cases.get(officer, case.id))
    kinds = [k for k, _ in offered.events]
    assert (
        offered.steps == 0
        and "resumed" in kinds
        and "suspended" not in kinds
        and "investigation" not in kinds
    )


def test_roles_see_their_own_buttons(demo_users):
    officer, admin, viewer = demo_users["dongsheng"], demo_users["admin"], demo_users["chakan"]
    case = _trademark(officer)
    city = cases.allowed(admin, case)
    assert city.edit and city.consult and not city.clear_important and not city.acknowledge
    seen = cases.allowed(viewer, case)
    assert not seen.edit and seen.events == () and not seen.consult
    with pytest.raises(
        NotFound, match=f"没有编号为 {case.id} 的案件"
    ):  # another district: not even "forbidden"
        cases.get(demo_users["dalate"], case.id)
