"""Dashboard warnings follow the settings: the list target's due date, and the quota only for the current round."""

from datetime import date

from app.services.applications import forms as applications
from app.services.core import settings
from app.services.dashboard import figures as statistics

TODAY = date(2026, 10, 20)  # after the default deadline (10-09) of the 2026 round, nobody recommended yet


def _target_warnings(figures):
    return [w for w in figures["warnings"] if "目标" in w]


def _quota_warnings(figures):
    return [w for w in figures["warnings"] if "本轮仅推荐" in w]


def test_a_fresh_database_opens_without_stale_warnings(empty_db):
    _, admin = empty_db
    figures = statistics.dashboard(admin, today=TODAY)
    assert figures["target_due"] is None and _target_warnings(figures) == []
    # No one has started this year's round: no shortfall to warn about on a new installation …
    assert figures["round"]["year"] == 2026 and _quota_warnings(figures) == []
    # … but once it is opened and past its deadline with no recommendations, that is worth saying.
    applications.round_for(2026, actor=admin)
    figures = statistics.dashboard(admin, today=TODAY)
    assert len(_quota_warnings(figures)) == 10
    # A past round is history: its shortfall is shown in its table but not repeated as a warning.
    assert _quota_warnings(statistics.dashboard(admin, 2025, today=TODAY)) == []


def test_a_past_due_date_warns_only_while_the_target_is_not_met(demo_users):
    admin = demo_users["admin"]
    settings.set_value(admin, "list.target_due", "2026-06-30")
    figures = statistics.dashboard(admin, today=TODAY)
    assert not figures["target_reached"]
    assert _target_warnings(figures) == [f"全市名录企业 {figures['listed_city']} 家，未达到 50 家的目标"]
    settings.set_value(admin, "list.target", figures["listed_city"])  # the target is met: nothing to warn of
    assert _target_warnings(statistics.dashboard(admin, today=TODAY)) == []
    settings.set_values(admin, {"list.target": 50, "list.target_due": "2026-12-31"})  # not yet due
    assert _target_warnings(statistics.dashboard(admin, today=TODAY)) == []


def test_the_current_round_is_a_setting(empty_db):
    _, admin = empty_db
    settings.set_value(admin, "round.year", 2027)
    figures = statistics.dashboard(admin, today=TODAY)
    assert figures["round"]["year"] == 2027 and _quota_warnings(figures) == []  # a year before its deadline
    assert _quota_warnings(statistics.dashboard(admin, 2026, today=TODAY)) == []  # no longer the current one
