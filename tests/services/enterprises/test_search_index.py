"""The search index answers exactly as the table scan it replaced, stays in step with every write, and adds
pinyin matches and pinyin order."""

import random
import sqlite3

import pytest

from app.models import District, Enterprise
from app.models.db import current_path, database
from app.services.core.pinyin import name_pinyin
from app.services.enterprises import register as enterprises
from app.services.enterprises import search_index
from app.services.enterprises.search import EnterpriseQuery, refresh_index, search_ids
from app.services.system import database as setup
from app.services.system.demo import make_uscc
from app.text import name_key

# Names meant to be awkward: full-width forms, brackets, Latin letters, wildcards, quotes, rare characters.
AWKWARD = [
    "鄂尔多斯市华泰煤业有限公司",
    "鄂尔多斯市 华泰 股份有限公司分公司",
    "内蒙古伊然化工有限公司",
    "ＡＢＣ（鄂尔多斯）科技有限公司",
    "abc_def%商贸有限公司",
    '达拉特旗"双引号"物流有限公司',
    "堃𠮷䶮新材料有限公司",
    "重庆银行股份有限公司鄂尔多斯分行",
    "长城能源有限公司",
    "阿尔寨光伏科技有限公司",
    "包头钢铁（集团）有限责任公司",
    "华",
    "泰华",
]
_CHARS = "华泰宏达鑫源恒盛祥瑞丰昌隆兴利通顺安康永德金银山川河海天地新世纪东西南北蒙伊然兰图格尔乌达拉"


