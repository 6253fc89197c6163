"""Reference data: districts (loaded into the database) and industry sections (read from resources)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from app.models import District
from app.models.db import database
from app.paths import resources_dir
from app.services.core import audit
from app.text import fold_text


def _load(name: str) -> dict:
    return json.loads((resources_dir() / "reference" / name).read_text(encoding="utf-8"))


def seed_districts() -> None:
    """Insert or refresh the districts of resources/reference/districts.json (idempotent).

    Audited as done by the system: the program's own reference data, not a person's entry.
    """
    _alias_cache.clear()
    for order, row in enumerate(_load("districts.json")["districts"]):
        district = District.get_or_none(District.code == row["code"])
        if district is None:
            district = District.create(
                code=row["code"], name=row["name"], short_name=row["short"], sort_order=order
            )
            audit.record(None, "district.create", district, None, audit.snapshot(district))
        elif (district.name, district.short_name, district.sort_order) != (row["name"], row["short"], order):
            before = audit.snapshot(district)
            district.name, district.short_name, district.sort_order = row["name"], row["short"], order
            district.save()
            audit.record(None, "district.update", district, before, audit.snapshot(district))


def districts() -> list[District]:
    return list(District.select().where(District.active).order_by(District.sort_order))


def district_by_code(code: str) -> District | None:
    return District.get_or_none(District.code == code)


def match_district(text: str) -> District | None:
    """A district from its code, full name, or short name with or without 旗/区 ("达拉特" → 达拉特旗)."""
    key = fold_text(text).replace(" ", "")
    if not key:
        return None
    lookup = _district_aliases()
    return lookup.get(key) or lookup.get(key.removeprefix("鄂尔多斯市"))


_alias_cache: dict[int, dict[str, District]] = {}


def _district_aliases() -> dict[str, District]:
    """Every accepted spelling → district, built once per open database (imports look up every row)."""
    key = id(database.obj)
    if key not in _alias_cache:
        _alias_cache.clear()
        aliases: dict[str, District] = {}
        for district in districts():
            names = {
                district.code,
                district.name,
                district.short_name,
                district.name.removeprefix("鄂尔多斯"),
            }
            names |= {n.removesuffix("旗").removesuffix("区") for n in (district.name, district.short_name)}
            aliases.update(dict.fromkeys(names, district))
        _alias_cache[key] = aliases
    return _alias_cache[key]


def city_name() -> str:
    return _load("districts.json")["city"]["name"]


@dataclass(frozen=True)
class IndustrySection:
    code: str
    name: str
    first_division: int
    last_division: int

    def divisions(self) -> list[str]:
        return [f"{n:02d}" for n in range(self.first_division, self.last_division + 1)]


@cache
def industry_sections() -> tuple[IndustrySection, ...]:
    return tuple(
        IndustrySection(s["code"], s["name"], s["from"], s["to"])
        for s in _load("industries.json")["sections"]
    )


def industry_section(code: str) -> IndustrySection | None:
    return next((s for s in industry_sections() if s.code == code), None)


@cache
def industry_divisions() -> dict[str, str]:
    """GB/T 4754-2017 大类 names by their two-digit code ("30" → 非金属矿物制品业)."""
    return dict(_load("industries.json")["divisions"])


def industry_name(section: str, division: str = "") -> str:
    """The industry as an officer reads it: the 大类's name, else the 门类's, else the codes as stored."""
    if division and division in industry_divisions():
        return industry_divisions()[division]
    found = industry_section(section) if section else None
    return found.name if found else f"{section}{division}"
