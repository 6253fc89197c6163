"""A district bureau's installation: its administrator is 东胜区's district administrator, never the city's. It
manages only its own district's accounts, sees and works on its own district's records only, and its documents
are issued by its own bureau. The city's installation keeps city accounts and refuses district administrators."""

import random

import pytest

from app.models import User
from app.services.accounts import users as accounts
from app.services.accounts.passwords import hash_password
from app.services.core import installation, reference
from app.services.core.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationError
from app.services.core.permissions import Role, is_admin, is_city, visible_district_ids
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.system import backup
from app.services.system.demo import make_uscc
from tests.conftest import ADMIN_PASSWORD

DONGSHENG, DALATE = "150602", "150621"


def test_the_first_administrator_is_the_districts_and_the_demo_has_no_city_account(district_db):
    _, users = district_db
    admin = users["admin"]
    assert admin.role == Role.DISTRICT_ADMIN and admin.district.code == DONGSHENG
    assert is_admin(admin) and not is_city(admin)
    assert visible_district_ids(admin) == {reference.district_by_code(DONGSHENG).id}
    assert {u.role for u in User.select()} <= {Role.DISTRICT_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER}
    assert {u.district.code for u in User.select()} == {DONGSHENG}  # the viewer too: never city-wide
    assert accounts.login("admin", ADMIN_PASSWORD).id == admin.id


@pytest.mark.parametrize(
    ("role", "district", "field", "message"),
    [
        (Role.CITY_ADMIN, None, "role", "不能建立或改为市局账号"),
        (Role.CITY_REVIEWER, None, "role", "不能建立或改为市局账号"),
        (Role.DISTRICT_OFFICER, DALATE, "district", "只能有东胜区的账号"),
        (Role.DISTRICT_ADMIN, DALATE, "district", "只能有东胜区的账号"),
        (Role.VIEWER, DALATE, "district", "只能有东胜区的账号"),
    ],
)
def test_its_administrator_cannot_create_city_or_other_district_accounts(
    district_db, role, district, field, message
):
    _, users = district_db
    where = reference.district_by_code(district) if district else None
    with pytest.raises(ValidationError) as refused:
        accounts.add_user(users["admin"], "someone", "某人", role, where)
    assert message in refused.value.errors[field]
    assert not User.select().where(User.login == "someone").exists()


def test_it_creates_its_own_districts_accounts_and_cannot_promote_one_to_the_city(district_db):
    _, users = district_db
    admin, own = users["admin"], reference.district_by_code(DONGSHENG)
    officer, password = accounts.add_user(admin, "zhangsan", "张三", Role.DISTRICT_OFFICER, own)
    deputy, _ = accounts.add_user(admin, "lisi", "李四", Role.DISTRICT_ADMIN, own)
    assert officer.must_change_password and accounts.login("zhangsan", password).id == officer.id
    with pytest.raises(ValidationError, match="不能建立或改为市局账号"):
        accounts.edit_user(admin, officer, display_name="张三", role=Role.CITY_REVIEWER, district=None)
    assert User.get_by_id(officer.id).role == Role.DISTRICT_OFFICER
    assert accounts.assignable_roles() == [Role.DISTRICT_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER]
    assert accounts.assignable_districts() == [own]
    # At least one active administrator remains: the deputy may go, then the last one may not.
    accounts.set_active(admin, deputy, False)
    with pytest.raises(ValidationError, match="最后一位在用的旗区局管理员"):
        accounts.edit_user(admin, admin, display_name="管理员", role=Role.DISTRICT_OFFICER, district=own)


def test_an_account_given_no_district_belongs_to_the_installations_own(district_db):
    _, users = district_db
    admin, own = users["admin"], reference.district_by_code(DONGSHENG)
    officer, _ = accounts.add_user(admin, "wang", "王五", Role.DISTRICT_OFFICER)
    viewer, _ = accounts.add_user(admin, "zhao", "赵六", Role.VIEWER)  # never city-wide here
    assert officer.district_id == viewer.district_id == own.id
    accounts.edit_user(admin, officer, display_name="王五", role=Role.DISTRICT_ADMIN, district=None)
    assert User.get_by_id(officer.id).district_id == own.id


def test_its_accounts_neither_see_nor_act_on_another_districts_records(district_db):
    _, users = district_db
    # A 达拉特旗 record in this database (as if it had arrived from elsewhere), written by a city account
    # put straight into the table: the accounts service would never make one here.
    city = User.create(
        login="city", display_name="市局", role=Role.CITY_ADMIN, password_hash=hash_password("x" * 12)
    )
    other = enterprises.create(
        city, _enterprise("达拉特旗某某有限公司", make_uscc(random.Random(1), DALATE), DALATE)
    ).enterprise
    for login in ("admin", "lianluo", "chakan"):
        actor = users[login]
        assert other.id not in search_ids(actor, EnterpriseQuery())
        assert not search_ids(actor, EnterpriseQuery(district_code=DALATE))
        with pytest.raises(NotFound):
            enterprises.get(actor, other.id)
    with pytest.raises((PermissionDenied, NotFound)):
        enterprises.update(users["admin"], other.id, {"legal_representative": "改名"})
    with pytest.raises(PermissionDenied, match="只能"):
        enterprises.create(
            users["admin"], _enterprise("达拉特旗另一家有限公司", make_uscc(random.Random(2), DALATE), DALATE)
        )
    own = search_ids(users["admin"], EnterpriseQuery())
    assert own and len(own) == len(search_ids(users["admin"], EnterpriseQuery(district_code=DONGSHENG)))
    # …and a city account cannot even sign in here.
    with pytest.raises(AuthenticationFailed, match="不属于本机"):
        accounts.login("city", "x" * 12)


