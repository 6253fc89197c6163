"""Merging per field between two real installations: one side's change is taken, both sides' changes of the
same field become a conflict with the local value standing, deleting or archiving on one side while editing
on the other is a conflict too, and a resolution settles the field on both sides."""

from app.models import Contact, Enterprise, ExchangeConflict
from app.services.enterprises import records, register
from app.services.exchange import conflicts
from tests.helpers.exchange_sites import DONGSHENG, dump, new_contact, new_enterprise, ship


def _shared_enterprise(sites, tmp_path, **extra):
    """An enterprise Dongsheng made and the city received; its uuid."""
    admin = sites["dongsheng"].use()
    made = new_enterprise(admin, DONGSHENG, "共同企业", **extra)
    new_contact(admin, made.id, "王伟", mobile="13912345678")
    ship(sites["dongsheng"], sites["city"], tmp_path, "setup.ipx")
    return made.uuid


def _edit(site, uuid: str, **values):
    admin = site.use()
    register.update(admin, Enterprise.get(Enterprise.uuid == uuid).id, values)


def test_a_field_changed_on_one_side_only_is_taken_and_the_other_fields_are_kept(sites, tmp_path):
    uuid = _shared_enterprise(sites, tmp_path)
    _edit(sites["city"], uuid, main_products="煤化工")
    _edit(sites["dongsheng"], uuid, legal_representative="张三")
    _, at_district = ship(sites["city"], sites["dongsheng"], tmp_path, "1.ipx")
    _, at_city = ship(sites["dongsheng"], sites["city"], tmp_path, "2.ipx")
    assert at_district.conflicts == [] and at_city.conflicts == []
    for site in ("city", "dongsheng"):
        sites[site].use()
        e = Enterprise.get(Enterprise.uuid == uuid)
        assert (e.main_products, e.legal_representative) == ("煤化工", "张三")


def test_the_same_field_changed_on_both_sides_is_a_conflict_and_the_local_value_stands(sites, tmp_path):
    uuid = _shared_enterprise(sites, tmp_path)
    _edit(sites["city"], uuid, name="市局改的名")
    _edit(sites["dongsheng"], uuid, name="旗区改的名")
    path, result = ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    assert len(result.conflicts) == 1 and "name" in result.conflicts[0]
    assert Enterprise.get(Enterprise.uuid == uuid).name == "市局改的名"
    [row] = conflicts.rows()
    assert (row.field, row.local_value, row.remote_value, row.field_label) == ("name", "市局改的名", "旗区改的名", "企业名称")
    assert "东胜区" in row.remote_by
    before = dump(sites["city"])
    from app.services.exchange import receive

    assert receive.receive(sites["city"].use(), path).duplicate and dump(sites["city"]) == before


def test_a_resolution_settles_the_field_on_both_sides_without_a_new_conflict(sites, tmp_path):
    uuid = _shared_enterprise(sites, tmp_path)
    _edit(sites["city"], uuid, name="市局改的名")
    _edit(sites["dongsheng"], uuid, name="旗区改的名")
    ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    _, at_district = ship(sites["city"], sites["dongsheng"], tmp_path, "2.ipx")
    assert len(at_district.conflicts) == 1  # each side sees the other's edit as concurrent
    admin = sites["city"].use()
    [row] = conflicts.rows()
    conflicts.resolve(admin, row.id, "theirs")
    assert Enterprise.get(Enterprise.uuid == uuid).name == "旗区改的名" and conflicts.rows() == []
    _, at_district = ship(sites["city"], sites["dongsheng"], tmp_path, "3.ipx")
    assert at_district.conflicts == [] and conflicts.open_count() == 0  # the district's conflict is settled
    _, at_city = ship(sites["dongsheng"], sites["city"], tmp_path, "4.ipx")
    assert at_city.conflicts == [] and conflicts.open_count() == 0
    for site in ("city", "dongsheng"):
        sites[site].use()
        assert Enterprise.get(Enterprise.uuid == uuid).name == "旗区改的名"


def test_keeping_mine_sends_the_local_value_to_the_peer(sites, tmp_path):
    uuid = _shared_enterprise(sites, tmp_path)
    _edit(sites["city"], uuid, name="市局改的名")
    _edit(sites["dongsheng"], uuid, name="旗区改的名")
    ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    admin = sites["city"].use()
    conflicts.resolve(admin, conflicts.rows()[0].id, "mine")
    _, at_district = ship(sites["city"], sites["dongsheng"], tmp_path, "2.ipx")
    assert at_district.conflicts == [] and Enterprise.get(Enterprise.uuid == uuid).name == "市局改的名"


