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


def test_demo_passwords_are_not_stored_and_the_accounts_share_the_documented_one(demo_db):
    from app.models import Setting
    from app.services.accounts import users as accounts
    from app.services.core import settings
    from app.services.system.demo import DEMO_PASSWORD

    _, result = demo_db
    assert set(result.demo_accounts.values()) == {DEMO_PASSWORD}
    assert settings.get("demo.logins") == ["shenhe", "dongsheng", "dalate", "chakan"]
    assert Setting.get_or_none(Setting.key == "demo.accounts") is None
    stored = " ".join(f"{s.value}" for s in Setting.select()) + " ".join(
        f"{e.before} {e.after}" for e in AuditLog.select()
    )
    assert DEMO_PASSWORD not in stored
    assert accounts.login("chakan", DEMO_PASSWORD).login == "chakan"


def test_a_pre_v8_demo_database_loses_its_plain_text_passwords_on_upgrade(tmp_path):
    import json
    import sqlite3
    from pathlib import Path

    from app.models import Setting
    from app.services.accounts import users as accounts
    from app.services.core import settings
    from app.services.system.demo import DEMO_PASSWORD

    fixture = Path(__file__).parents[2] / "models" / "fixtures" / "register_v7.sql"
    path = tmp_path / "old-demo.db"
    conn = sqlite3.connect(path)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.execute(
        "INSERT INTO setting (uuid, created_at, updated_at, row_version, key, value) VALUES "
        "('legacy-demo', '2025-01-01', '2025-01-01', 1, 'demo.accounts', ?)",
        (json.dumps({"user.login 第2条": "Plain-Text-9"}),),
    )
    conn.commit()
    conn.close()

    setup.open_register(path)
    assert Setting.get_or_none(Setting.key == "demo.accounts") is None
    assert settings.get("demo.logins") == ["user.login 第2条"]
    assert accounts.login("user.login 第2条", DEMO_PASSWORD).password_hash.startswith("$argon2id$")
    assert "Plain-Text-9" not in " ".join(f"{e.before} {e.after}" for e in AuditLog.select())