def test_its_documents_are_issued_by_its_own_bureau_and_it_backs_itself_up(district_db, tmp_path):
    path, users = district_db
    identity = installation.current()
    assert identity.body == "鄂尔多斯市东胜区市场监督管理局"
    assert installation.issuing_body() == installation.issuing_body("东胜区") == identity.body
    assert installation.issuing_body("市局") == installation.city_body()
    written = backup.backup(users["admin"], path.parent / "backups" / "copy.db")
    assert written.exists()
    with pytest.raises(PermissionDenied, match="只有旗区局管理员"):
        backup.backup(users["lianluo"], path.parent / "backups" / "other.db")


def test_the_city_installation_keeps_city_accounts_and_refuses_a_district_administrator(demo_users):
    admin = demo_users["admin"]
    assert admin.role == Role.CITY_ADMIN and visible_district_ids(admin) is None
    with pytest.raises(ValidationError, match="旗区局管理员只用于旗区局自己的安装"):
        accounts.add_user(admin, "qu", "区管理员", Role.DISTRICT_ADMIN, reference.district_by_code(DONGSHENG))
    reviewer, _ = accounts.add_user(admin, "shenhe2", "审核员", Role.CITY_REVIEWER)
    assert is_city(reviewer) and Role.CITY_ADMIN in accounts.assignable_roles()
    assert len(accounts.assignable_districts()) == len(reference.districts())


def _enterprise(name: str, uscc: str, district: str) -> dict:
    return {
        "name": name,
        "uscc": uscc,
        "kind": "enterprise",
        "district": district,
        "legal_representative": "王某",
    }


def test_its_administrator_sees_the_sign_ins_and_account_events_of_its_own_officers_only(district_db):
    from app.models import AuditLog
    from app.services.system.audit_trail import AuditQuery, search_ids

    _, users = district_db
    admin, own = users["admin"], reference.district_by_code(DONGSHENG)
    wang, password = accounts.add_user(admin, "wang", "王五", Role.DISTRICT_OFFICER, own)
    with pytest.raises(AuthenticationFailed):
        accounts.login("wang", "not-his-password")
    accounts.change_password(wang, wang, "wang-new-pass-1", password)
    accounts.login("wang", "wang-new-pass-1")
    with pytest.raises(AuthenticationFailed):
        accounts.login("nobody-here", "whatever-1")
    # Another district's account, put straight into the table, with an entry about it.
    stranger = User.create(
        login="dalate", display_name="达拉特", role=Role.DISTRICT_OFFICER,
        district=reference.district_by_code(DALATE), password_hash=hash_password("x" * 12),
    )  # fmt: skip
    with pytest.raises(AuthenticationFailed):
        accounts.login("dalate", "x" * 12)

    seen = search_ids(admin, AuditQuery(user="wang")).ids
    actions = [AuditLog.get_by_id(i).action for i in reversed(seen)]
    assert actions == ["user.login_failed", "user.password", "user.login"]
    everything = set(search_ids(admin, AuditQuery()).ids)
    about_wang = {e.id for e in AuditLog.select().where(AuditLog.entity == "user", AuditLog.entity_id == wang.id)}
    assert about_wang <= everything and len(about_wang) == 4  # created by the admin, then the three above
    unknown = AuditLog.get(AuditLog.action == "user.login_failed", AuditLog.entity_id.is_null())
    assert unknown.id in everything
    about_stranger = AuditLog.select().where(AuditLog.entity == "user", AuditLog.entity_id == stranger.id)
    assert about_stranger.count() == 1 and not everything & {e.id for e in about_stranger}
    # An officer still sees only the district's records and their own entries, not the colleagues' sign-ins.
    assert not search_ids(users["lianluo"], AuditQuery(user="wang")).ids


def test_the_round_and_list_settings_are_the_citys_to_set(district_db):
    from app.services.core import settings
    from app.services.core.errors import PermissionDenied as Denied

    _, users = district_db
    admin = users["admin"]
    assert not settings.can_change(admin, "round.deadline") and settings.can_change(admin, "dashboard.due_days")
    with pytest.raises(Denied, match="申报截止日（月-日）.*由市局管理员设定"):
        settings.set_values(admin, {"round.deadline": "11-30", "dashboard.due_days": 60})
    assert settings.get("round.deadline") == "10-09" and settings.get("dashboard.due_days") == 90  # nothing
    assert settings.set_values(admin, {"dashboard.due_days": 60}) == ["dashboard.due_days"]
    assert settings.CITY_KEYS <= {s.key for s in settings.specs_in(settings.ROUNDS)}
