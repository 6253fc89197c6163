"""Attachments travel with their files: each file once per package, byte-identical, into the receiver's
content-addressed store; a file that is not of an allowed type, is too large or does not match its row
refuses the package whole."""

import hashlib

import pytest

from app.models import Attachment, Visit
from app.services.core import attachments, settings
from app.services.exchange import keys, package, receive, send
from app.services.exchange.errors import Refused
from app.services.liaison import visits
from tests.helpers.exchange_sites import DONGSHENG, dump, new_enterprise, send_only, ship

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _visit_with_files(site, tmp_path, names=("走访记录.pdf", "走访记录副本.pdf")):
    admin = site.use()
    enterprise = new_enterprise(admin, DONGSHENG, "附件企业")
    visit = visits.record_visit(admin, enterprise.id, {"visited_on": "2026-09-20", "notes": "走访"})
    for name in names:
        source = tmp_path / name
        source.write_bytes(PDF)
        visits.attach_file(admin, visit.id, source)
    return visit


def test_files_arrive_once_and_byte_identical_and_a_second_package_brings_no_new_file(sites, tmp_path):
    visit = _visit_with_files(sites["dongsheng"], tmp_path)
    path, result = ship(sites["dongsheng"], sites["city"], tmp_path)
    assert result.counts["attachment"] == 2 and result.files == 1
    package_bytes = path.read_bytes()
    assert PDF not in package_bytes  # encrypted, never in the clear
    rows = list(Attachment.select().where(Attachment.entity_uuid == visit.uuid))
    assert sorted(r.original_name for r in rows) == ["走访记录.pdf", "走访记录副本.pdf"]
    assert {attachments.file_of(r).read_bytes() for r in rows} == {PDF}
    assert {r.sha256 for r in rows} == {hashlib.sha256(PDF).hexdigest()}
    ship(sites["city"], sites["dongsheng"], tmp_path, "ack.ipx")  # the city acknowledges the first package
    admin = sites["dongsheng"].use()
    other = visits.record_visit(admin, Visit.get_by_id(visit.id).enterprise_id, {"visited_on": "2026-09-21", "notes": "回访"})
    visits.attach_file(admin, other.id, tmp_path / "走访记录.pdf")
    path, again = ship(sites["dongsheng"], sites["city"], tmp_path, "2.ipx")
    assert again.counts["attachment"] == 1 and again.files == 0 and len(path.read_bytes()) < len(PDF)
    row = Attachment.get(Attachment.entity_uuid == other.uuid)
    assert attachments.file_of(row).read_bytes() == PDF


def _forged(sites, tmp_path, data: bytes, size: int | None = None):
    """A package from Dongsheng whose one attachment brings `data` as its file (its row says `size`)."""
    visit = _visit_with_files(sites["dongsheng"], tmp_path, ("文件.pdf",))
    row = Attachment.get(Attachment.entity_uuid == visit.uuid)
    record = send.wire_record(send.KINDS["attachment"], row.uuid)
    parent = send.wire_record(send.KINDS["visit"], visit.uuid)
    enterprise = send.wire_record(send.KINDS["enterprise"], Visit.get_by_id(visit.id).enterprise.uuid)
    record["fields"].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data) if size is None else size)
    peer = send.pairing.peer_by_name("city")
    path = tmp_path / "forged.ipx"
    package.write(path, keys.identity(), peer, {"seq_from": 1, "seq_to": 99, "ack": 0},
                  [enterprise, parent, record], {record["fields"]["sha256"]: data})  # fmt: skip
    return path


@pytest.mark.parametrize("data, size, reason", [
    (b"MZ\x90\x00" + PDF[4:], None, "不是允许的文件类型"),
    (PDF * 120, None, "超过本机上限 1 MB"),
    (PDF, 10, "大小与记录不符"),
])  # fmt: skip
def test_a_file_of_a_wrong_type_too_large_or_unlike_its_row_refuses_the_package_whole(sites, tmp_path, data, size,
                                                                                      reason):
    path = _forged(sites, tmp_path, data, size)
    settings.set_value(sites["city"].use(), "attachments.max_mb", 1)
    before = dump(sites["city"])
    with pytest.raises(Refused, match=reason):
        receive.receive(sites["city"].use(), path)
    assert dump(sites["city"]) == before
    assert not attachments.store_dir().exists() or not any(attachments.store_dir().rglob("*"))


def test_a_tampered_files_member_is_refused(sites, tmp_path):
    import zipfile

    _visit_with_files(sites["dongsheng"], tmp_path, ("文件.pdf",))
    path = send_only(sites["dongsheng"], sites["city"], tmp_path / "p.ipx")
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["files.bin"] = members["files.bin"][:-1] + bytes([members["files.bin"][-1] ^ 1])
    with zipfile.ZipFile(tmp_path / "bad.ipx", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(Refused, match="files.bin"):
        receive.receive(sites["city"].use(), tmp_path / "bad.ipx")
