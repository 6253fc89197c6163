"""Reading the audit log: filters, who may see which entries, and rows fetched by id for a lazy table.

Only reads. Nothing in the program edits or deletes an entry; `audit.record*` is the only writer.

Who sees what (one rule for the window and the command line):
- the city administrator and the city reviewer see every entry: the log is the city bureau's supervision of
  the work, and no entry holds a secret (account snapshots leave the password hash out);
- a district officer sees the entries filed under a record of their district — an enterprise of the district
  (with its contacts, holdings, applications, list entries, visits …, which are filed under the enterprise),
  a case the district handles, an event the district holds, the district itself — and every entry they made.
  The district is the record's district now: an enterprise that moved brings its whole history with it;
- a district administrator sees that too, and the entries about the district's accounts (created, edited,
  password changes, sign-ins and failed sign-ins) — the accounts are theirs to keep; on their own district
  bureau's installation also the failed sign-ins with a login that does not exist (they happened on that machine);
- a viewer (只读用户) does not see the log: they read the register, not who worked on it.

Entries come newest first. The search returns ids only, at most `MAX_IDS` of them (the newest), so a log
of a million entries still opens at once; rows are then read a page at a time without their JSON images.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.models import (
    ALL_MODELS,
    AuditLog,
    Case,
    District,
    Enterprise,
    Event,
    Expert,
    Questionnaire,
    Round,
    User,
)
from app.models.db import database
from app.services.core import installation
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.core.permissions import (
    Role,
    is_admin,
    require_active,
    role_of,
    visible_or_not_found,
    within_districts,
)
from app.services.core.validation import USCC_ALPHABET, normalise_uscc
from app.services.system.audit_labels import ACTION_GROUPS, action_label, entity_label
from app.text import name_key

MAX_IDS = 100_000
MAX_NAME_MATCHES = 500
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_USCC = re.compile(f"^[{USCC_ALPHABET}]{{18}}$")
_KIND_ID = re.compile(r"^([a-z_]+)\s*[:：#]\s*(\d+)$")
_TABLES = {m._meta.table_name: m for m in ALL_MODELS}
# The records an entry may be filed under, and the field that names them in the list.
_SUBJECT_NAMES = (
    (Enterprise, Enterprise.name),
    (Case, Case.number),
    (Event, Event.topic),
    (Expert, Expert.name),
    (Questionnaire, Questionnaire.title),
    (Round, Round.year),
    (District, District.name),
    (User, User.display_name),
)


@dataclass(frozen=True)
class AuditQuery:
    user: str = ""  # a login; "system" for entries written by the program itself
    record: str = ""  # KIND:ID, a uuid, a USCC, or part of an enterprise name
    action: str = ""  # a group of ACTION_GROUPS, or an action prefix such as "case." or "list.add"
    since: date | None = None
    until: date | None = None  # inclusive


@dataclass
class AuditIds:
    ids: list[int]
    truncated: bool  # more entries matched than MAX_IDS; the oldest were left out


@dataclass
class AuditRow:
    id: int
    at: datetime
    login: str
    action: str
    action_label: str
    entity: str
    entity_label: str
    entity_id: int | None
    subject: str  # the name of the record the entry is filed under, "" when it is gone


def can_view(user: User) -> bool:
    return user is not None and user.active and role_of(user) is not Role.VIEWER


def require_view(user: User) -> None:
    require_active(user)
    if role_of(user) is Role.VIEWER:
        raise PermissionDenied("只读用户不能查看审计日志")


def _scope(actor: User):
    """The condition limiting the log to what the actor may see; None for everything."""
    require_view(actor)
    if role_of(actor) in (Role.CITY_ADMIN, Role.CITY_REVIEWER):
        return None
    district = actor.district_id
    subjects = (
        Enterprise.select(Enterprise.uuid).where(Enterprise.district == district)
        + Case.select(Case.uuid).where(Case.handling_district == district)
        + Event.select(Event.uuid).where(Event.district == district)
        + District.select(District.uuid).where(District.id == district)
    )
    if is_admin(actor):
        subjects += User.select(User.uuid).where(User.district == district)
    condition = AuditLog.subject_uuid.in_(subjects) | (AuditLog.user == actor.id)
    if is_admin(actor) and _own_installation(actor):
        condition |= (AuditLog.entity == "user") & AuditLog.entity_id.is_null()
    return condition


def _own_installation(actor: User) -> bool:
    own = installation.current().district
    return own is not None and own.id == actor.district_id


def _user_condition(login: str):
    login = login.strip()
    if login == "system":
        return AuditLog.user.is_null()
    user = User.get_or_none(User.login == login)
    if user is None:
        raise NotFound(f"没有登录名为“{login}”的账号")
    return AuditLog.user == user.id


def _record_condition(actor: User, text: str):
    """An entry about the record itself or filed under it (an enterprise's contacts, a case's report)."""
    text = text.strip()
    match = _KIND_ID.match(text.lower())
    if match:
        kind, record_id = match.group(1), int(match.group(2))
        if kind not in _TABLES:
            raise ValidationError({"record": f"未知的记录类别“{kind}”"}, {"record": "记录"})
        own = (AuditLog.entity == kind) & (AuditLog.entity_id == record_id)
        model = _TABLES[kind]
        found = model.select(model.uuid).where(model.id == record_id).scalar()
        return own | (AuditLog.subject_uuid == found) if found else own
    if _UUID.match(text.lower()):
        return (AuditLog.entity_uuid == text.lower()) | (AuditLog.subject_uuid == text.lower())
    code = normalise_uscc(text)
    if _USCC.match(code) and any(ch.isdigit() for ch in code):
        enterprise = Enterprise.get_or_none(Enterprise.uscc == code)
        visible_or_not_found(
            actor, enterprise, enterprise and enterprise.district_id, f"没有统一社会信用代码为 {code} 的企业"
        )
        return AuditLog.subject_uuid == enterprise.uuid
    named = within_districts(
        Enterprise.select(Enterprise.uuid).where(Enterprise.name_key.contains(name_key(text))),
        actor,
        Enterprise.district,
    ).limit(MAX_NAME_MATCHES)
    uuids = [u for (u,) in named.tuples()]
    if not uuids:
        raise NotFound(f"没有名称含“{text}”的企业")
    return AuditLog.subject_uuid.in_(uuids)


def _action_condition(text: str):
    text = text.strip()
    prefixes = ACTION_GROUPS.get(text, (text,))
    condition = None
    for prefix in prefixes:
        # A range rather than LIKE: "_" in an action is no wildcard, and the comparison is case-sensitive.
        part = (AuditLog.action >= prefix) & (AuditLog.action < prefix + "\uffff")
        condition = part if condition is None else condition | part
    return condition


def _filtered(actor: User, query: AuditQuery):
    select = AuditLog.select(AuditLog.id)
    conditions = [_scope(actor)]
    if query.user.strip():
        conditions.append(_user_condition(query.user))
    if query.record.strip():
        conditions.append(_record_condition(actor, query.record))
    if query.action.strip():
        conditions.append(_action_condition(query.action))
    if query.since:
        conditions.append(AuditLog.at >= datetime.combine(query.since, time.min))
    if query.until:
        conditions.append(AuditLog.at < datetime.combine(query.until + timedelta(days=1), time.min))
    for condition in conditions:
        if condition is not None:
            select = select.where(condition)
    return select


def search_ids(actor: User, query: AuditQuery, limit: int = MAX_IDS) -> AuditIds:
    """Ids of the entries the actor may see that match, newest first; at most `limit` of them."""
    if query.since and query.until and query.since > query.until:
        raise ValidationError({"since": "起始日期晚于截止日期"}, {"since": "日期"})
    select = _filtered(actor, query).order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit + 1)
    # Straight from the cursor: a model per row would cost more than the query itself.
    ids = [row[0] for row in database.execute(select).fetchall()]
    return AuditIds(ids[:limit], len(ids) > limit)


def fetch_rows(ids: list[int]) -> dict[int, AuditRow]:
    """The list's columns for some ids (already filtered by `search_ids`), without the JSON images."""
    if not ids:
        return {}
    light = (
        AuditLog.select(
            AuditLog.id, AuditLog.at, AuditLog.user_login, AuditLog.action, AuditLog.entity,
            AuditLog.entity_id, AuditLog.subject_uuid,
        )
        .where(AuditLog.id.in_(ids))
        .tuples()
    )  # fmt: skip
    rows = list(light)
    names = subject_names({r[6] for r in rows if r[6]})
    return {
        entry_id: AuditRow(
            entry_id, at, login, action, action_label(action), entity, entity_label(entity), entity_id,
            names.get(subject, ""),
        )
        for entry_id, at, login, action, entity, entity_id, subject in rows
    }  # fmt: skip


def subject_names(uuids: set[str]) -> dict[str, str]:
    """uuid → the name a person knows the record by (an enterprise's name, a case's number …)."""
    names: dict[str, str] = {}
    wanted = list(uuids)
    for model, field in _SUBJECT_NAMES:
        if len(names) == len(wanted):
            break
        for uuid, name in model.select(model.uuid, field).where(model.uuid.in_(wanted)).tuples():
            names[uuid] = str(name)
    return names


def get_entry(actor: User, entry_id: int) -> AuditLog:
    """One entry the actor may see; an entry outside their scope is not found, like one that never was."""
    entry = AuditLog.get_or_none(
        AuditLog.id.in_(_filtered(actor, AuditQuery()).where(AuditLog.id == entry_id))
    )
    if entry is None:
        raise NotFound("未找到该审计记录")
    return entry
