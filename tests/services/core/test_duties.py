"""Separation of duties: whoever recommended an application cannot decide it, whoever reported a case to the
city cannot acknowledge the report; someone else can, and switching the setting off lifts the rule."""

import random
from datetime import date

import pytest

from app.models import CityReport
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.cases import handling as cases
from app.services.core import settings
from app.services.core.errors import PermissionDenied
from app.services.enterprises import records
from app.services.enterprises import register as enterprises
from app.services.system.demo import make_uscc

BEFORE, DECIDED = date(2026, 9, 20), date(2026, 10, 20)


def _recommended_by(admin, n: int):
    data = {"name": f"职务分离测试企业{n}号", "uscc": make_uscc(random.Random(n), "150602"),
            "kind": "enterprise", "district": "150602"}  # fmt: skip
    ent = enterprises.create(admin, data).enterprise
    records.save_holding(admin, ent.id, 2025, {"invention_patents": 12})
    records.save_contact(admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True})
    app = applications.submit(admin, applications.new_draft(admin, ent.id, 2026).id)
    return review.recommend(admin, app.id, "同意推荐", on=BEFORE)


def test_the_recommender_cannot_decide_the_same_application(demo_users):
    admin, reviewer = demo_users["admin"], demo_users["shenhe"]
    app = _recommended_by(admin, 1)
    with pytest.raises(PermissionDenied, match="推荐该申报表的人不能再对其作出审核决定"):
        review.decide(admin, app.id, "approve", "同意纳入", on=DECIDED)
    assert review.decide(reviewer, app.id, "approve", "同意纳入", on=DECIDED).status == "approved"


def test_the_recommender_may_decide_once_the_setting_is_off(demo_users):
    admin = demo_users["admin"]
    app = _recommended_by(admin, 2)
    settings.set_value(admin, "workflow.separate_duties", False)
    assert review.decide(admin, app.id, "reject", "不符合条件", on=DECIDED).status == "rejected"


def test_the_reporter_cannot_acknowledge_the_own_report(demo_users):
    admin, reviewer = demo_users["admin"], demo_users["shenhe"]
    case = cases.create_case(admin, {"type": "counterfeit-patent", "summary": "冒用专利号"},
                             [{"name": "某商店", "role": "respondent"}])  # fmt: skip
    # A city administrator reporting to the city is not a path the services take: set the report up directly.
    CityReport.create(case=case, reported_on=date(2026, 3, 2), reported_by=admin, note="")
    with pytest.raises(PermissionDenied, match="上报案件的人不能签收自己的上报"):
        cases.acknowledge_report(admin, case.id)
    assert cases.acknowledge_report(reviewer, case.id).acknowledged_by.id == reviewer.id
