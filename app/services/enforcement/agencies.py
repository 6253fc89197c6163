"""协作单位: the agencies (公安、农牧、海关、文旅、法院…) the bureaus work with, and their contact persons.

Reference data shared by every district, so kept by the city only; an agency no longer worked with is marked
inactive rather than deleted, since agreements, actions and sharing records name it.
"""

from __future__ import annotations

from app.models import PartnerAgency, User
from app.models.db import database
from app.models.enforcement import AGENCY_KINDS
from app.services.core import audit, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import require_active, require_city
from app.services.enforcement.common import texts

LABELS = {"name": "单位名称", "kind": "类别", "contact_person": "联系人", "contact_phone": "联系电话", "note": "备注"}
REFUSAL = "协作单位由市局维护"
TEXTS = ("name", "contact_person", "contact_phone", "note")


def _kind(raw) -> str:
    text = str(raw or "other").strip()
    kind = next((k for k, label in AGENCY_KINDS.items() if text in (k, label)), None)
    if kind is None:
        raise ValidationError({"kind": f"应为{'、'.join(AGENCY_KINDS.values())}之一"}, LABELS)
    return kind


def _clean(data: dict, agency_id: int | None = None) -> dict:
    values = texts(data, TEXTS, ("name",), LABELS, {"note"})
    values["kind"] = _kind(data.get("kind"))
    if values["contact_phone"]:
        try:
            values["contact_phone"] = validation.clean_phone(values["contact_phone"])
        except ValueError as exc:
            raise ValidationError({"contact_phone": str(exc)}, LABELS) from exc
    same = PartnerAgency.get_or_none(PartnerAgency.name == values["name"])
    if same is not None and same.id != agency_id:
        raise ValidationError({"name": f"已有协作单位“{values['name']}”"}, LABELS)
    return values


def add_agency(actor: User, data: dict) -> PartnerAgency:
    require_city(actor, REFUSAL)
    values = _clean(data)
    with database.atomic():
        agency = PartnerAgency.create(**values)
        audit.record(actor, "enforcement.agency.create", agency, None, audit.snapshot(agency))
    return agency


def update_agency(actor: User, agency_id: int, data: dict) -> PartnerAgency:
    """The keys given change (`active` too); the rest keep their value."""
    require_city(actor, REFUSAL)
    agency = get_agency(actor, agency_id)
    merged = {k: getattr(agency, k) for k in (*TEXTS, "kind")} | data
    values = _clean(merged, agency.id)
    if "active" in data:
        values["active"] = bool(data["active"])
    with database.atomic():
        before = audit.snapshot(agency)
        for key, value in values.items():
            setattr(agency, key, value)
        agency.save()
        audit.record(actor, "enforcement.agency.update", agency, before, audit.snapshot(agency))
    return agency


def get_agency(actor: User, agency_id: int) -> PartnerAgency:
    require_active(actor)
    agency = PartnerAgency.get_or_none(PartnerAgency.id == agency_id)
    if agency is None:
        raise NotFound(f"没有编号为 {agency_id} 的协作单位")
    return agency


def find(actor: User, key: int | str) -> PartnerAgency:
    """By id, or by the name as typed (the CLI names agencies either way)."""
    text = str(key).strip()
    if text.isdigit():
        return get_agency(actor, int(text))
    require_active(actor)
    agency = PartnerAgency.get_or_none(PartnerAgency.name == text)
    if agency is None:
        raise NotFound(f"没有名为“{text}”的协作单位")
    return agency


def agencies(actor: User, include_inactive: bool = False) -> list[PartnerAgency]:
    require_active(actor)
    query = PartnerAgency.select()
    if not include_inactive:
        query = query.where(PartnerAgency.active)
    order = list(AGENCY_KINDS)
    return sorted(query, key=lambda a: (order.index(a.kind) if a.kind in order else len(order), a.name))


def agency_dict(agency: PartnerAgency) -> dict:
    return {"id": agency.id, "uuid": agency.uuid, "name": agency.name, "kind": agency.kind,
            "kind_label": AGENCY_KINDS.get(agency.kind, agency.kind), "contact_person": agency.contact_person,
            "contact_phone": agency.contact_phone, "note": agency.note, "active": agency.active}  # fmt: skip
