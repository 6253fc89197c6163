"""Packages end to end on real database files: what a district sends arrives at the city field for field, and
a package that is tampered with, addressed to another installation, outside its sender's scope or already
imported changes nothing."""

import zipfile

import pytest

from app.models import Contact, Enterprise, ExchangePeer, User
from app.services.enterprises import register
from app.services.exchange import keys, package, receive, send
from app.services.exchange.errors import Refused
from tests.helpers.exchange_sites import DALATE, DONGSHENG, dump, new_contact, new_enterprise, send_only, ship


def _values(uuid: str) -> dict:
    e = Enterprise.get(Enterprise.uuid == uuid)
    return {"name": e.name, "uscc": e.uscc, "district": e.district.code, "capital": e.registered_capital,
            "founded": e.founded_on, "contacts": sorted((c.uuid, c.name, c.mobile) for c in e.contacts)}  # fmt: skip


def test_a_districts_enterprise_and_contacts_arrive_at_the_city_as_they_were(sites, tmp_path):
    admin = sites["dongsheng"].use()
    made = new_enterprise(admin, DONGSHENG, "鄂尔多斯（集团）有限公司，１２３号", registered_capital="1200.50",
                          founded_on="2010-05-04")  # fmt: skip
    new_contact(admin, made.id, "王伟", mobile="13912345678")
    there = _values(made.uuid)
    _, result = ship(sites["dongsheng"], sites["city"], tmp_path)
    assert (result.created, result.conflicts, result.counts) == (2, [], {"enterprise": 1, "contact": 1})
    assert _values(made.uuid) == there


def test_importing_the_same_package_twice_changes_nothing_the_second_time(sites, tmp_path):
    admin = sites["dongsheng"].use()
    new_enterprise(admin, DONGSHENG, "甲公司")
    path, first = ship(sites["dongsheng"], sites["city"], tmp_path)
    before = dump(sites["city"])
    again = receive.receive(sites["city"].use(), path)
    assert first.created == 1 and again.duplicate and dump(sites["city"]) == before


def test_an_older_package_arriving_after_a_newer_one_changes_nothing(sites, tmp_path):
    admin = sites["dongsheng"].use()
    made = new_enterprise(admin, DONGSHENG, "旧名")
    old = send_only(sites["dongsheng"], sites["city"], tmp_path / "old.ipx")
    register.update(sites["dongsheng"].use(), made.id, {"name": "新名"})
    new = send_only(sites["dongsheng"], sites["city"], tmp_path / "new.ipx")
    city = sites["city"].use()
    receive.receive(city, new)
    before = dump(sites["city"])
    late = receive.receive(city, old)
    assert late.duplicate and dump(sites["city"]) == before
    assert Enterprise.get(Enterprise.uuid == made.uuid).name == "新名"


def _rezipped(path, target, change):
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def test_a_tampered_byte_is_refused_unless_it_is_zip_bookkeeping_that_changes_nothing_read(sites, tmp_path):
    """Every byte of every member (manifest, signature, payload) is covered: flipping one refuses the package.
    Elsewhere, a flipped byte either refuses it or is zip bookkeeping (a time stamp, a flag) nobody reads."""
    new_enterprise(sites["dongsheng"].use(), DONGSHENG, "甲公司")
    path = send_only(sites["dongsheng"], sites["city"], tmp_path / "p.ipx")
    original = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        spans = [(i.header_offset + 30 + len(i.filename), i.compress_size) for i in archive.infolist()]
    content = {start + k for start, size in spans for k in range(size)}
    city = sites["city"].use()
    find = lambda sender: ExchangePeer.get_or_none(ExchangePeer.exchange_id == sender)  # noqa: E731
    intact = package.read(path, keys.identity(), find)
    before = dump(sites["city"])
    refused_content = 0
    for offset in range(len(original)):
        data = bytearray(original)
        data[offset] ^= 0x01
        (tmp_path / "t.ipx").write_bytes(bytes(data))
        try:
            opened = package.read(tmp_path / "t.ipx", keys.identity(), find)
        except Refused:
            refused_content += offset in content
            continue
        assert offset not in content and (opened.manifest, opened.records) == (intact.manifest, intact.records)
    assert refused_content == len(content)
    (tmp_path / "t.ipx").write_bytes(original[:-100])
    with pytest.raises(Refused, match="已损坏或不完整"):
        receive.receive(city, tmp_path / "t.ipx")
    data = bytearray(original)
    data[spans[2][0] + 5] ^= 0x01
    (tmp_path / "t.ipx").write_bytes(bytes(data))
    with pytest.raises(Refused):
        receive.receive(city, tmp_path / "t.ipx")
    assert dump(sites["city"]) == before


def test_a_payload_changed_inside_a_valid_zip_fails_the_manifests_checksum(sites, tmp_path):
    new_enterprise(sites["dongsheng"].use(), DONGSHENG, "甲公司")
    path = send_only(sites["dongsheng"], sites["city"], tmp_path / "p.ipx")

    def flip(members):
        payload = bytearray(members[package.PAYLOAD])
        payload[20] ^= 0x01
        members[package.PAYLOAD] = bytes(payload)

    with pytest.raises(Refused, match="校验值不符"):
        receive.receive(sites["city"].use(), _rezipped(path, tmp_path / "t.ipx", flip))


