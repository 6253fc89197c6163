"""The enterprise service: validation, duplicates, audit entries for every write, archiving."""

import json

import pytest

from app.models import AuditLog, Enterprise
from app.services.core.errors import ConcurrentEdit, ValidationError
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.system.demo import make_uscc

VALID = "91110108551385082Q"


def _data(**over):
    data = {"name": "鄂尔多斯市测试科技有限公司", "uscc": VALID, "kind": "enterprise", "district": "150621"}
    data.update(over)
    return data


def test_create_writes_an_audit_entry_with_the_new_values(empty_db):
    _, admin = empty_db
    result = enterprises.create(admin, _data(founded_on="2015年3月1日", registered_capital="500"))
    entry = AuditLog.get(AuditLog.entity == "enterprise", AuditLog.action == "enterprise.create")
    after = json.loads(entry.after)
    assert entry.user_id == admin.id and entry.entity_id == result.enterprise.id
    assert (
        after["uscc"] == VALID
        and after["founded_on"] == "2015-03-01"
        and after["registered_capital"] == "500.00"
    )
    assert entry.before is None


def test_update_records_before_and_after_and_bumps_the_row_version(empty_db):
    _, admin = empty_db
    ent = enterprises.create(admin, _data()).enterprise
    enterprises.update(admin, ent.id, {"legal_representative": "王伟"}, expected_version=ent.row_version)
    entry = AuditLog.get(AuditLog.action == "enterprise.update")
    assert json.loads(entry.before)["legal_representative"] == ""
    assert json.loads(entry.after)["legal_representative"] == "王伟"
    assert Enterprise.get_by_id(ent.id).row_version == ent.row_version + 1


def test_an_update_that_changes_nothing_writes_no_audit_entry(empty_db):
    _, admin = empty_db
    ent = enterprises.create(admin, _data()).enterprise
    enterprises.update(admin, ent.id, {"name": ent.name})
    assert not AuditLog.select().where(AuditLog.action == "enterprise.update").exists()


def test_stale_form_is_refused(empty_db):
    _, admin = empty_db
    ent = enterprises.create(admin, _data()).enterprise
    enterprises.update(admin, ent.id, {"legal_representative": "甲"}, expected_version=ent.row_version)
    with pytest.raises(ConcurrentEdit, match=r"该企业信息在您打开之后已被 系统管理员（admin）于 .* 修改.*重新载入"):
        enterprises.update(admin, ent.id, {"legal_representative": "乙"}, expected_version=ent.row_version)
    assert enterprises.get(admin, ent.id).legal_representative == "甲"


def test_archive_needs_a_reason_and_is_audited(empty_db):
    _, admin = empty_db
    ent = enterprises.create(admin, _data()).enterprise
    with pytest.raises(ValidationError, match="归档原因"):
        enterprises.set_archived(admin, ent.id, True, "")
    enterprises.set_archived(admin, ent.id, True, "企业注销")
    entry = AuditLog.get(AuditLog.action == "enterprise.archive")
    assert json.loads(entry.after)["reason"] == "企业注销"
    assert Enterprise.get_by_id(ent.id).archived
    assert Enterprise.select().count() == 1  # archived, never deleted


def test_same_uscc_is_refused(empty_db):
    _, admin = empty_db
    enterprises.create(admin, _data())
    with pytest.raises(ValidationError, match="统一社会信用代码：已被“鄂尔多斯市测试科技有限公司”使用"):
        enterprises.create(admin, _data(name="另一家公司", uscc=VALID.lower()))
    assert Enterprise.select().count() == 1


def test_near_identical_name_warns_but_saves(empty_db):
    _, admin = empty_db
    enterprises.create(admin, _data())
    other = make_uscc(__import__("random").Random(1), "150621")
    result = enterprises.create(admin, _data(name="鄂尔多斯市 测试科技 股份有限公司", uscc=other))
    assert len(result.warnings) == 1 and "几乎相同" in result.warnings[0]
    assert Enterprise.select().count() == 2


def test_every_bad_field_is_named_in_one_error(empty_db):
    _, admin = empty_db
    with pytest.raises(ValidationError) as info:
        enterprises.create(
            admin,
            _data(
                uscc="123",
                district="火星旗",
                founded_on="2015-02-30",
                industry_section="C",
                industry_division="06",
            ),
        )
    errors = info.value.errors
    assert set(errors) == {"uscc", "district", "founded_on", "industry_division"}
    message = str(info.value)
    assert "统一社会信用代码" in message and "所属旗区：未知旗区“火星旗”" in message
    assert "大类 06 不属于门类 C" in message
    assert Enterprise.select().count() == 0


def test_district_given_by_code_name_or_short_name(empty_db):
    _, admin = empty_db
    rng = __import__("random").Random(5)
    for district in ("150621", "达拉特旗", "达拉特"):
        ent = enterprises.create(
            admin, _data(name=f"公司{district}", uscc=make_uscc(rng, "150621"), district=district)
        )
        assert ent.enterprise.district.code == "150621"


def test_records_under_an_enterprise_are_audited_into_its_history(empty_db):
    _, admin = empty_db
    ent = enterprises.create(admin, _data()).enterprise
    contact = enterprise_records.save_contact(
        admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True}
    )
    enterprise_records.save_holding(admin, ent.id, 2025, {"invention_patents": "12件", "trade_secrets": True})
    enterprise_records.add_honor(admin, ent.id, "regional", "advantage", 2023)
    enterprise_records.delete_contact(admin, ent.id, contact.id)
    actions = [e.action for e in enterprise_records.history(admin, ent.id)]
    assert sorted(actions) == sorted(
        ["enterprise.create", "contact.create", "holding.create", "honor.create", "contact.delete"]
    )


def test_one_primary_contact_at_a_time(empty_db):
    _, admin = empty_db
    ent = enterprises.create(admin, _data()).enterprise
    first = enterprise_records.save_contact(admin, ent.id, {"name": "张敏", "is_primary": True})
    enterprise_records.save_contact(admin, ent.id, {"name": "李强", "is_primary": True})
    people = enterprise_records.contacts(admin, ent.id)
    assert [c.name for c in people if c.is_primary] == ["李强"]
    assert first.id in [c.id for c in people]


def test_bad_contact_and_holding_values_are_refused(empty_db):
    _, admin = empty_db
    ent = enterprises.create(admin, _data()).enterprise
    with pytest.raises(ValidationError, match="手机：应为11位手机号码"):
        enterprise_records.save_contact(admin, ent.id, {"name": "张敏", "mobile": "12345"})
    with pytest.raises(ValidationError, match="有效发明专利：不能为负数"):
        enterprise_records.save_holding(admin, ent.id, 2025, {"invention_patents": -1})
    assert enterprise_records.holdings(admin, ent.id) == []


def test_names_and_addresses_are_stored_exactly_as_typed(empty_db):
    _, admin = empty_db
    name = "鄂尔多斯市伊泰（集团）有限公司"
    address = "东胜区天骄路，１２３号Ａ座"
    result = enterprises.create(
        admin,
        _data(name=f"  {name} ", registered_address=address, uscc=" ９１１１０１０８ ５５１３８５０８２ｑ "),
    )
    stored = Enterprise.get_by_id(result.enterprise.id)
    assert stored.name == name and stored.registered_address == address
    # Codes are still parsed through the fold, and the fold still finds the half-width twin as a duplicate.
    assert stored.uscc == VALID
    assert [e.id for e in enterprises.similar_names("鄂尔多斯市伊泰(集团)有限公司")] == [stored.id]
