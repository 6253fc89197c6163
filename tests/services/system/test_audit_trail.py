"""Reading the audit log on a demo database with a round of activity: scope by role, filters, detail, export."""

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.models import AuditLog, Case, District, Enterprise, Event, User
from app.models import db as dbmod
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.system import audit_detail, audit_export
from app.services.system import database as setup
from app.services.system.audit_labels import ACTION_GROUPS, ACTIONS, ENTITY_LABELS
from app.services.system.audit_trail import AuditQuery, get_entry, search_ids

SERVICES = Path(__file__).resolve().parents[3] / "app" / "services"


@pytest.fixture(scope="module")
def activity_file(tmp_path_factory):
    """Made once (it takes seconds); each test opens its own copy."""
    path = tmp_path_factory.mktemp("activity") / "activity.db"
    setup.initialise(path, "adminpass123", demo=True, activity=True)
    dbmod.close()
    return path


@pytest.fixture
def activity(activity_file, tmp_path):
    path = tmp_path / "activity.db"
    shutil.copy(activity_file, path)
    setup.open_register(path)
    return {u.login: u for u in User.select()}


def ids(actor, **filters) -> list[int]:
    return search_ids(actor, AuditQuery(**filters)).ids


def test_city_roles_see_everything_newest_first(activity):
    everything = ids(activity["admin"])
    assert len(everything) == AuditLog.select().count() > 300
    assert ids(activity["shenhe"]) == everything
    times = [AuditLog.get_by_id(i).at for i in everything]
    assert times == sorted(times, reverse=True)


def test_viewer_may_not_read_the_log(activity):
    with pytest.raises(PermissionDenied):
        ids(activity["chakan"])


def test_district_officer_sees_their_districts_records_and_their_own_entries(activity):
    officer = activity["dongsheng"]
    district = officer.district_id
    mine = {
        *(e.uuid for e in Enterprise.select().where(Enterprise.district == district)),
        *(c.uuid for c in Case.select().where(Case.handling_district == district)),
        *(e.uuid for e in Event.select().where(Event.district == district)),
        District.get_by_id(district).uuid,
    }
    seen = [AuditLog.get_by_id(i) for i in ids(officer)]
    assert seen and all(e.subject_uuid in mine or e.user_id == officer.id for e in seen)
    # Every entry filed under one of the district's enterprises, whoever wrote it (the admin's contacts too).
    expected = AuditLog.select().where(AuditLog.subject_uuid.in_(list(mine)) | (AuditLog.user == officer.id))
    assert {e.id for e in seen} == {e.id for e in expected}
    assert any(e.user_login == "admin" and e.entity == "contact" for e in seen)
    other = (
        AuditLog.select()
        .join(Enterprise, on=AuditLog.subject_uuid == Enterprise.uuid)
        .where(Enterprise.district != district)
        .first()
    )
    assert other.id not in {e.id for e in seen}
    with pytest.raises(NotFound):
        get_entry(officer, other.id)
    assert get_entry(activity["admin"], other.id).id == other.id


def test_filter_by_user_action_and_dates(activity):
    admin = activity["admin"]
    by_officer = ids(admin, user="dongsheng")
    assert by_officer and all(AuditLog.get_by_id(i).user_login == "dongsheng" for i in by_officer)
    assert {AuditLog.get_by_id(i).user_login for i in ids(admin, user="system")} == {"system"}
    with pytest.raises(NotFound):
        ids(admin, user="nobody")
    cases = ids(admin, action="纠纷案件")
    assert cases == ids(admin, action="case.")
    assert cases and all(AuditLog.get_by_id(i).action.startswith("case.") for i in cases)
    assert {AuditLog.get_by_id(i).action for i in ids(admin, action="case.event.")} >= {"case.event.filed"}
    today = date.today()
    assert len(ids(admin, since=today, until=today)) == len(ids(admin))
    assert ids(admin, since=today + timedelta(days=1)) == []
    assert ids(admin, until=today - timedelta(days=1)) == []
    with pytest.raises(ValidationError):
        ids(admin, since=today, until=today - timedelta(days=1))


def test_filter_by_record(activity):
    admin = activity["admin"]
    enterprise = Enterprise.select().order_by(Enterprise.id).first()
    history = ids(admin, record=f"enterprise:{enterprise.id}")
    entities = {AuditLog.get_by_id(i).entity for i in history}
    assert {"enterprise", "contact", "ip_holding", "application"} <= entities  # filed under it
    assert ids(admin, record=enterprise.uscc) == history
    assert ids(admin, record=enterprise.uuid) == history
    assert set(history) <= set(ids(admin, record=enterprise.name[5:9]))
    contact = AuditLog.get(AuditLog.entity == "contact")
    assert contact.id in ids(admin, record=f"contact:{contact.entity_id}")
    with pytest.raises(NotFound):
        ids(admin, record="没有这个名字的企业")
    with pytest.raises(ValidationError):
        ids(admin, record="nosuchtable:1")


