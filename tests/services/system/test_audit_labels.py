"""Every action the services write to the audit log has a label in Chinese."""

import re
from pathlib import Path

from app.services.cases import rules as case_rules
from app.services.system.audit_labels import ACTIONS, action_label

SERVICES = Path(__file__).resolve().parents[3] / "app" / "services"


def test_every_literal_action_has_a_label():
    found = set()
    for path in SERVICES.rglob("*.py"):
        found |= set(
            re.findall(r'audit\.record(?:_many)?\(\s*\w+,\s*"([a-z_.]+)"', path.read_text(encoding="utf-8"))
        )
    assert found and found <= set(ACTIONS)


def test_case_events_are_labelled_by_their_kind():
    for kind in (*case_rules.STATUS_LABELS, *case_rules.EVENT_LABELS):
        assert not action_label(f"case.event.{kind}").endswith(kind)
