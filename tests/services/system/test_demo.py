"""The demo data: a register with eligible and ineligible enterprises, and a lively round on top."""

from app.models import Application, AuditLog, Case, Enterprise, FollowUp, User
from app.services.applications import eligibility, eligibility_facts
from app.services.core.validation import is_valid_uscc
from app.services.dashboard import figures as statistics
from app.services.system import database as setup


def test_demo_register(demo_db):
    _, result = demo_db
    ents = list(Enterprise.select())
    assert len(ents) == 40 and all(is_valid_uscc(e.uscc) for e in ents)
    assert len({e.district_id for e in ents}) == 10
    verdicts = [eligibility.evaluate(eligibility_facts.facts_from_enterprise(e)).eligible for e in ents]
    assert 10 < sum(verdicts) < 40
    assert {u.role for u in User.select()} == {"city_admin", "city_reviewer", "district_officer", "viewer"}
    assert set(result.demo_accounts) == {"shenhe", "dongsheng", "dalate", "chakan"}


def test_demo_activity_tells_a_consistent_story(tmp_path):
    result = setup.initialise(tmp_path / "a.db", "adminpass123", demo=True, activity=True)
    figures = statistics.dashboard(result.admin)
    assert figures["listed"] == 10 and figures["pending_reports"] and figures["followups_overdue"]
    assert Application.select().where(Application.status == "submitted").exists()
    assert Case.select().where(Case.important).count() == 1
    assert FollowUp.select().where(FollowUp.status == "done").count() == 1
    assert AuditLog.select().where(AuditLog.action == "list.add").count() == 10
