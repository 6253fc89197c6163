"""The support ledger of one enterprise: entries added, corrected and removed, each audited under the enterprise.

An entry belongs to its enterprise's district: district staff write their own district's entries, city staff
any. Amounts are typed in yuan (commas, spaces and a trailing 元 allowed), checked by the project's one number
parser, and kept as whole fen so that sums are exact.
"""

from __future__ import annotations

from decimal import Decimal

from app.models import Attachment, Enterprise, SupportEntry, User
from app.models.db import database
from app.models.support import SUPPORT_KINDS
from app.services.core import attachments, audit, dates, validation
from app.services.core.errors import ValidationError
from app.services.core.permissions import require_district_work, visible_or_not_found
from app.services.enterprises import register as enterprises

LABELS = {"kind": "扶持类别", "granted_on": "日期", "granting_body": "扶持单位", "programme": "政策或项目名称",
          "amount": "金额（元）", "note": "备注"}  # fmt: skip
LENGTHS = {"granting_body": 200, "programme": 300}
REFUSAL = "只能登记本旗区企业的扶持情况"
FIELDS = ("kind", "granted_on", "granting_body", "programme", "amount", "note")


def kind_of(text) -> str | None:
    """'funding' or its label 资金 → 'funding'; None when it is neither."""
    text = str(text or "").strip()
    return next((k for k, label in SUPPORT_KINDS.items() if text in (k, label)), None)


def amount_fen(raw) -> int | None:
    """Yuan as typed → whole fen (None when blank); ValueError with a Chinese message otherwise."""
    value = validation.clean_amount(raw, unit="元")
    return None if value is None else int(value * 100)


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen).scaleb(-2)  # to the fen: 1234567.80


def yuan_text(fen: int | None) -> str:
    """'1,234,567.50' (empty when no amount)."""
    return "" if fen is None else f"{yuan(fen):,.2f}"


def clean(data: dict) -> dict:
    """The entry's fields from what was typed, or ValidationError naming each bad field."""
    errors, values = {}, {}
    values["kind"] = kind_of(data.get("kind"))
    if values["kind"] is None:
        errors["kind"] = f"应为{'、'.join(SUPPORT_KINDS.values())}之一"
    values["granted_on"] = dates.HAPPENED.required(data.get("granted_on"), errors, "granted_on")
    for key in ("granting_body", "programme", "note"):
        values[key] = str(data.get(key) or "").strip()
    for key, limit in LENGTHS.items():
        if not values[key]:
            errors[key] = "必填"
        elif len(values[key]) > limit:
            errors[key] = f"不超过 {limit} 字"
    texts = {k: values[k] for k in ("granting_body", "programme", "note")}
    errors.update(validation.text_errors(texts, multiline={"note"}))
    try:
        values["amount_fen"] = amount_fen(data.get("amount"))
    except ValueError as exc:
        errors["amount"] = str(exc)
    if values["kind"] == "funding" and values.get("amount_fen") is None and "amount" not in errors:
        errors["amount"] = "资金扶持须填写金额"
    if errors:
        raise ValidationError(errors, LABELS)
    return values


def add_entry(actor: User, enterprise_id: int, data: dict) -> SupportEntry:
    values = clean(data)
    enterprise = enterprises.get(actor, enterprise_id)
    require_district_work(actor, enterprise.district_id, REFUSAL)
    with database.atomic():
        entry = SupportEntry.create(enterprise=enterprise, recorded_by=actor, **values)
        audit.record(actor, "support.create", entry, None, audit.snapshot(entry), subject=enterprise)
    return entry


def update_entry(actor: User, entry_id: int, data: dict) -> SupportEntry:
    """Correct an entry; keys not given keep their value."""
    entry = get_entry(actor, entry_id)
    require_district_work(actor, entry.enterprise.district_id, REFUSAL)
    merged = entry_values(entry) | data
    values = clean(merged)
    if all(getattr(entry, key) == value for key, value in values.items()):
        return entry
    with database.atomic():
        before = audit.snapshot(entry)
        for key, value in values.items():
            setattr(entry, key, value)
        entry.save()
        audit.record(actor, "support.update", entry, before, audit.snapshot(entry), subject=entry.enterprise)
    return entry


def delete_entry(actor: User, entry_id: int) -> None:
    entry = get_entry(actor, entry_id)
    require_district_work(actor, entry.enterprise.district_id, REFUSAL)
    with database.atomic():
        audit.record(actor, "support.delete", entry, audit.snapshot(entry), None, subject=entry.enterprise)
        entry.delete_instance()


def entry_values(entry: SupportEntry) -> dict:
    """The entry as its form holds it (the amount in yuan)."""
    return {"kind": entry.kind, "granted_on": entry.granted_on, "granting_body": entry.granting_body,
            "programme": entry.programme, "amount": yuan(entry.amount_fen), "note": entry.note}  # fmt: skip


def get_entry(actor: User, entry_id: int) -> SupportEntry:
    entry = SupportEntry.get_or_none(SupportEntry.id == entry_id)
    district = entry.enterprise.district_id if entry else None
    return visible_or_not_found(actor, entry, district, f"没有编号为 {entry_id} 的扶持记录")


def entries_of(actor: User, enterprise_id: int) -> list[SupportEntry]:
    """The enterprise's ledger, newest first."""
    enterprise = enterprises.get(actor, enterprise_id)
    return list(enterprise.support_entries.order_by(SupportEntry.granted_on.desc(), SupportEntry.id.desc()))


def attach_document(actor: User, entry_id: int, path) -> Attachment:
    """A document of the support (the notice granting it, the agreement, a receipt)."""
    entry = get_entry(actor, entry_id)
    require_district_work(actor, entry.enterprise.district_id, REFUSAL)
    return attachments.attach(actor, path, entry, "support_document", subject=entry.enterprise)


def documents(actor: User, entry_id: int) -> list[Attachment]:
    return attachments.attachments_of(get_entry(actor, entry_id))


def entry_dict(entry: SupportEntry) -> dict:
    enterprise: Enterprise = entry.enterprise
    return {"id": entry.id, "uuid": entry.uuid, "enterprise": enterprise.name, "uscc": enterprise.uscc,
            "district": enterprise.district.name, "kind": entry.kind, "kind_label": SUPPORT_KINDS[entry.kind],
            "granted_on": entry.granted_on.isoformat(), "granting_body": entry.granting_body,
            "programme": entry.programme,
            "amount": None if entry.amount_fen is None else str(yuan(entry.amount_fen)),
            "amount_text": yuan_text(entry.amount_fen), "note": entry.note}  # fmt: skip
