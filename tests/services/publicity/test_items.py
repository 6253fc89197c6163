"""Publicity items on a real database: channels and links checked, enterprises featured (and audited under each),
yearly counts per channel and district, district scoping."""

import pytest

from app.models import AuditLog, Enterprise, PublicityFeature, PublicityItem
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.enterprises import records
from app.services.publicity import items as publicity


def _enterprise(code: str, nth: int = 0) -> Enterprise:
    district = Enterprise.district.rel_model
    return Enterprise.select().join(district).where(district.code == code).order_by(Enterprise.id)[nth]


def _item(channel, day, title="重点企业知识产权保护工作纪实", outlet="鄂尔多斯日报", district="150602", **more):
    return {"channel": channel, "published_on": day, "title": title, "outlet": outlet, "district": district,
            **more}  # fmt: skip


def test_yearly_counts_per_channel_and_district(demo_users):
    officer, other, admin = demo_users["dongsheng"], demo_users["dalate"], demo_users["admin"]
    a, b = _enterprise("150602"), _enterprise("150602", 1)
    publicity.record_item(officer, _item("newspaper", "2026-03-02"), [a.id, b.id])
    publicity.record_item(officer, _item("微信", "2026-04-01", outlet="东胜市场监管"), [a.id])
    publicity.record_item(officer, _item("wechat", "2025-12-30", outlet="东胜市场监管"), [a.id])
    publicity.record_item(other, _item("tv", "2026-05-01", outlet="达拉特旗电视台", district="达拉特旗"))
    publicity.record_item(admin, _item("website", "2026-06-01", outlet="市局门户网站", district=None), [a.id])
    counts = publicity.year_counts(admin, 2026)
    assert counts[a.district_id] == {"newspaper": 1, "wechat": 1, "total": 2, "enterprises": 2}
    assert counts[None] == {"website": 1, "total": 1, "enterprises": 1}
    assert sum(c["total"] for c in counts.values()) == 4  # the 2025 item is not in 2026
    mine = publicity.year_counts(officer, 2026)
    assert set(mine) == {a.district_id, None}  # their own and the city's, never another district's
    assert [i.outlet for i in publicity.items(officer, 2026, channel="微信")] == ["东胜市场监管"]


def test_a_district_writes_its_own_items_and_reads_the_citys(demo_users):
    officer, admin = demo_users["dongsheng"], demo_users["admin"]
    theirs = publicity.record_item(admin, _item("radio", "2026-02-02", district="150621", outlet="达拉特旗广播"))
    city = publicity.record_item(admin, _item("weibo", "2026-02-03", district=None, outlet="@鄂尔多斯市场监管"))
    with pytest.raises(NotFound):
        publicity.get_item(officer, theirs.id)
    assert publicity.get_item(officer, city.id).id == city.id
    with pytest.raises(PermissionDenied):
        publicity.update_item(officer, city.id, {"title": "改"})
    with pytest.raises(PermissionDenied):
        publicity.record_item(officer, _item("radio", "2026-02-02", district="150621"))
    with pytest.raises(PermissionDenied):
        publicity.record_item(demo_users["chakan"], _item("radio", "2026-02-02"))
    with pytest.raises(NotFound):  # featuring an enterprise the officer cannot see
        publicity.record_item(officer, _item("radio", "2026-02-02"), [_enterprise("150621").id])
    assert PublicityItem.select().count() == 2


def test_fields_are_checked_by_name(demo_users):
    with pytest.raises(ValidationError) as bad:
        publicity.record_item(demo_users["dongsheng"], _item("抖音", "", title=" ", outlet="", link="www.x.cn"))
    assert set(bad.value.errors) == {"channel", "published_on", "title", "outlet", "link"}
    assert "电视、广播、报纸、网站、微博、微信、其他" in bad.value.errors["channel"]


def test_features_are_replaced_and_every_write_audited(demo_users):
    officer = demo_users["dongsheng"]
    a, b = _enterprise("150602"), _enterprise("150602", 1)
    item = publicity.record_item(officer, _item("website", "2026-03-02", link="https://www.ordos.gov.cn/a.html"),
                                 [a.id])  # fmt: skip
    publicity.update_item(officer, item.id, {"title": "新标题"}, [b.id])
    assert [e.id for e in publicity.featured_in(item)] == [b.id]
    assert [e.action for e in records.history(officer, a.id)][:2] == ["publicity.unfeature", "publicity.feature"]
    assert [i.id for i in publicity.featuring(officer, b.id)] == [item.id]
    publicity.delete_item(officer, item.id)
    assert PublicityFeature.select().count() == 0
    trail = [e.action for e in AuditLog.select().where(AuditLog.action.startswith("publicity.")).order_by(AuditLog.id)]
    assert trail == ["publicity.create", "publicity.feature", "publicity.update", "publicity.unfeature",
                     "publicity.feature", "publicity.unfeature", "publicity.delete"]  # fmt: skip
