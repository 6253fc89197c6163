"""The record kinds that travel between installations, field by field, and who owns each record.

A kind names its fields as they travel (foreign keys by the other record's UUID or the district's code, never
by local ids), reads them from a record and writes them back. Today: enterprises (the register's fields) and
their contacts, both owned by the enterprise's district. Every other kind is still local only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from peewee import Model

from app.models import Contact, District, Enterprise
from app.services.core import reference
from app.text import name_key

DELETED = "_deleted"  # the pseudo-field of a record's existence; its vector covers the whole record at deletion


def _date(value):
    return None if value is None else date.fromisoformat(value)


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass(frozen=True)
class Kind:
    entity: str  # the table name, as in the audit log
    label: str
    model: type[Model]
    fields: tuple[str, ...]
    audit_keys: dict[str, str]  # audit snapshot key → field, where they differ (foreign keys)
    readers: dict[str, Callable]  # field → wire value from the record, where not plain
    writers: dict[str, Callable]  # field → model value from the wire value, where not plain
    owner: Callable[[Model], str | None]  # the district code owning a record (None: unknown)
    describe: Callable[[Model | dict], str]

    def field_of(self, audit_key: str) -> str | None:
        name = self.audit_keys.get(audit_key, audit_key)
        return name if name in self.fields else None

    def wire(self, record: Model) -> dict:
        return {f: self.readers[f](record) if f in self.readers else _plain(getattr(record, f)) for f in self.fields}

    def assign(self, record: Model, field: str, value) -> None:
        setattr(record, field, self.writers[field](value) if field in self.writers else value)
        if field == "name" and isinstance(record, Enterprise):
            record.name_key = name_key(value)

    def find(self, uuid: str) -> Model | None:
        return self.model.get_or_none(self.model.uuid == uuid)


def _district(code: str) -> District:
    district = reference.district_by_code(code)
    if district is None:
        raise ValueError(f"未知旗区代码“{code}”")
    return district


def _enterprise_by_uuid(uuid: str) -> Enterprise:
    enterprise = Enterprise.get_or_none(Enterprise.uuid == uuid)
    if enterprise is None:
        raise LookupError(uuid)
    return enterprise


ENTERPRISE = Kind(
    entity="enterprise",
    label="企业",
    model=Enterprise,
    fields=(
        "uscc", "name", "kind", "district", "registered_address", "operating_address", "legal_representative",
        "founded_on", "registered_capital", "industry_section", "industry_division", "size", "main_products",
        "revenue", "rd_spend", "archived", "applied_regional_year",
    ),  # fmt: skip
    audit_keys={"district_id": "district"},
    readers={"district": lambda e: e.district.code},
    writers={
        "district": _district, "founded_on": _date, "registered_capital": _decimal, "revenue": _decimal,
        "rd_spend": _decimal, "archived": bool,
    },  # fmt: skip
    owner=lambda e: e.district.code,
    describe=lambda e: (
        f"企业“{e['name']}”（{e['uscc']}）" if isinstance(e, dict) else f"企业“{e.name}”（{e.uscc}）"
    ),
)

CONTACT = Kind(
    entity="contact",
    label="联系人",
    model=Contact,
    fields=("enterprise", "name", "post", "phone", "mobile", "email", "is_primary"),
    audit_keys={"enterprise_id": "enterprise"},
    readers={"enterprise": lambda c: c.enterprise.uuid},
    writers={"enterprise": _enterprise_by_uuid, "is_primary": bool},
    owner=lambda c: c.enterprise.district.code,
    describe=lambda c: f"联系人“{c['name'] if isinstance(c, dict) else c.name}”",
)

# In the order a package applies them: a contact needs its enterprise first.
KINDS = {kind.entity: kind for kind in (ENTERPRISE, CONTACT)}


def owner_of_audit_image(kind: Kind, image: dict) -> str | None:
    """The owning district's code from an audit snapshot (a deleted record is known only from there)."""
    if kind is ENTERPRISE:
        district = District.get_or_none(District.id == image.get("district_id"))
        return district.code if district else None
    enterprise = Enterprise.get_or_none(Enterprise.id == image.get("enterprise_id"))
    return enterprise.district.code if enterprise else None
