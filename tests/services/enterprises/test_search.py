"""Register search: name fragments, USCC prefixes, filters, sorting, and the lazy row fetch."""

import pytest

from app.models import Enterprise
from app.models.db import database
from app.services.core.errors import ValidationError
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import (
    MAX_SEARCH_LENGTH,
    EnterpriseQuery,
    _statement,
    count,
    fetch_rows,
    ordered_select,
    search_ids,
)


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


def test_reused_statements_equal_the_query_built_afresh(demo_users):
    """Search builds its SQL once per shape of query and puts each keystroke's words in: for every user, filter,
    sort and kind of text (names, pinyin, codes, addresses, LIKE's wildcards, quotes) the statement and the
    answer are those of the query peewee builds afresh."""
    names = [e.name for e in Enterprise.select().order_by(Enterprise.id).limit(6)]
    code = Enterprise.select().first().uscc
    texts = ["", "鄂", "尔多", *(n[2:6] for n in names), *(n[1:4] for n in names), "nmg", "eeds", "ed", "Ｅｅｄｓ",
             code[:8], code[:12].lower(), "9115", "路", "东胜区", '多"斯', "50%", "a_b", "x\\y", "有限公司"]  # fmt: skip
    queries = [EnterpriseQuery(text=t) for t in texts]
    queries += [EnterpriseQuery(text=t, match_addresses=True) for t in texts]
    queries += [
        EnterpriseQuery(text=t, district_code="150602", kind="enterprise", sort="uscc", descending=True)
        for t in texts
    ]
    queries += [EnterpriseQuery(text=t, industry_section="C", include_archived=True, sort="district") for t in texts]
    for user in demo_users.values():
        if not user.active:
            continue
        for indexed in (True, False):
            for query in queries:
                expected_sql, expected_params = ordered_select(user, query, indexed).sql()
                assert _statement(user, query, indexed) == (expected_sql, list(expected_params)), query
        for query in queries:
            expected = [i for (i,) in database.execute(ordered_select(user, query, True)).fetchall()]
            assert search_ids(user, query) == expected, query