def test_a_rewritten_manifest_fails_its_signature(sites, tmp_path):
    new_enterprise(sites["dongsheng"].use(), DONGSHENG, "甲公司")
    path = send_only(sites["dongsheng"], sites["city"], tmp_path / "p.ipx")

    def forge(members):
        members[package.MANIFEST] = members[package.MANIFEST].replace(b'"seq_to": ', b'"seq_to": 9')

    forged = _rezipped(path, tmp_path / "forged.ipx", forge)
    with pytest.raises(Refused, match="签名不符"):
        receive.receive(sites["city"].use(), forged)


def test_a_package_for_another_installation_is_refused(sites, tmp_path):
    admin = sites["city"].use()
    new_enterprise(admin, DONGSHENG, "甲公司")
    path = send_only(sites["city"], sites["dongsheng"], tmp_path / "for-dongsheng.ipx")
    before = dump(sites["dalate"])
    with pytest.raises(Refused, match="发给另一台安装"):
        receive.receive(sites["dalate"].use(), path)
    assert dump(sites["dalate"]) == before


def test_the_city_sends_a_district_only_that_districts_records(sites, tmp_path):
    admin = sites["city"].use()
    mine = new_enterprise(admin, DONGSHENG, "东胜企业")
    new_enterprise(admin, DALATE, "达拉特企业")
    _, result = ship(sites["city"], sites["dongsheng"], tmp_path)
    assert result.created == 1
    assert [e.uuid for e in Enterprise.select()] == [mine.uuid]


def _forged_district_package(sites, tmp_path, records: list[dict]):
    """A package signed by Dongsheng holding whatever records the test puts in (the sender's own filter bypassed)."""
    sites["dongsheng"].use()
    own = keys.identity()
    city_peer = ExchangePeer.get(ExchangePeer.scope == "city")
    return package.write(tmp_path / "forged.ipx", own, city_peer, {"seq_from": 1, "seq_to": 99, "ack": 0}, records)


def test_a_district_package_holding_another_districts_enterprise_is_refused_whole(sites, tmp_path):
    admin = sites["dongsheng"].use()
    own = new_enterprise(admin, DONGSHENG, "东胜企业")
    # A district's accounts may not type another district's enterprise; one written past that rule (by a city
    # account put straight into the table) may not be sent either.
    outsider = User.create(login="outsider", display_name="外来", role="city_admin", password_hash="-")
    other = new_enterprise(outsider, DALATE, "达拉特企业")
    items = [send.wire_record(send.KINDS["enterprise"], e.uuid) for e in (own, other)]
    _forged_district_package(sites, tmp_path, items)
    before = dump(sites["city"])
    with pytest.raises(Refused, match="达拉特企业") as refused:
        receive.receive(sites["city"].use(), tmp_path / "forged.ipx")
    assert "整包拒收" in str(refused.value) and "东胜企业" not in str(refused.value)
    assert dump(sites["city"]) == before


def test_a_district_cannot_take_over_another_districts_enterprise_by_its_uuid(sites, tmp_path):
    city = sites["city"].use()
    theirs = new_enterprise(city, DALATE, "达拉特企业")
    admin = sites["dongsheng"].use()
    item = send.wire_record(send.KINDS["enterprise"], new_enterprise(admin, DONGSHENG, "伪装").uuid)
    item["uuid"] = theirs.uuid  # claims the city's Dalate record as its own
    _forged_district_package(sites, tmp_path, [item])
    with pytest.raises(Refused, match="达拉特企业"):
        receive.receive(sites["city"].use(), tmp_path / "forged.ipx")
    assert Enterprise.get(Enterprise.uuid == theirs.uuid).name == "达拉特企业"


def test_acknowledgements_travel_back_and_empty_the_next_package(sites, tmp_path):
    new_enterprise(sites["dongsheng"].use(), DONGSHENG, "甲公司")
    ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    sites["dongsheng"].use()
    assert ExchangePeer.get(ExchangePeer.scope == "city").acked_seq == 0
    ship(sites["city"], sites["dongsheng"], tmp_path, "2.ipx")  # carries the city's acknowledgement
    peer = ExchangePeer.get(ExchangePeer.scope == "city")
    assert peer.acked_seq == peer.sent_seq > 0
    send.send(sites["dongsheng"].use(), "city", tmp_path / "3.ipx")
    with zipfile.ZipFile(tmp_path / "3.ipx") as archive:
        assert b'"counts": {}' in archive.read(package.MANIFEST)


def test_a_dry_run_reports_and_changes_nothing(sites, tmp_path):
    admin = sites["dongsheng"].use()
    made = new_enterprise(admin, DONGSHENG, "甲公司")
    new_contact(admin, made.id, "李娜")
    path = send_only(sites["dongsheng"], sites["city"], tmp_path / "p.ipx")
    city = sites["city"].use()
    before = dump(sites["city"])
    preview = receive.receive(city, path, dry_run=True)
    assert preview.created == 2 and dump(sites["city"]) == before
    assert receive.receive(city, path).created == 2 and Contact.select().count() == 1
