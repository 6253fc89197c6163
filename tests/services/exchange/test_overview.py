"""What the 数据交换 page reads: the identity, each peer with its pairing date and last package each way, and
the open conflicts with both values as text and the sending office's short name; only for administrators."""

from datetime import datetime

import pytest

from app.models import Enterprise
from app.services.core.errors import PermissionDenied
from app.services.enterprises import register
from app.services.exchange import conflicts, keys, overview
from app.services.exchange.kinds import DELETED
from app.services.exchange.merge import RECORD
from tests.helpers.exchange_sites import DONGSHENG, new_enterprise, ship


def test_peers_show_when_paired_and_their_last_package_each_way(sites, tmp_path):
    admin = sites["city"].use()
    seen = overview.overview(admin)
    assert seen.identity == keys.identity() and seen.problem == "" and seen.open_conflicts == 0
    assert sorted(p.scope_label for p in seen.peers) == ["东胜区", "达拉特旗"]
    assert all(isinstance(p.paired_at, datetime) and p.last_sent_at is p.last_received_at is None for p in seen.peers)

    new_enterprise(sites["dongsheng"].use(), DONGSHENG, "东胜测试企业")
    ship(sites["dongsheng"], sites["city"], tmp_path)
    at_city = {p.scope_label: p for p in overview.overview(sites["city"].use()).peers}
    assert at_city["东胜区"].last_received_at is not None and at_city["达拉特旗"].last_received_at is None
    assert len(at_city["东胜区"].last_received_at) == 16  # to the minute
    at_district = overview.overview(sites["dongsheng"].use())
    [city] = at_district.peers
    assert city.scope_label == "市局" and city.last_sent_at is not None and city.pending_changes >= 1


def test_open_conflicts_carry_both_values_and_the_sender(sites, tmp_path):
    admin = sites["dongsheng"].use()
    made = new_enterprise(admin, DONGSHENG, "共同企业", main_products="稀土")
    ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    register.update(sites["city"].use(), Enterprise.get(Enterprise.uuid == made.uuid).id, {"main_products": "煤化工"})
    register.update(sites["dongsheng"].use(), made.id, {"main_products": ""})
    ship(sites["dongsheng"], sites["city"], tmp_path, "2.ipx")
    admin = sites["city"].use()
    [row] = overview.open_conflicts(admin)
    assert (row.field, row.ours, row.theirs, row.from_label) == ("主要产品", "煤化工", overview.EMPTY, "东胜区")
    assert "东胜区" in row.from_body and "共同企业" in row.record and not row.whole_record
    assert row.ours_typed == "煤化工" and overview.overview(admin).open_conflicts == 1
    conflicts.resolve(admin, row.id, "mine")
    assert overview.open_conflicts(admin) == []


def test_values_read_as_a_person_would_say_them():
    assert [overview.value_text(v) for v in (None, "", True, False, 12, "照录")] == [
        "（空）", "（空）", "是", "否", "12", "照录"]  # fmt: skip
    assert overview.value_text(True, DELETED) == "已删除" and overview.value_text(False, DELETED) == "仍在"
    assert overview.value_text({"name": "x"}, DELETED) == "仍在（有修改）"
    assert overview.value_text({"name": "x"}, RECORD) == "（整条记录）"


def test_only_the_administrator_sees_the_exchange(demo_db, demo_users):
    assert overview.may_exchange(demo_users["admin"])
    assert not overview.may_exchange(demo_users["dongsheng"]) and not overview.may_exchange(None)
    with pytest.raises(PermissionDenied):
        overview.overview(demo_users["dongsheng"])
    with pytest.raises(PermissionDenied):
        overview.open_conflicts(demo_users["dongsheng"])


def test_pending_changes_count_only_what_the_peer_would_be_sent(sites, tmp_path):
    made = new_enterprise(sites["dongsheng"].use(), DONGSHENG, "东胜待发企业")
    ship(sites["dongsheng"], sites["city"], tmp_path)
    city = sites["city"].use()
    register.update(city, Enterprise.get(Enterprise.uuid == made.uuid).id, {"main_products": "稀土"})
    register.update(city, Enterprise.get(Enterprise.uuid == made.uuid).id, {"main_products": "稀土永磁"})
    pending = {p.scope_label: p.pending_changes for p in overview.overview(city).peers}
    assert pending == {"东胜区": 1, "达拉特旗": 0}  # one record, edited twice; none of it Dalate's
    from app.services.enforcement import agencies

    agencies.add_agency(city, {"name": "市场监管执法支队"})
    pending = {p.scope_label: p.pending_changes for p in overview.overview(city).peers}
    assert pending == {"东胜区": 2, "达拉特旗": 1}
    ship(sites["city"], sites["dongsheng"], tmp_path, "down.ipx")
    ship(sites["dongsheng"], sites["city"], tmp_path, "ack.ipx")  # carries the acknowledgement back
    pending = {p.scope_label: p.pending_changes for p in overview.overview(sites["city"].use()).peers}
    assert pending == {"东胜区": 0, "达拉特旗": 1}
