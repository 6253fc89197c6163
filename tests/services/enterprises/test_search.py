"""Register search: name fragments, USCC prefixes, filters, sorting, and the lazy row fetch."""

import pytest

from app.models import Enterprise
from app.services.core.errors import ValidationError
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import MAX_SEARCH_LENGTH, EnterpriseQuery, count, fetch_rows, search_ids


def test_name_fragment_ignores_spaces_and_full_width(demo_users):
    admin = demo_users["admin"]
    target = Enterprise.select().where(Enterprise.kind == "association").first()
    fragment = target.name[3:6]
    ids = search_ids(admin, EnterpriseQuery(text=" ".join(fragment)))
    assert target.id in ids
    assert all(fragment in Enterprise.get_by_id(i).name for i in ids)


def test_uscc_prefix_matches_codes(demo_users):
    admin = demo_users["admin"]
    target = Enterprise.select().first()
    ids = search_ids(admin, EnterpriseQuery(text=target.uscc[:12].lower()))
    assert target.id in ids
    assert all(Enterprise.get_by_id(i).uscc.startswith(target.uscc[:12]) for i in ids)


def test_filters_combine(demo_users):
    admin = demo_users["admin"]
    ids = search_ids(admin, EnterpriseQuery(district_code="150624", kind="association"))
    names = [Enterprise.get_by_id(i).name for i in ids]
    assert names == ["鄂托克旗阿尔巴斯绒山羊产业协会"]
    manufacturing = search_ids(admin, EnterpriseQuery(industry_section="C"))
    assert manufacturing and all(Enterprise.get_by_id(i).industry_section == "C" for i in manufacturing)
    assert count(admin, EnterpriseQuery(industry_section="C")) == len(manufacturing)


def test_archived_hidden_unless_asked(demo_users):
    admin = demo_users["admin"]
    target = Enterprise.select().first()
    enterprises.set_archived(admin, target.id, True, "注销")
    assert target.id not in search_ids(admin, EnterpriseQuery())
    assert target.id in search_ids(admin, EnterpriseQuery(include_archived=True))


def test_sorting_by_district_and_descending(demo_users):
    admin = demo_users["admin"]
    by_district = search_ids(admin, EnterpriseQuery(sort="district"))
    orders = [Enterprise.get_by_id(i).district.sort_order for i in by_district]
    assert orders == sorted(orders)
    by_name = search_ids(admin, EnterpriseQuery(sort="uscc", descending=True))
    codes = [Enterprise.get_by_id(i).uscc for i in by_name]
    assert codes == sorted(codes, reverse=True)


def test_fetch_rows_shows_the_latest_year_of_holdings(demo_users):
    admin = demo_users["admin"]
    ids = search_ids(admin, EnterpriseQuery())[:5]
    rows = fetch_rows(ids)
    assert set(rows) == set(ids)
    for ent_id, row in rows.items():
        latest = Enterprise.get_by_id(ent_id).holdings.order_by(-Enterprise.holdings.rel_model.year).first()
        assert row.invention_patents == latest.invention_patents


def test_search_text_of_50000_bytes_is_refused_with_a_message_not_an_sqlite_error(demo_users):
    admin = demo_users["admin"]
    with pytest.raises(ValidationError, match="查找内容：不能超过 200 个字（实际 50000 个字）"):
        search_ids(admin, EnterpriseQuery(text="a" * 50_000))
    with pytest.raises(ValidationError, match="不能超过 200 个字"):
        count(admin, EnterpriseQuery(text="鄂" * (MAX_SEARCH_LENGTH + 1)))
    assert search_ids(admin, EnterpriseQuery(text="鄂" * MAX_SEARCH_LENGTH)) == []
