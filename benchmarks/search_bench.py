"""Benchmark: search per keystroke at 10,000 and 100,000 enterprises, against a raw FTS5 query of the same index.

    python benchmarks/search_bench.py [--rows 10000 100000] [--keep DIR]

For each size it fills a new register (executemany, one transaction; the triggers fill the index), times the
indexing of the queued rows once, then for each query prints the register's answer (`search_ids`: permissions, filters,
ids in pinyin order), the floor (the raw FTS5 query of the same term over the same index, through sqlite3,
ids only) and their ratio; the same SQL the register runs, run raw (what the service layer adds beyond it);
and the plain scan search used before the index. Medians of several runs; the
floor is measured in the same run, never hard-coded. Goals: ≤ 10 ms per keystroke at 100k, ≤ 3× the floor.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from app.models.db import database
from app.services.core import reference
from app.services.enterprises import search_index
from app.services.enterprises.search import EnterpriseQuery, ordered_select, search_ids
from app.services.system import database as setup
from app.services.system.demo import make_uscc
from app.text import name_key
from benchmarks.timing import median_seconds

# Common characters of company names: random pairs of them make names as varied as a real register's.
_CHARS = (
    "华泰宏达鑫源恒盛祥瑞丰昌隆兴利通顺安康永德辉煌金银铜铁山川河海天地人和新世纪东西南北中"
    "蒙伊然兰图格尔乌达拉巴彦淖包头呼和浩特赤峰锡林郭勒阿拉善兴安草原骏马羊绒煤炭电力化工科技"
    "信息网络软件物流运输建筑工程材料机械设备制造农牧业乳业食品医药生物环保能源光伏风电氢能"
)
_PREFIXES = ("鄂尔多斯市", "内蒙古", "鄂尔多斯", "伊金霍洛旗", "达拉特旗", "")
_TRADES = ("科技", "能源", "煤业", "化工", "建设", "商贸", "物流", "农牧", "新材料", "电力")
_FORMS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
WARMUP_AND_RUNS = 7


def make_names(rows: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = []
    for i in range(rows):
        core = "".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 4)))
        names.append(f"{rng.choice(_PREFIXES)}{core}{rng.choice(_TRADES)}{i % 97 or ''}{rng.choice(_FORMS)}")
    return names


def fill(rows: int, seed: int = 7) -> None:
    """Insert `rows` enterprises with one executemany (setup, not what is measured)."""
    rng = random.Random(seed)
    districts = reference.districts()
    codes: set[str] = set()
    batch = []
    for i, name in enumerate(make_names(rows, seed)):
        district = districts[i % len(districts)]
        code = make_uscc(rng, district.code)
        while code in codes:
            code = make_uscc(rng, district.code)
        codes.add(code)
        address = f"内蒙古自治区鄂尔多斯市{district.name}{rng.choice(_CHARS)}{rng.choice(_CHARS)}路{i % 300}号"
        batch.append((f"bench-{i}", code, name, name_key(name), district.id, address))
    with database.atomic():
        database.connection().executemany(
            "INSERT INTO enterprise (uuid, uscc, name, name_key, kind, district_id, registered_address, "
            "operating_address, legal_representative, industry_section, industry_division, size, main_products, "
            "archived, created_at, updated_at, row_version) VALUES (?, ?, ?, ?, 'enterprise', ?, ?, '', '', "
            "'C', '30', '', '', 0, datetime('now'), datetime('now'), 1)",
            batch,
        )


def median_ms(func) -> float:
    return median_seconds(func, WARMUP_AND_RUNS) * 1000


def queries(names: list[str]) -> list[tuple[str, str, str]]:
    """(label, typed text, FTS5 expression of the floor) for one sample enterprise."""
    from app.services.core.pinyin import name_pinyin

    rng = random.Random(11)
    sample = name_key(rng.choice(names))
    core = sample
    for prefix in sorted(_PREFIXES, key=len, reverse=True):
        core = core.removeprefix(prefix) if prefix else core
    core = core[:4]
    initials = name_pinyin(sample).initials[:5]
    result = []
    for label, text in (
        ("name, 3 characters", core[:3]),
        ("name, 4 characters", core),
        ("pinyin initials, 5 letters", initials),
        ("name, whole", sample),
    ):
        column = "{name_key pinyin initials}" if text.isascii() else "name_key"
        result.append((f"{label} “{text}”", text, f"{column} : {search_index.fts_phrase(text)}"))
    return result


def measure(rows: int, folder: Path) -> None:
    path = folder / f"search-{rows}.db"
    admin = setup.initialise(path, "benchpass123").admin
    start = time.perf_counter()
    fill(rows)
    filled = time.perf_counter() - start
    start = time.perf_counter()
    search_index.catch_up()
    indexed = time.perf_counter() - start
    print(f"\n{rows:,} enterprises: inserted in {filled:.1f} s, then indexed (trigrams, pinyin) in {indexed:.1f} s")
    raw = sqlite3.connect(path)
    names = [n for (n,) in raw.execute("SELECT name FROM enterprise")]
    print(
        f"{'query':<40}{'matches':>8}{'app':>10}{'FTS5 floor':>12}{'ratio':>7}"
        f"{'same SQL raw':>14}{'ratio':>7}{'old scan':>10}"
    )
    floor_sql = f"SELECT rowid FROM {search_index.FTS} WHERE {search_index.FTS} MATCH ?"
    for label, text, expression in queries(names):
        query = EnterpriseQuery(text=text)
        found = len(search_ids(admin, query))
        app = median_ms(lambda q=query: search_ids(admin, q))
        floor = median_ms(lambda e=expression: raw.execute(floor_sql, (e,)).fetchall())
        sql, params = ordered_select(admin, query, True).sql()
        same = median_ms(lambda s=sql, p=params: raw.execute(s, p).fetchall())
        old = median_ms(lambda q=query: search_ids(admin, q, use_index=False))
        print(
            f"{label:<40}{found:>8}{app:>7.2f} ms{floor:>9.2f} ms{app / floor:>7.1f}"
            f"{same:>11.2f} ms{app / same:>7.1f}{old:>7.1f} ms"
        )
    prefix = raw.execute("SELECT uscc FROM enterprise WHERE id = ?", (rows // 2,)).fetchone()[0][:10]
    app = median_ms(lambda: search_ids(admin, EnterpriseQuery(text=prefix)))
    floor = median_ms(
        lambda: raw.execute("SELECT id FROM enterprise WHERE uscc >= ? AND uscc < ?", (prefix, prefix + "~")).fetchall()
    )
    print(f"{'USCC prefix ' + prefix:<40}{'':>8}{app:>7.2f} ms{floor:>9.2f} ms{app / floor:>7.1f}")
    raw.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="folder for the databases (default: a new temporary one)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    for rows in args.rows:
        measure(rows, folder)


if __name__ == "__main__":
    main()
