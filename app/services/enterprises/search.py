"""Searching the register: filters, sorting, and row fetching for a lazy table.

The register asks for matching ids first (cheap even at 100,000 rows) and fetches the visible rows by id.
Text matches the folded `name_key` wherever it occurs in it, through the trigram index of `search_index`
(same answers as the `LIKE '%text%'` scan it replaced, which stays for terms under three characters, the
trigram minimum, and for SQLite builds without FTS5); text of three or more Latin letters also matches the
names' full pinyin and initials ("nmgyr" finds 内蒙古伊然…); with `match_addresses`, the addresses too. A query that
looks like a USCC matches code prefixes by index range. Names sort in pinyin order (a stored sort key).
Search text is capped at `MAX_SEARCH_LENGTH` characters: no name is longer, and SQLite refuses long patterns.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import reduce

from peewee import JOIN, SQL, OperationalError, fn

from app.models import District, Enterprise, IPHolding, User
from app.models.db import count_if, database, is_postgres
from app.models.enterprises import ENTERPRISE_KINDS
from app.services.core import reference
from app.services.core.errors import DatabaseBusy, ValidationError
from app.services.core.permissions import require_active, visible_district_ids, within_districts
from app.services.core.validation import USCC_ALPHABET, normalise_uscc
from app.services.enterprises import search_index
from app.services.enterprises.search_index import OrderKey
from app.text import name_key

SORT_KEYS = {
    "name": OrderKey.sort_key,
    "uscc": Enterprise.uscc,
    "district": District.sort_order,
    "kind": Enterprise.kind,
    "industry": Enterprise.industry_section,
    "updated_at": Enterprise.updated_at,
}
MAX_SEARCH_LENGTH = 200
_USCC_LIKE = re.compile(f"^[{USCC_ALPHABET}]{{2,18}}$")
TRIGRAM = 3  # the shortest text the trigram index can look up
CATCH_UP_BUDGET = 0.05  # seconds a keystroke may spend indexing rows changed since the last search


@dataclass
class EnterpriseQuery:
    text: str = ""
    district_code: str | None = None
    kind: str | None = None
    industry_section: str | None = None
    industry_division: str | None = None
    include_archived: bool = False
    match_addresses: bool = False
    sort: str = "name"
    descending: bool = False


def _looks_like_uscc(text: str) -> bool:
    # Names rarely are all code characters with digits among them; codes always are.
    return bool(_USCC_LIKE.match(text)) and any(ch.isdigit() for ch in text)


def search_text(text: str) -> str:
    """The search text, trimmed; refused when longer than any name (SQLite fails on patterns of 50,000 bytes)."""
    text = (text or "").strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise ValidationError(
            {"text": f"不能超过 {MAX_SEARCH_LENGTH} 个字（实际 {len(text)} 个字）"}, {"text": "查找内容"}
        )
    return text


@dataclass(frozen=True)
class _Words:
    """What the typed text is looked up as: its folded key, the text itself (addresses) and a USCC prefix; and
    the choices they decide, kept apart so that the SQL can be built once per shape (`_statement`)."""

    key: str
    text: str
    code: str | None
    pinyin: bool  # Latin letters only: the pinyin columns too
    key_indexed: bool  # long enough for the trigram index
    text_indexed: bool

    @classmethod
    def of(cls, text: str) -> _Words:
        key = name_key(text)
        code = normalise_uscc(text)
        return cls(
            key,
            text,
            code if _looks_like_uscc(code) else None,
            key.isascii() and key.isalpha(),
            len(key) >= TRIGRAM,
            len(text) >= TRIGRAM,
        )

    def shape(self) -> tuple:
        return (bool(self.text), self.code is not None, self.pinyin, self.key_indexed, self.text_indexed)


def _filtered(actor: User, query: EnterpriseQuery, indexed: bool, words: _Words | None = None):
    require_active(actor)
    text = search_text(query.text)
    words = words or _Words.of(text)
    select = Enterprise.select(Enterprise.id)
    if query.district_code or query.sort == "district":
        select = select.join(District)  # only when needed: the join doubles the cost of a full listing
    select = within_districts(select, actor, Enterprise.district)
    if not query.include_archived:
        select = select.where(Enterprise.archived == False)  # noqa: E712 (peewee expression)
    if query.district_code:
        select = select.where(District.code == query.district_code)
    if query.kind:
        select = select.where(Enterprise.kind == query.kind)
    if query.industry_section:
        select = select.where(Enterprise.industry_section == query.industry_section)
    if query.industry_division:
        select = select.where(Enterprise.industry_division == query.industry_division)
    if text:
        if indexed:
            select = select.where(_text_match(words, query.match_addresses))
        else:
            select = select.where(_text_scan(words, query.match_addresses))
    return select


def _text_scan(words: _Words, addresses: bool):
    """The plain scan: every name (and address) compared with LIKE."""
    text, code = words.text, words.code
    found = Enterprise.name_key.contains(words.key)
    if addresses:
        found |= Enterprise.registered_address.contains(text) | Enterprise.operating_address.contains(text)
    if code:
        # A range, not LIKE: it uses the unique index on every backend.
        found |= (Enterprise.uscc >= code) & (Enterprise.uscc < code + "~")
    return found


def _text_match(words: _Words, addresses: bool):
    """Through the index: one index query for the terms it can look up, the scan for the others; code
    prefixes by range, in the same subquery (an OR beside it would make SQLite scan the table)."""
    key, text, code = words.key, words.text, words.code
    terms, scans = [], []
    columns = ("name_key", "pinyin", "initials") if words.pinyin else ("name_key",)
    if words.key_indexed:
        terms.append((columns, key))
    else:
        # Pinyin from three letters on: one or two letters are in nearly every name's pinyin.
        scans.append(Enterprise.name_key.contains(key))
    if addresses and words.text_indexed:
        terms.append((("address",), text))
    elif addresses:
        scans.append(Enterprise.registered_address.contains(text) | Enterprise.operating_address.contains(text))
    subqueries, params = [], []
    if terms:
        sql, term_params = search_index.match_subquery(terms)
        subqueries.append(sql)
        params += term_params
    if code:
        subqueries.append(f"SELECT id FROM enterprise WHERE uscc >= {database.param} AND uscc < {database.param}")
        params += [code, code + "~"]
    if subqueries:
        scans.append(Enterprise.id.in_(SQL("(" + " UNION ALL ".join(subqueries) + ")", params)))
    return reduce(operator.or_, scans)


def check_index() -> None:
    """Opening a register: create the search index if missing, rebuild it if it does not cover every row
    (a file from an older version, a restored backup). Rows are indexed by the searches that follow, or by
    `refresh_index`."""
    try:
        search_index.ensure(check=True)
    except DatabaseBusy:
        search_index.forget()  # another writer: the first search tries again


def refresh_index() -> None:
    """Index every waiting row now. An import calls it at its end, off the GUI thread, so that searches use
    the index at once rather than scan until they have caught up bit by bit."""
    if search_index.ensure(check=True):
        search_index.catch_up()


def index_pending() -> bool:
    """Whether rows wait to be indexed (searches scan meanwhile): the register then runs `refresh_index`
    in the background."""
    return search_index.ensure() and search_index.pending()


def _indexed() -> bool:
    """Whether the index can answer for every row, after catching up for at most `CATCH_UP_BUDGET`."""
    return search_index.ensure() and search_index.try_catch_up(CATCH_UP_BUDGET)


def search_ids(actor: User, query: EnterpriseQuery, *, use_index: bool = True) -> list[int]:
    """Ids of the enterprises the actor may see that match, in display order.

    `use_index=False` scans the table instead, as search did before the index (names then sort by their
    folded text): tests and the benchmark compare the two."""
    try:
        return _search_ids(actor, query, use_index and _indexed())
    except OperationalError:
        if not use_index:
            raise
        search_index.forget()  # the file changed under this connection (a restored backup): look again
        return _search_ids(actor, query, _indexed())


def _search_ids(actor: User, query: EnterpriseQuery, indexed: bool) -> list[int]:
    # Straight from the cursor: model or tuple wrappers cost more than the query itself at 100,000 rows.
    cursor = database.execute_sql(*_statement(actor, query, indexed))
    return [row[0] for row in cursor.fetchall()]


# Stand-ins for the typed words while a statement's SQL is built once for its shape; no typed text holds them.
_SLOTS = ("\x00key\x00", "\x00text\x00", "\x00code\x00")
_MAX_TEMPLATES = 256
_templates: dict[tuple, tuple[str, tuple]] = {}


def _statement(actor: User, query: EnterpriseQuery, indexed: bool) -> tuple[str, list]:
    """The SQL and parameters of `ordered_select`, built by peewee once per shape of query (user's districts,
    filters, sort, kind of text) and then reused with the typed words put in: building it costs several times
    the indexed query itself, on every keystroke. Words holding a character that LIKE, FTS5 phrases or the
    stand-ins treat specially are built afresh each time."""
    require_active(actor)
    words = _Words.of(search_text(query.text))
    real = (words.key, words.text, words.code or "")
    if any(ch in value for value in real for ch in '"%_\\\x00'):
        return ordered_select(actor, query, indexed, words).sql()
    allowed = visible_district_ids(actor)
    shape = (
        is_postgres(), indexed, None if allowed is None else tuple(sorted(allowed)), words.shape(),
        query.district_code, query.kind, query.industry_section, query.industry_division,
        query.include_archived, query.match_addresses, query.sort, query.descending,
    )  # fmt: skip
    template = _templates.get(shape)
    if template is None:
        stand_in = replace(words, key=_SLOTS[0], text=_SLOTS[1], code=words.code and _SLOTS[2])
        sql, params = ordered_select(actor, query, indexed, stand_in).sql()
        if len(_templates) >= _MAX_TEMPLATES:
            _templates.clear()
        template = _templates[shape] = (sql, tuple(params))
    sql, params = template
    return sql, [_fill(p, real) if isinstance(p, str) and "\x00" in p else p for p in params]


def _fill(param: str, words: tuple[str, str, str]) -> str:
    for slot, word in zip(_SLOTS, words, strict=True):
        param = param.replace(slot, word)
    return param


def ordered_select(actor: User, query: EnterpriseQuery, indexed: bool, words: _Words | None = None):
    """The query behind `search_ids` (the benchmark runs its SQL raw, as the floor of the same answer)."""
    select = _filtered(actor, query, indexed, words)
    key = SORT_KEYS.get(query.sort, OrderKey.sort_key)
    if key is OrderKey.sort_key:
        if indexed:
            select = select.join_from(Enterprise, OrderKey, on=(OrderKey.id == Enterprise.id))
        else:
            key = Enterprise.name_key
    order = [key.desc() if query.descending else key.asc(), Enterprise.id]
    return select.order_by(*order)


def count(actor: User, query: EnterpriseQuery) -> int:
    return _filtered(actor, query, _indexed()).count()


@dataclass
class RegisterRow:
    id: int
    name: str
    uscc: str
    district: str
    kind: str
    industry: str
    legal_representative: str
    invention_patents: int | None
    trademarks: int | None
    archived: bool
    district_id: int


def fetch_rows(ids: list[int]) -> dict[int, RegisterRow]:
    """The register's columns for some ids (already filtered by `search_ids`), with the latest IP holdings."""
    if not ids:
        return {}
    latest = (
        IPHolding.select(IPHolding.enterprise, IPHolding.invention_patents, IPHolding.trademarks_domestic)
        .where(IPHolding.enterprise.in_(ids))
        .order_by(IPHolding.year)
        .tuples()
    )
    holdings = {ent_id: (inv, tm) for ent_id, inv, tm in latest}  # later years overwrite earlier
    rows = (
        Enterprise.select(
            Enterprise.id,
            Enterprise.name,
            Enterprise.uscc,
            District.name,
            Enterprise.kind,
            Enterprise.industry_section,
            Enterprise.industry_division,
            Enterprise.legal_representative,
            Enterprise.archived,
            Enterprise.district,
        )
        .join(District, JOIN.INNER)
        .where(Enterprise.id.in_(ids))
        .tuples()
    )
    result = {}
    for ent_id, name, uscc, district, kind, section, division, legal, archived, district_id in rows:
        inv, tm = holdings.get(ent_id, (None, None))
        result[ent_id] = RegisterRow(
            ent_id,
            name,
            uscc,
            district,
            ENTERPRISE_KINDS.get(kind, kind),
            reference.industry_name(section, division) if section else "",
            legal,
            inv,
            tm,
            bool(archived),
            district_id,
        )
    return result


def register_counts(actor: User, year: int) -> dict[int, dict[str, int]]:
    """Per district (id): enterprises in the register at the end of `year` that are not archived, and how many
    of them were added that year. One grouped query: the same cost at 100,000 enterprises."""
    require_active(actor)
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    query = (
        Enterprise.select(Enterprise.district, fn.COUNT(Enterprise.id), count_if(Enterprise.created_at >= start))
        .where(~Enterprise.archived & (Enterprise.created_at < end))
        .group_by(Enterprise.district)
    )
    query = within_districts(query, actor, Enterprise.district)
    return {district: {"register": n, "added": added or 0} for district, n, added in query.tuples()}