def test_a_contact_deleted_on_one_side_and_edited_on_the_other_is_a_conflict_not_a_loss(sites, tmp_path):
    uuid = _shared_enterprise(sites, tmp_path)
    admin = sites["dongsheng"].use()
    contact = Contact.get()
    records.delete_contact(admin, contact.enterprise_id, contact.id)
    admin = sites["city"].use()
    here = Contact.get(Contact.uuid == contact.uuid)
    records.save_contact(admin, here.enterprise_id, {"mobile": "13800000000"}, here.id)
    _, at_city = ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    assert len(at_city.conflicts) == 1 and Contact.get(Contact.uuid == contact.uuid).mobile == "13800000000"
    _, at_district = ship(sites["city"], sites["dongsheng"], tmp_path, "2.ipx")
    assert len(at_district.conflicts) == 1 and not Contact.select().where(Contact.uuid == contact.uuid).exists()
    [row] = conflicts.rows()
    assert row.field == "_deleted" and row.local_value is True and row.remote_value["mobile"] == "13800000000"
    conflicts.resolve(sites["dongsheng"].use(), row.id, "theirs")  # bring it back with the city's edit
    assert Contact.get(Contact.uuid == contact.uuid).mobile == "13800000000"
    assert Enterprise.get(Enterprise.uuid == uuid).contacts.count() == 1


def test_a_contact_deleted_on_one_side_only_is_deleted_on_the_other(sites, tmp_path):
    _shared_enterprise(sites, tmp_path)
    admin = sites["dongsheng"].use()
    contact = Contact.get()
    records.delete_contact(admin, contact.enterprise_id, contact.id)
    _, at_city = ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    assert (at_city.deleted, at_city.conflicts) == (1, []) and Contact.select().count() == 0


def test_archiving_on_one_side_while_editing_on_the_other_is_a_conflict(sites, tmp_path):
    uuid = _shared_enterprise(sites, tmp_path)
    admin = sites["dongsheng"].use()
    register.set_archived(admin, Enterprise.get(Enterprise.uuid == uuid).id, True, "已注销")
    _edit(sites["city"], uuid, main_products="新产品")
    _, at_city = ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    e = Enterprise.get(Enterprise.uuid == uuid)
    assert [c.split("：")[-1] for c in at_city.conflicts] == ["archived"] and not e.archived
    _, at_district = ship(sites["city"], sites["dongsheng"], tmp_path, "2.ipx")
    e = Enterprise.get(Enterprise.uuid == uuid)
    assert [c.split("：")[-1] for c in at_district.conflicts] == ["archived"]
    assert e.archived and e.main_products == "新产品"  # the edit is taken, the archive stays for review


def test_an_archive_that_saw_every_edit_is_taken(sites, tmp_path):
    uuid = _shared_enterprise(sites, tmp_path)
    admin = sites["dongsheng"].use()
    register.set_archived(admin, Enterprise.get(Enterprise.uuid == uuid).id, True, "已注销")
    _, at_city = ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    assert at_city.conflicts == [] and Enterprise.get(Enterprise.uuid == uuid).archived
    assert ExchangeConflict.select().count() == 0


def test_a_deletion_of_a_record_still_referred_to_here_is_a_conflict_not_a_refused_package(sites, tmp_path):
    """A tombstone that saw every edit, for an enterprise that still has a contact here (added after the
    deletion there): kept for review, the rest of the package applied."""
    from app.services.exchange import changelog, keys
    from app.services.exchange.merge import Merger

    uuid = _shared_enterprise(sites, tmp_path)
    admin = sites["city"].use()
    changelog.catch_up(keys.identity().exchange_id)
    seen = changelog.merged(*changelog.vectors("enterprise", uuid).values())
    merger = Merger(admin, "peer", "东胜区", "2026-09-20")
    tombstone = {"entity": "enterprise", "uuid": uuid, "deleted": True, "fields": {},
                 "vectors": {"_deleted": changelog.bumped(seen, "peer")}}  # fmt: skip
    merger.prefetch([tombstone])
    merger.apply(tombstone)
    merger.finish()
    assert len(merger.outcome.conflicts) == 1 and merger.outcome.deleted == 0
    assert Enterprise.get(Enterprise.uuid == uuid).contacts.count() == 1
    [row] = ExchangeConflict.select()
    assert (row.entity, row.field, row.status) == ("enterprise", "_deleted", "open")


def test_taking_theirs_when_it_clashes_with_another_record_here_is_refused_in_chinese(sites, tmp_path):
    import random

    import pytest

    from app.services.exchange.errors import Refused
    from app.services.system.demo import make_uscc

    uuid = _shared_enterprise(sites, tmp_path)
    rng = random.Random(7)
    taken, other = make_uscc(rng, DONGSHENG), make_uscc(rng, DONGSHENG)
    _edit(sites["dongsheng"], uuid, uscc=taken)
    _edit(sites["city"], uuid, uscc=other)
    admin = sites["city"].use()
    new_enterprise(admin, DONGSHENG, "另一家企业", uscc=taken)
    _, at_city = ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    [row] = [r for r in conflicts.rows() if r.field == "uscc"]
    before = dump(sites["city"])
    admin = sites["city"].use()
    with pytest.raises(Refused, match="统一社会信用代码.*与本机另一条记录相同"):
        conflicts.resolve(admin, row.id, "theirs")
    assert dump(sites["city"]) == before
    assert Enterprise.get(Enterprise.uuid == uuid).uscc == other