def test_newest_entries_only_beyond_the_limit(activity):
    admin = activity["admin"]
    capped = search_ids(admin, AuditQuery(), limit=5)
    assert capped.truncated and capped.ids == ids(admin)[:5]
    assert not search_ids(admin, AuditQuery(action="case."), limit=1000).truncated


def test_detail_sets_fields_side_by_side_and_lists_children(activity):
    admin = activity["admin"]
    closed = ids(admin, action="followup.update")[0]
    shown = audit_detail.detail(admin, closed)
    changed = {f.label: (f.before, f.after) for f in shown.fields if f.changed}
    assert changed["状态"] == ("open", "done") and "线索已移交执法大队" in changed["处理结果"][1]
    assert not shown.created and not shown.deleted
    unchanged = next(f for f in shown.fields if f.label == "事项")
    assert unchanged.before == unchanged.after and not unchanged.changed
    filed = audit_detail.detail(admin, ids(admin, action="case.create")[-1])
    assert filed.created and {c.table for c in filed.children} >= {"case_party", "case_right"}
    assert all(c.status == "added" for c in filed.children)
    assert "状态：open → done" in audit_detail.summary("follow_up", AuditLog.get_by_id(closed).before,
                                                     AuditLog.get_by_id(closed).after)  # fmt: skip


def test_detail_shows_districts_and_kinds_by_name_and_hides_the_matching_key(activity):
    admin = activity["admin"]
    enterprise = Enterprise.select().order_by(Enterprise.id).first()
    from app.services.enterprises import register

    register.update(admin, enterprise.id, {"legal_representative": "王审计"})
    shown = audit_detail.detail(admin, ids(admin, action="enterprise.update")[0])
    by_label = {f.label: f for f in shown.fields}
    assert by_label["所属旗区"].after == enterprise.district.name
    assert by_label["主体类型"].after in {"企业", "行业协会"}
    assert "name_key" not in {f.key for f in shown.fields}


def test_child_rows_added_removed_and_changed():
    before = {"id": 1, "children": {"case_party": [{"uuid": "a", "name": "甲"}, {"uuid": "b", "name": "乙"}]}}
    after = {
        "id": 1,
        "children": {"case_party": [{"uuid": "b", "name": "乙方"}, {"uuid": "c", "name": "丙"}]},
    }
    found = [(c.status, c.identity) for c in audit_detail.child_changes(before, after)]
    assert found == [("removed", "甲"), ("changed", "乙方"), ("added", "丙")]


def test_export_writes_the_filtered_entries(activity, tmp_path):
    admin = activity["admin"]
    out = tmp_path / "audit.xlsx"
    assert audit_export.export_xlsx(admin, AuditQuery(action="followup."), out) == len(
        ids(admin, action="followup.")
    )
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "操作人", "操作")
    assert {r[3] for r in rows[1:]} == {"followup.create", "followup.update"}
    assert any("open → done" in (r[7] or "") for r in rows[1:])


def test_labels_cover_every_action_and_table():
    from app.models import ALL_MODELS, DERIVED_MODELS

    for action in ACTIONS:
        assert any(action.startswith(p) for prefixes in ACTION_GROUPS.values() for p in prefixes), action
    tables = {m._meta.table_name for m in ALL_MODELS if m not in DERIVED_MODELS} - {"audit_log"}
    assert tables <= set(ENTITY_LABELS)


def test_no_service_edits_or_deletes_the_log():
    """Only audit.record* writes the log, and only by inserting: no update or delete of an entry anywhere."""
    pattern = re.compile(
        r"AuditLog\s*\.\s*(update|delete|delete_by_id|replace|insert_many|truncate_table|drop_table)\b"
        r"|(UPDATE|DELETE\s+FROM)\s+\"?audit_log",
        re.IGNORECASE,
    )
    offenders = [
        f"{path.relative_to(SERVICES)}: {m.group(0)}"
        for path in SERVICES.rglob("*.py")
        for m in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    writers = [p.name for p in SERVICES.rglob("*.py") if re.search(r"AuditLog\.create\b|insert_rows\(AuditLog",
                                                                     p.read_text(encoding="utf-8"))]  # fmt: skip
    assert writers == ["audit.py"]
