"""The district quota holds when two PCs recommend at once: two connections (threads) race for the last free
place; exactly one wins and the other is told the quota is full. SQLite serialises the two write transactions
(BEGIN IMMEDIATE); PostgreSQL takes the round's and district's quota lock before counting."""

import random
import threading
from datetime import date

import pytest

from app.models import Application, Review, Round
from app.models import db as dbmod
from app.services.accounts import users
from app.services.applications import decisions
from app.services.applications import forms as applications
from app.services.core.errors import DomainError
from app.services.core.permissions import Role
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.system import database as setup
from app.services.system.demo import make_uscc
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import pg as test_pg

YEAR, BEFORE = 2026, date(2026, 9, 20)


def _submitted(admin, n, rng):
    data = {"name": f"东胜测试企业{n}号", "uscc": make_uscc(rng, "150602"), "kind": "enterprise",
            "district": "150602"}  # fmt: skip
    ent = enterprises.create(admin, data).enterprise
    enterprise_records.save_holding(admin, ent.id, 2025, {"invention_patents": 12})
    enterprise_records.save_contact(admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True})
    return applications.submit(admin, applications.new_draft(admin, ent.id, YEAR).id)


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_two_pcs_recommending_the_last_free_place_one_wins(engine, tmp_path):
    location = test_pg.new_database("quota") if engine == "postgres" else tmp_path / "quota.db"
    admin = setup.initialise(location, ADMIN_PASSWORD).admin
    other = users.create_user(admin, "wangfang", "王芳", Role.CITY_ADMIN, "Wangfang-pass-123")
    rng = random.Random(3)
    first, second, third = (_submitted(admin, n, rng) for n in range(3))
    decisions.recommend(admin, first.id, "同意推荐", on=BEFORE)
    Round.update(quota_max=2).where(Round.id == first.round_id).execute()  # one place left

    outcomes, start = {}, threading.Barrier(2)

    def pc(actor, application):
        try:
            start.wait()
            decisions.recommend(actor, application.id, "同意推荐", on=BEFORE)
            outcomes[actor.login] = "recommended"
        except DomainError as exc:
            outcomes[actor.login] = str(exc)
        finally:
            dbmod.database.close()

    threads = [threading.Thread(target=pc, args=args) for args in ((admin, second), (other, third))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        won = [login for login, outcome in outcomes.items() if outcome == "recommended"]
        assert len(won) == 1 and len(outcomes) == 2
        refused = next(outcome for outcome in outcomes.values() if outcome != "recommended")
        assert refused == "东胜区2026 年度已推荐 2 家，达到上限 2 家"
        recommended = Review.select().where(Review.kind == "recommendation").count()
        assert recommended == 2
        statuses = sorted(a.status for a in Application.select().where(Application.id.in_([second.id, third.id])))
        assert statuses == ["recommended", "submitted"]
    finally:
        dbmod.close()
