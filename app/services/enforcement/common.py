"""What the enforcement records share: who owns a record (a district, or the city when None), who sees it, and
the checks of the values typed."""

from __future__ import annotations

from datetime import date

from app.models import District, User
from app.services.core import dates, reference, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import can_read_district, require_active, visible_district_ids

CITY = "市局"


def owner_of(code_or_name: str | District | None) -> District | None:
    """The district named, or None for the city ("", None, 市局, 市本级)."""
    if code_or_name is None or isinstance(code_or_name, District):
        return code_or_name
    text = str(code_or_name).strip()
    if text in ("", CITY, "市本级", "city"):
        return None
    district = reference.match_district(text)
    if district is None:
        raise ValidationError({"district": f"未知旗区“{text}”"}, {"district": "旗区"})
    return district


def owner_name(district_id: int | None) -> str:
    return District.get_by_id(district_id).name if district_id else CITY


def may_see(actor: User, district_id: int | None) -> bool:
    """A district's records to its own staff and the city; the city's own records to everyone (the city's
    agreements and actions bind the districts too)."""
    return district_id is None or can_read_district(actor, district_id)


def visible(query, actor: User, district_field):
    """`query` narrowed to the records `may_see` allows."""
    require_active(actor)
    allowed = visible_district_ids(actor)
    if allowed is None:
        return query
    return query.where(district_field.is_null() | district_field.in_(list(allowed)))


def seen_or_not_found(actor: User, record, district_id: int | None, missing: str):
    require_active(actor)
    if record is None or not may_see(actor, district_id):
        raise NotFound(missing)
    return record


def texts(data: dict, keys: tuple[str, ...], required: tuple[str, ...], labels: dict, multiline=()) -> dict:
    """The text fields stripped and checked: required ones present, no control characters."""
    values = {k: str(data.get(k) or "").strip() for k in keys}
    errors = {k: "必填" for k in required if not values[k]}
    errors.update(validation.text_errors(values, multiline=multiline))
    if errors:
        raise ValidationError(errors, labels)
    return values


def day(raw, key: str, labels: dict, rule: dates.DateRule = dates.HAPPENED, required: bool = True) -> date | None:
    try:
        value = rule.parse(raw)
    except ValueError as exc:
        raise ValidationError({key: str(exc)}, labels) from exc
    if value is None and required:
        raise ValidationError({key: "必填"}, labels)
    return value
