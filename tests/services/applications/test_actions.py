"""What each role may do with an application, asked of the service (actions.allowed / next_step), on a real DB."""

import random
from datetime import date

import pytest

from app.models import Application
from app.services.applications import actions
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.core.errors import DomainError, NotFound, PermissionDenied
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.system.demo import make_uscc

YEAR, BEFORE = 2026, date(2026, 9, 20)
ROLES = ("admin", "shenhe", "dongsheng", "chakan")


def _submitted(admin, code="150602", n=0):
    rng = random.Random(31 + n)
    data = {
        "name": f"{code}规则测试企业{n}号",
        "uscc": make_uscc(rng, code),
        "kind": "enterprise",
        "district": code,
    }
    ent = enterprises.create(admin, data).enterprise
    enterprise_records.save_holding(admin, ent.id, 2025, {"invention_patents": 12})
    enterprise_records.save_contact(
        admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True}
    )
    draft = applications.new_draft(admin, ent.id, YEAR)
    return draft, applications.submit(admin, draft.id)


def _allowed(users, application):
    fresh = Application.get_by_id(application.id)
    return {login: actions.allowed(users[login], fresh) for login in ROLES}


def test_each_role_is_offered_exactly_the_steps_the_services_accept(demo_users):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    draft = applications.new_draft(admin, _submitted(admin)[1].enterprise_id, YEAR + 1)
    may = _allowed(demo_users, draft)
    assert may["dongsheng"] == {actions.EDIT, actions.SUBMIT, actions.ATTACH_SCAN, actions.PRINT}
    assert may["shenhe"] == may["dongsheng"] and may["chakan"] == {actions.PRINT}
    assert actions.next_step(officer, draft) == "填写完整后提交。"
    assert actions.next_step(demo_users["chakan"], draft) == "待企业所在旗区填写并提交。"

    _, submitted = _submitted(admin, n=1)
    may = _allowed(demo_users, submitted)
    assert actions.RECOMMEND in may["dongsheng"] and actions.RECOMMEND_LATE not in may["dongsheng"]
    assert {actions.RECOMMEND, actions.RECOMMEND_LATE} <= may["admin"]
    assert actions.RECOMMEND not in may["shenhe"] and actions.DECIDE not in may["shenhe"]
    assert actions.EDIT not in may["dongsheng"] and actions.REVISE in may["dongsheng"]
    assert may["chakan"] == {actions.PRINT}
    # What allowed() withholds, the service refuses.
    with pytest.raises(PermissionDenied):
        review.recommend(demo_users["shenhe"], submitted.id, "审核员不推荐", on=BEFORE)
    with pytest.raises(DomainError):
        review.decide(demo_users["shenhe"], submitted.id, "approve", "未推荐")

    review.recommend(officer, submitted.id, "同意推荐", on=BEFORE)
    may = _allowed(demo_users, submitted)
    assert {actions.START_REVIEW, actions.DECIDE} <= may["shenhe"] and actions.DECIDE in may["admin"]
    assert actions.RECOMMEND not in may["dongsheng"] and actions.DECIDE not in may["dongsheng"]
    assert actions.next_step(officer, Application.get_by_id(submitted.id)) == "已推荐，待市局审核。"

    review.decide(demo_users["shenhe"], submitted.id, "return", "请补充证明材料")
    may = _allowed(demo_users, submitted)
    assert actions.REVISE in may["dongsheng"] and actions.DECIDE not in may["shenhe"]
    assert "请更正" in actions.next_step(officer, Application.get_by_id(submitted.id))
    revised = applications.revise(officer, submitted.id)
    old = _allowed(demo_users, submitted)
    assert all(m <= {actions.PRINT} for m in old.values())  # a superseded revision is read-only for all
    with pytest.raises(DomainError, match="旧版本"):
        applications.attach(officer, submitted.id, __file__, applications.SCAN)
    assert actions.EDIT in _allowed(demo_users, revised)["dongsheng"]


def test_another_district_may_do_nothing_and_cannot_see_it(demo_users):
    admin, dalate = demo_users["admin"], demo_users["dalate"]
    _, submitted = _submitted(admin, n=2)
    assert actions.allowed(dalate, submitted) <= {actions.PRINT}
    assert actions.RECOMMEND not in actions.allowed(dalate, submitted)
    with pytest.raises(NotFound, match=f"没有编号为 {submitted.id} 的申报表") as refused:
        applications.get(dalate, submitted.id)
    assert submitted.enterprise.name not in str(refused.value)


def test_direct_entries_are_decidable_without_a_recommendation(demo_users):
    admin = demo_users["admin"]
    _, submitted = _submitted(admin, n=3)
    submitted.source = "direct"
    assert actions.is_decidable(submitted) and actions.DECIDE in actions.allowed(
        demo_users["shenhe"], submitted
    )
    submitted.source = "voluntary"
    assert not actions.is_decidable(submitted)


def test_each_role_is_waited_on_for_its_own_step(demo_users):
    admin, officer, reviewer = demo_users["admin"], demo_users["dongsheng"], demo_users["shenhe"]
    _, submitted = _submitted(admin, n=4)

    def waiting(application):
        fresh = Application.get_by_id(application.id)
        return {login: actions.waiting_on(demo_users[login], fresh) for login in ROLES}

    assert waiting(submitted) == {"admin": None, "shenhe": None, "dongsheng": "待推荐", "chakan": None}
    assert actions.waiting_on(demo_users["dalate"], submitted) is None  # another district's
    review.recommend(officer, submitted.id, "同意推荐", on=BEFORE)
    assert waiting(submitted) == {"admin": "待审核", "shenhe": "待审核", "dongsheng": None, "chakan": None}
    review.start_review(reviewer, submitted.id)
    assert waiting(submitted)["shenhe"] == "审核中待决定"
    review.decide(reviewer, submitted.id, "return", "请补充证明材料")
    assert waiting(submitted) == {"admin": None, "shenhe": None, "dongsheng": "退回待更正", "chakan": None}
    applications.revise(officer, submitted.id)
    assert set(waiting(submitted).values()) == {None}  # the old revision waits on no one
    _, direct = _submitted(admin, n=5)
    direct.source = "direct"
    direct.save()
    assert actions.waiting_on(reviewer, direct) == "直接纳入待审核"
