"""责任分工: a district's leaders and officers for a year, saved whole, scoped to the district, audited."""

import pytest

from app.models import AuditLog, Responsibility
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.plans import responsibilities as duties
from app.services.plans.responsibilities import Duty

TEAM = [
    Duty("leader", "高建国", "副局长", "0477-8160001", "推行重点企业保护的第一责任人，统筹协调"),
    Duty("officer", "王磊", "知识产权股股长", "13904770001", "联络鄂尔多斯某集团等 4 家企业，走访与问卷"),
    Duty("联络人", "李娜", "科员", "", "案件线索收集与上报"),
]


def test_a_district_sets_its_list_and_changes_it_row_by_row(demo_users):
    officer = demo_users["dongsheng"]
    rows = duties.set_duties(officer, "东胜区", 2026, TEAM)
    assert [(r.role, r.name) for r in rows] == [("leader", "高建国"), ("officer", "王磊"), ("officer", "李娜")]
    changed = [TEAM[0], Duty("officer", "王磊", "知识产权股股长", "13904770001", "联络 5 家企业")]
    before = AuditLog.select().count()
    rows = duties.set_duties(officer, "150602", "2026", changed)
    assert [r.duties for r in rows][1] == "联络 5 家企业" and Responsibility.select().count() == 2
    added = [e.action for e in AuditLog.select().where(AuditLog.id > before)]
    assert added == ["duty.update", "duty.delete"]  # the unchanged leader writes nothing


def test_the_list_is_scoped_and_checked(demo_users):
    officer, other, admin = demo_users["dongsheng"], demo_users["dalate"], demo_users["admin"]
    duties.set_duties(officer, "东胜区", 2026, TEAM)
    with pytest.raises(PermissionDenied):
        duties.set_duties(other, "东胜区", 2026, TEAM)
    with pytest.raises(NotFound):
        duties.duties_of(other, "东胜区", 2026)
    assert list(duties.year_table(other, 2026)) == ["达拉特旗"]
    assert len(duties.year_table(admin, 2026)["东胜区"]) == 3
    with pytest.raises(ValidationError, match="分管领导"):
        duties.set_duties(officer, "东胜区", 2026, TEAM[1:])
    with pytest.raises(ValidationError, match="第 2 行.*姓名：必填"):
        duties.set_duties(officer, "东胜区", 2026, [TEAM[0], Duty("officer", " ")])
    with pytest.raises(ValidationError, match="年度"):
        duties.set_duties(officer, "东胜区", 1999, TEAM)