def _add_rows(count: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    districts = list(District.select())
    names = AWKWARD + [
        f"{rng.choice(['鄂尔多斯市', '内蒙古', ''])}{''.join(rng.choices(_CHARS, k=rng.randint(1, 4)))}"
        f"{rng.choice(['科技', '能源', 'ABC', '煤业'])}{rng.choice(['有限公司', '股份有限公司', ''])}"
        for _ in range(count)
    ]
    codes = set(Enterprise.select(Enterprise.uscc).tuples())
    rows = []
    for i, name in enumerate(names):
        district = districts[i % len(districts)]
        code = make_uscc(rng, district.code)
        while (code,) in codes:
            code = make_uscc(rng, district.code)
        codes.add((code,))
        rows.append(
            {
                "uscc": code,
                "name": name,
                "name_key": name_key(name),
                "district": district.id,
                "registered_address": f"内蒙古自治区鄂尔多斯市{district.name}{rng.choice(_CHARS)}路{i}号",
                "archived": i % 17 == 0,
            }
        )
    with database.atomic():
        Enterprise.insert_many(rows).execute()


def _queries() -> list[str]:
    sample = [e for e in Enterprise.select().order_by(Enterprise.id)][::7]
    texts = [
        "鄂尔多斯", "华泰", "华", "泰华", "华泰煤业", "鄂尔多斯市 华泰", "ＡＢＣ", "abc", "ABC（鄂尔多斯）", "(鄂尔多斯)",
        "abc_def%", "_", "%", '"双引号"', '"', "𠮷", "堃𠮷䶮", "有限公司", "股份有限公司", "东胜区", "达拉特旗",
        "150602", "91150", "９１１５", "不存在的名字", "有限", "分行", "e", "nm", "nmg", "ABc",
    ]  # fmt: skip
    for ent in sample[:12]:
        texts += [ent.name, ent.name_key[2:5], ent.name_key[-2:], ent.uscc[:8], ent.uscc[:8].lower(), ent.uscc]
    return texts


def _pinyin_extras(text: str, include_archived: bool) -> set[int]:
    """Enterprises whose names' pinyin or initials contain `text` (what the index adds for Latin letters)."""
    key = name_key(text)
    if not (key.isascii() and key.isalpha() and len(key) >= 3):
        return set()
    found = set()
    for ent in Enterprise.select():
        spelled = name_pinyin(ent.name_key)
        if (key in spelled.full or key in spelled.initials) and (include_archived or not ent.archived):
            found.add(ent.id)
    return found


@pytest.fixture
def register(demo_users):
    _add_rows(400)
    refresh_index()  # as an import does at its end; a keystroke only catches up for CATCH_UP_BUDGET
    return demo_users


def test_the_index_answers_as_the_scan_did(register):
    assert search_index.ensure()
    for actor in (register["admin"], register["dongsheng"]):
        for text in _queries():
            for archived in (False, True):
                query = EnterpriseQuery(text=text, include_archived=archived)
                old = search_ids(actor, query, use_index=False)
                new = search_ids(actor, query)
                visible = set(search_ids(actor, EnterpriseQuery(include_archived=archived)))
                assert set(new) == set(old) | (_pinyin_extras(text, archived) & visible), text
                by_code = EnterpriseQuery(text=text, include_archived=archived, sort="uscc")
                if not _pinyin_extras(text, archived):
                    assert search_ids(actor, by_code) == search_ids(actor, by_code, use_index=False), text


def test_filters_and_sorts_combine_with_the_index_as_with_the_scan(register):
    admin = register["admin"]
    for text in ("华泰", "鄂尔多斯", "91150"):
        for sort in ("uscc", "district", "kind", "industry", "updated_at"):
            for descending in (False, True):
                query = EnterpriseQuery(text=text, sort=sort, descending=descending, district_code="150602")
                assert search_ids(admin, query) == search_ids(admin, query, use_index=False), (text, sort)


def test_pinyin_full_and_initials_find_names(register):
    admin = register["admin"]
    target = Enterprise.get(Enterprise.name == "内蒙古伊然化工有限公司").id
    for text in ("nmgyr", "NMGYR", "neimenggu", "yiranhuagong", "nmgyrhg"):
        assert target in search_ids(admin, EnterpriseQuery(text=text)), text
    bank = Enterprise.get(Enterprise.name == "重庆银行股份有限公司鄂尔多斯分行").id
    assert bank in search_ids(admin, EnterpriseQuery(text="cqyh"))  # 重 chóng and 行 háng read from phrases
    rare = Enterprise.get(Enterprise.name == "堃𠮷䶮新材料有限公司").id
    assert name_pinyin("堃𠮷䶮").full == "kun𠮷yan"  # a character without pinyin stands for itself
    assert rare in search_ids(admin, EnterpriseQuery(text="kun"))
    assert rare in search_ids(admin, EnterpriseQuery(text="堃𠮷䶮"))


def test_names_sort_in_pinyin_order(register):
    admin = register["admin"]
    names = {e.id: e.name for e in Enterprise.select()}
    order = [names[i] for i in search_ids(admin, EnterpriseQuery(include_archived=True))]
    a, b, c = (order.index(n) for n in ("阿尔寨光伏科技有限公司", "包头钢铁（集团）有限责任公司", "长城能源有限公司"))
    assert a < b < c
    assert name_pinyin("长城").sort_key == "chang2 cheng2"
    keys = [name_pinyin(name_key(n)).sort_key for n in order]
    assert keys == sorted(keys)
    backwards = search_ids(admin, EnterpriseQuery(include_archived=True, descending=True))
    assert [names[i] for i in backwards][0] == order[-1]


def test_writes_of_every_kind_keep_the_index_in_step(register):
    admin = register["admin"]
    target = Enterprise.get(Enterprise.name == "长城能源有限公司")
    enterprises.update(admin, target.id, {"name": "草原云数据有限公司"}, target.row_version)
    assert search_ids(admin, EnterpriseQuery(text="长城能源")) == []
    assert search_ids(admin, EnterpriseQuery(text="cyysj")) == [target.id]
    assert search_ids(admin, EnterpriseQuery(text="草原云")) == [target.id]
    # Another program's own connection, without this application's code: the triggers still queue the rows.
    conn = sqlite3.connect(current_path())
    conn.execute("UPDATE enterprise SET name = '白云鄂博矿业', name_key = '白云鄂博矿业' WHERE id = ?", (target.id,))
    conn.execute("DELETE FROM enterprise WHERE name = '泰华'")
    conn.commit()
    conn.close()
    assert search_ids(admin, EnterpriseQuery(text="草原云")) == []
    assert search_ids(admin, EnterpriseQuery(text="byebky")) == [target.id]
    gone = EnterpriseQuery(text="泰华")
    assert search_ids(admin, gone) == search_ids(admin, gone, use_index=False)
    assert not search_index.pending()


def test_rows_waiting_for_the_index_are_found_by_the_scan(register, monkeypatch):
    admin = register["admin"]
    monkeypatch.setattr("app.services.enterprises.search.CATCH_UP_BUDGET", 0)
    _add_rows(30, seed=9)
    assert search_index.pending()
    for text in ("华泰", "鄂尔多斯", "91150"):
        query = EnterpriseQuery(text=text)
        assert search_ids(admin, query) == search_ids(admin, query, use_index=False)


def test_an_index_missing_or_out_of_step_is_rebuilt_on_open(register):
    admin = register["admin"]
    path = current_path()
    expected = search_ids(admin, EnterpriseQuery(text="nmgyr"))
    database.execute_sql(f"DROP TRIGGER {search_index.FTS}_insert")
    _add_rows(5, seed=11)  # written while a trigger was missing: the index no longer covers every row
    setup.open_register(path)
    assert search_index.pending()  # rebuilt: every row waits, and searches scan meanwhile
    refresh_index()  # the register page runs this in the background
    found = search_ids(admin, EnterpriseQuery(text="nmgyr"))
    assert set(expected) < set(found)  # the rows added meanwhile include a second 内蒙古伊然化工
    assert {Enterprise.get_by_id(i).name for i in found} == {"内蒙古伊然化工有限公司"}
    by_code = EnterpriseQuery(text="华泰", sort="uscc")
    assert search_ids(admin, by_code) == search_ids(admin, by_code, use_index=False)
    database.execute_sql(f"DROP TABLE {search_index.FTS}")
    setup.open_register(path)
    refresh_index()
    assert search_ids(admin, EnterpriseQuery(text="nmgyr")) == found


def test_addresses_are_searched_only_when_asked(register):
    admin = register["admin"]
    plain = search_ids(admin, EnterpriseQuery(text="东胜区"))
    with_addresses = search_ids(admin, EnterpriseQuery(text="东胜区", match_addresses=True))
    scanned = search_ids(admin, EnterpriseQuery(text="东胜区", match_addresses=True), use_index=False)
    assert set(with_addresses) == set(scanned) and len(with_addresses) > len(plain)
