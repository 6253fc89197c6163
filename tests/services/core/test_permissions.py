"""Every role's rights, checked through the services that the GUI and the CLI share."""

import pytest

from app.models import Enterprise
from app.services.accounts import users as accounts
from app.services.core import attachments, reference
from app.services.core.errors import AuthenticationFailed, NotFound, PermissionDenied
from app.services.core.permissions import can_work_in, is_admin, is_city, is_staff, require_city
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.system.demo import make_uscc

DONGSHENG, DALATE = "150602", "150621"


def _enterprise_in(code):
    return (
        Enterprise.select()
        .join(Enterprise.district.rel_model)
        .where(Enterprise.district.rel_model.code == code)
        .first()
    )


def _new(code, seed):
    rng = __import__("random").Random(seed)
    return {
        "name": f"新建测试企业{seed}",
        "uscc": make_uscc(rng, code),
        "kind": "enterprise",
        "district": code,
    }


def test_district_officer_sees_only_their_district(demo_users):
    officer = demo_users["dongsheng"]
    ids = search_ids(officer, EnterpriseQuery())
    districts = {Enterprise.get_by_id(i).district.code for i in ids}
    assert districts == {DONGSHENG}
    hidden = _enterprise_in(DALATE)
    with pytest.raises(NotFound, match=f"没有编号为 {hidden.id} 的企业") as by_id:
        enterprises.get(officer, hidden.id)
    with pytest.raises(NotFound, match="没有统一社会信用代码为") as by_code:
        enterprises.get_by_uscc(officer, hidden.uscc)
    assert hidden.name not in str(by_id.value) + str(by_code.value)


def test_district_officer_cannot_change_another_district(demo_users):
    officer = demo_users["dongsheng"]
    other = _enterprise_in(DALATE)
    with pytest.raises(NotFound):  # it cannot be seen, so it cannot be changed either
        enterprises.update(officer, other.id, {"legal_representative": "篡改"})
    with pytest.raises(NotFound):
        enterprise_records.save_contact(officer, other.id, {"name": "篡改"})
    with pytest.raises(NotFound):
        enterprises.set_archived(officer, other.id, True, "篡改")
    with pytest.raises(PermissionDenied):
        enterprises.create(officer, _new(DALATE, 1))
    own = _enterprise_in(DONGSHENG)
    with pytest.raises(PermissionDenied):
        enterprises.update(officer, own.id, {"district": DALATE})  # moving it out is a write there too
    assert Enterprise.get_by_id(other.id).legal_representative != "篡改"


def test_district_officer_can_manage_their_own_district(demo_users):
    officer = demo_users["dongsheng"]
    created = enterprises.create(officer, _new(DONGSHENG, 2)).enterprise
    enterprises.update(officer, created.id, {"legal_representative": "白音"})
    enterprises.set_archived(officer, created.id, True, "测试")


def test_viewer_reads_everything_and_writes_nothing(demo_users):
    viewer = demo_users["chakan"]
    assert len(search_ids(viewer, EnterpriseQuery())) == 40
    ent = _enterprise_in(DALATE)
    assert enterprises.get(viewer, ent.id).id == ent.id
    with pytest.raises(PermissionDenied, match="只读"):
        enterprises.update(viewer, ent.id, {"legal_representative": "x"})
    with pytest.raises(PermissionDenied, match="只读"):
        enterprises.create(viewer, _new(DALATE, 3))


def test_city_roles_read_and_write_every_district(demo_users):
    for login in ("admin", "shenhe"):
        user = demo_users[login]
        assert len(search_ids(user, EnterpriseQuery())) == 40
        enterprises.update(user, _enterprise_in(DALATE).id, {"legal_representative": f"由{login}修改"})


def test_only_the_admin_manages_users(demo_users):
    district = reference.district_by_code(DALATE)
    for login in ("shenhe", "dongsheng", "chakan"):
        with pytest.raises(PermissionDenied, match="市局管理员"):
            accounts.create_user(demo_users[login], f"new{login}", "新用户", "viewer", "dalate2-pass9")
    accounts.create_user(
        demo_users["admin"], "dalate2", "达拉特旗二号", "district_officer", "dalate2-pass9", district
    )
    assert accounts.login("dalate2", "dalate2-pass9").district.code == DALATE


def test_deactivated_user_can_neither_log_in_nor_act(demo_db, demo_users):
    _, result = demo_db
    officer = demo_users["dalate"]
    accounts.set_active(demo_users["admin"], officer, False)
    with pytest.raises(AuthenticationFailed, match="停用"):
        accounts.login("dalate", result.demo_accounts["dalate"])
    with pytest.raises(PermissionDenied):
        search_ids(officer, EnterpriseQuery())


def test_one_rule_for_district_work(demo_users):
    dongsheng, dalate = reference.district_by_code(DONGSHENG), reference.district_by_code(DALATE)
    officer = demo_users["dongsheng"]
    assert can_work_in(officer, dongsheng) and not can_work_in(officer, dalate.id)
    assert not can_work_in(officer, None)  # the city's own work
    assert all(can_work_in(demo_users[c], d) for c in ("admin", "shenhe") for d in (dongsheng, dalate, None))
    assert not any(can_work_in(demo_users["chakan"], d) for d in (dongsheng, None))
    assert is_city(demo_users["shenhe"]) and not is_city(demo_users["chakan"])
    with pytest.raises(PermissionDenied, match="只有市局"):
        require_city(demo_users["dongsheng"])
    assert [is_admin(demo_users[c]) for c in ("admin", "shenhe", "dongsheng", "chakan")] == [1, 0, 0, 0]
    assert [is_staff(demo_users[c]) for c in ("admin", "shenhe", "dongsheng", "chakan")] == [1, 1, 1, 0]


def test_attachments_check_permission_themselves(demo_users, tmp_path):
    scan = tmp_path / "执照.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    other = _enterprise_in(DALATE)
    with pytest.raises(PermissionDenied):  # called directly, without any service in front of it
        attachments.attach(demo_users["dongsheng"], scan, other)
    with pytest.raises(PermissionDenied, match="只读"):
        attachments.attach(demo_users["chakan"], scan, other)
    assert enterprise_records.add_file(demo_users["dalate"], other.id, scan).original_name == "执照.pdf"
    assert [a.original_name for a in enterprise_records.files(demo_users["chakan"], other.id)] == ["执照.pdf"]
