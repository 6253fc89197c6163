"""海关知识产权备案: an enterprise's rights recorded with customs, each valid until a date, and the reminder to
renew them: a recordal expiring within the warning window (the setting fairs.recordal_warning_days), or already
expired, is due on the dashboard until it is renewed.

A recordal belongs to its enterprise's district: that district's officers and the city record and renew it.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.models import CustomsRecordal, District, Enterprise, User
from app.models.db import database
from app.models.fairs import RIGHT_KINDS
from app.services.core import audit, dates, settings, validation
from app.services.core.errors import ValidationError
from app.services.core.permissions import (
    require_active,
    require_district_work,
    visible_or_not_found,
    within_districts,
)
from app.services.enterprises import register

LABELS = {"right_kind": "权利类型", "right_title": "备案权利", "recordal_number": "备案号", "valid_until": "有效期至",
          "note": "备注", "enterprise": "企业"}  # fmt: skip
REFUSAL = "只能登记本旗区企业的海关备案"


def _kind(raw) -> str:
    text = str(raw or "").strip()
    kind = next((k for k, label in RIGHT_KINDS.items() if text in (k, label)), None)
    if kind is None:
        raise ValidationError({"right_kind": f"应为{'、'.join(RIGHT_KINDS.values())}之一"}, LABELS)
    return kind


def _until(raw) -> date:
    try:
        value = dates.ANY.parse(raw)
    except ValueError as exc:
        raise ValidationError({"valid_until": str(exc)}, LABELS) from exc
    if value is None:
        raise ValidationError({"valid_until": "必填"}, LABELS)
    return value


def _clean(data: dict, recordal_id: int | None = None) -> dict:
    values = {k: str(data.get(k) or "").strip() for k in ("right_title", "recordal_number", "note")}
    errors = {k: "必填" for k in ("right_title", "recordal_number") if not values[k]}
    errors.update(validation.text_errors(values, multiline={"note"}))
    if errors:
        raise ValidationError(errors, LABELS)
    same = CustomsRecordal.get_or_none(CustomsRecordal.recordal_number == values["recordal_number"])
    if same is not None and same.id != recordal_id:
        raise ValidationError({"recordal_number": f"备案号“{values['recordal_number']}”已登记"}, LABELS)
    return values | {"right_kind": _kind(data.get("right_kind")), "valid_until": _until(data.get("valid_until"))}


def add_recordal(actor: User, enterprise_id: int, data: dict) -> CustomsRecordal:
    enterprise = register.get(actor, enterprise_id)
    require_district_work(actor, enterprise.district_id, REFUSAL)
    values = _clean(data)
    with database.atomic():
        recordal = CustomsRecordal.create(enterprise=enterprise, **values)
        audit.record(actor, "recordal.create", recordal, None, audit.snapshot(recordal), subject=enterprise)
    return recordal


def renew(actor: User, recordal_id: int, valid_until) -> CustomsRecordal:
    """续展: the recordal's new end date."""
    recordal = get_recordal(actor, recordal_id)
    require_district_work(actor, recordal.enterprise.district_id, REFUSAL)
    until = _until(valid_until)
    if until <= recordal.valid_until:
        raise ValidationError({"valid_until": f"续展后的有效期应晚于 {recordal.valid_until.isoformat()}"}, LABELS)
    with database.atomic():
        before = audit.snapshot(recordal)
        recordal.valid_until = until
        recordal.save()
        audit.record(actor, "recordal.renew", recordal, before, audit.snapshot(recordal), subject=recordal.enterprise)
    return recordal


def get_recordal(actor: User, recordal_id: int) -> CustomsRecordal:
    found = CustomsRecordal.get_or_none(CustomsRecordal.id == recordal_id)
    district = found.enterprise.district_id if found else None
    return visible_or_not_found(actor, found, district, f"没有编号为 {recordal_id} 的海关备案")


def _visible(actor: User):
    require_active(actor)
    query = CustomsRecordal.select(CustomsRecordal, Enterprise, District).join(Enterprise).join(District)
    return within_districts(query, actor, Enterprise.district)


def recordals(actor: User, enterprise_id: int | None = None) -> list[CustomsRecordal]:
    query = _visible(actor)
    if enterprise_id is not None:
        query = query.where(CustomsRecordal.enterprise == enterprise_id)
    return list(query.order_by(CustomsRecordal.valid_until, CustomsRecordal.id))


def warning_days() -> int:
    return settings.get("fairs.recordal_warning_days")


def state(recordal: CustomsRecordal, today: date, window: int | None = None) -> str:
    """'expired', 'due' (within the warning window) or 'valid'."""
    window = warning_days() if window is None else window
    if recordal.valid_until < today:
        return "expired"
    return "due" if recordal.valid_until <= today + timedelta(days=window) else "valid"


def due(actor: User, today: date | None = None, window: int | None = None) -> list[dict]:
    """Recordals expired or expiring within the warning window (the setting, unless given) that the actor may
    see, soonest first."""
    today = today or date.today()
    window = warning_days() if window is None else window
    query = _visible(actor).where(CustomsRecordal.valid_until <= today + timedelta(days=window))
    return [recordal_dict(r, today, window) for r in query.order_by(CustomsRecordal.valid_until, CustomsRecordal.id)]


STATE_LABELS = {"expired": "已过期", "due": "即将到期", "valid": "有效"}


def recordal_dict(recordal: CustomsRecordal, today: date | None = None, window: int | None = None) -> dict:
    today = today or date.today()
    now = state(recordal, today, window)
    return {"id": recordal.id, "uuid": recordal.uuid, "enterprise_id": recordal.enterprise_id,
            "enterprise": recordal.enterprise.name, "district": recordal.enterprise.district.name,
            "right_kind": recordal.right_kind, "right_kind_label": RIGHT_KINDS[recordal.right_kind],
            "right_title": recordal.right_title, "recordal_number": recordal.recordal_number,
            "valid_until": recordal.valid_until.isoformat(), "days_left": (recordal.valid_until - today).days,
            "state": now, "state_label": STATE_LABELS[now], "note": recordal.note}  # fmt: skip
