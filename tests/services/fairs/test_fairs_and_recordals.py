"""Trade fairs and customs recordals on a real database: the protection given at a fair, a recordal expiring
within the warning window due on the dashboard (and not before), renewal, district scoping, the audit."""

from datetime import date, timedelta

import pytest

from app.models import AuditLog, Enterprise
from app.services.core import settings
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.dashboard import figures
from app.services.fairs import fairs, recordals

TODAY = date(2026, 6, 1)


def _enterprise(code: str) -> Enterprise:
    district = Enterprise.district.rel_model
    return Enterprise.select().join(district).where(district.code == code).first()


def test_a_fair_with_the_protection_given(demo_users):
    officer, ent = demo_users["dongsheng"], _enterprise("150602")
    fair = fairs.add_fair(officer, ent.id, {"name": "第十届中国（鄂尔多斯）羊绒交易会", "place": "康巴什会展中心",
                                             "starts_on": "2026-05-20", "ends_on": "2026-05-23", "products": "羊绒衫",
                                             "pre_check": True, "complaint_desk": True, "cases": "2"})  # fmt: skip
    shown = fairs.fair_dict(fair)
    assert shown["protection"] == "展前检查、投诉受理点、处理投诉 2 件" and shown["district"] == "东胜区"
    assert [f.id for f in fairs.fairs(officer, ent.id, 2026)] == [fair.id] and fairs.fairs(officer, year=2025) == []
    assert fairs.fairs(demo_users["dalate"]) == []
    with pytest.raises(ValidationError, match="结束日期"):
        fairs.add_fair(officer, ent.id, {"name": "展会", "starts_on": "2026-05-20", "ends_on": "2026-05-19"})
    with pytest.raises(NotFound):
        fairs.add_fair(demo_users["dalate"], ent.id, {"name": "展会", "starts_on": "2026-05-20"})
    with pytest.raises(PermissionDenied):
        fairs.add_fair(demo_users["chakan"], ent.id, {"name": "展会", "starts_on": "2026-05-20"})
    entry = AuditLog.get(AuditLog.action == "fair.create")
    assert entry.user_id == officer.id and entry.subject_uuid == ent.uuid


def _recordal(officer, ent, number: str, until: date):
    return recordals.add_recordal(officer, ent.id, {"right_kind": "商标", "right_title": "鄂尔多斯 第123456号",
                                                    "recordal_number": number, "valid_until": until})  # fmt: skip


def test_a_recordal_within_the_warning_window_is_due_on_the_dashboard(demo_users):
    officer, admin, ent = demo_users["dongsheng"], demo_users["admin"], _enterprise("150602")
    window = settings.get("fairs.recordal_warning_days")
    inside = _recordal(officer, ent, "T2020-00001", TODAY + timedelta(days=window))
    outside = _recordal(officer, ent, "T2020-00002", TODAY + timedelta(days=window + 1))
    lapsed = _recordal(officer, ent, "T2020-00003", TODAY - timedelta(days=1))
    board = figures.dashboard(admin, 2026, TODAY)
    assert [r["id"] for r in board["recordals_due"]] == [lapsed.id, inside.id]
    assert [r["state"] for r in board["recordals_due"]] == ["expired", "due"]
    assert board["recordals_due"][1]["days_left"] == window
    assert "1 项海关知识产权备案已过期，请督促续展" in board["warnings"]
    assert recordals.state(outside, TODAY) == "valid"
    assert figures.dashboard(demo_users["dalate"], 2026, TODAY)["recordals_due"] == []  # not theirs to see

    settings.set_values(admin, {"fairs.recordal_warning_days": window + 1})
    assert outside.id in [r["id"] for r in recordals.due(admin, TODAY)]
    recordals.renew(officer, inside.id, TODAY + timedelta(days=3650))
    assert inside.id not in [r["id"] for r in recordals.due(admin, TODAY)]
    assert AuditLog.select().where(AuditLog.action == "recordal.renew").count() == 1


def test_recordals_are_checked_and_scoped(demo_users):
    officer, ent = demo_users["dongsheng"], _enterprise("150602")
    _recordal(officer, ent, "T2020-00009", date(2027, 1, 1))
    with pytest.raises(ValidationError, match="已登记"):
        _recordal(officer, ent, "T2020-00009", date(2027, 1, 1))
    with pytest.raises(ValidationError, match="权利类型"):
        recordals.add_recordal(officer, ent.id, {"right_kind": "域名", "right_title": "x", "recordal_number": "1",
                                                 "valid_until": "2027-01-01"})  # fmt: skip
    with pytest.raises(NotFound):
        _recordal(demo_users["dalate"], ent, "T2020-00010", date(2027, 1, 1))
    assert recordals.recordals(demo_users["dalate"]) == [] and len(recordals.recordals(demo_users["admin"])) == 1
    with pytest.raises(ValidationError, match="晚于"):
        recordals.renew(officer, recordals.recordals(officer)[0].id, "2026-12-31")
