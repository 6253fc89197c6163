"""Which installation this database is: the city bureau or one district bureau, named once at the first start.

The identity decides the issuing body printed on documents, the default scope of a district installation and,
later, the sender named in exchanged files (its `exchange_id` is a UUID made once and never changed). It is
written by `configure` when the database is initialised and never edited afterwards: a district installation
that became the city's would mislabel everything it ever sent.

A database made before the identity existed was always the city bureau's: `current()` answers so without writing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass

from app.models import District, Setting
from app.models.db import database
from app.services.core import audit, reference
from app.services.core.errors import ValidationError

KEY = "installation.identity"
CITY = "city"
_LABELS = {"scope": "本机所属单位", "body": "发文机关名称"}


@dataclass(frozen=True)
class Installation:
    scope: str  # CITY or a district code
    body: str  # the issuing body printed on documents
    exchange_id: str | None  # None only for a database older than the identity
    demo: bool = False

    @property
    def is_city(self) -> bool:
        return self.scope == CITY

    @property
    def district(self) -> District | None:
        return None if self.is_city else reference.district_by_code(self.scope)

    @property
    def title(self) -> str:
        """The name in the title and status bars: the body, marked when the data is only a demonstration."""
        return f"{self.body}（演示数据）" if self.demo else self.body


def city_body() -> str:
    return f"{reference.city_name()}市场监督管理局（知识产权局）"


def issuing_body(district: str = "") -> str:
    """The bureau a document is issued by: this installation's own body, or, for a record handled by another
    district than this installation's (a district's case printed at the city), that district's bureau."""
    identity = current()
    own = identity.district
    if not district:
        return identity.body
    if district in ("市局", reference.city_name()):
        return identity.body if identity.is_city else city_body()
    if own is not None and district == own.name:
        return identity.body
    return district_bureau(district)


def district_bureau(district: str) -> str:
    """The usual name of a district's bureau: 东胜区 → 鄂尔多斯市东胜区市场监督管理局 (the High-Tech Zone's name
    carries the city's already)."""
    city = reference.city_name()
    prefix = "" if district.startswith(city.removesuffix("市")) else city
    return f"{prefix}{district}市场监督管理局"


def default_body(scope: str) -> str:
    """The usual name of the bureau for `scope`; the wizard lets the administrator correct it."""
    if scope == CITY:
        return city_body()
    district = reference.district_by_code(scope)
    if district is None:
        raise ValidationError({"scope": f"未知的旗区代码“{scope}”"}, _LABELS)
    return district_bureau(district.name)


def district_name(scope: str) -> str:
    """The district's name for a district scope, "" for the city."""
    district = None if scope == CITY else reference.district_by_code(scope)
    return district.name if district else ""


def scopes() -> list[tuple[str, str]]:
    """(code, label) of every installation a database can be, the city bureau first."""
    return [(CITY, f"{reference.city_name()}（市局）")] + [(d.code, d.name) for d in reference.districts()]


def current() -> Installation:
    if database.obj is None:  # a document rendered with no register open (tests, previews): the city's
        return Installation(CITY, city_body(), None)
    row = Setting.get_or_none(Setting.key == KEY)
    if row is None:
        return Installation(CITY, city_body(), None)
    data = json.loads(row.value)
    return Installation(data["scope"], data["body"], data["exchange_id"], bool(data.get("demo")))


def is_configured() -> bool:
    return Setting.select().where(Setting.key == KEY).exists()


def configure(scope: str, body: str | None = None, *, demo: bool = False) -> Installation:
    """Name this installation once; part of initialising a database (there is no actor yet)."""
    if is_configured():
        raise ValidationError({"scope": "本机所属单位已设置，不能更改"}, _LABELS)
    body = (body or "").strip() or default_body(scope)
    default_body(scope)  # refuses an unknown scope even when a body was typed
    if len(body) > 60:
        raise ValidationError({"body": "不能超过 60 个字"}, _LABELS)
    identity = Installation(scope, body, str(uuid.uuid4()), demo)
    row = Setting.create(key=KEY, value=json.dumps(asdict(identity), ensure_ascii=False))
    audit.record(None, "installation.configure", row, None, asdict(identity))
    return identity
