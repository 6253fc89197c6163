"""执法协作机制: cooperation agreements a bureau signs with partner agencies (date, parties, scope).

A district officer records their own district's agreements; city staff record the city's (district None) and
any district's. Everyone sees the city's agreements and their own district's.
"""

from __future__ import annotations

from app.models import AgreementParty, CooperationAgreement, District, PartnerAgency, User
from app.models.db import database
from app.services.core import audit
from app.services.core.errors import ValidationError
from app.services.core.permissions import require_district_work
from app.services.enforcement import agencies as agency_rules
from app.services.enforcement.common import day, owner_name, owner_of, seen_or_not_found, texts, visible

LABELS = {"title": "协议名称", "signed_on": "签订日期", "scope": "协作内容", "parties": "协作单位",
          "district": "签订单位"}  # fmt: skip
REFUSAL = "只能登记本旗区的协作协议"


def partners(actor: User, keys: list, labels: dict, key: str = "parties") -> list[PartnerAgency]:
    """The agencies named (by id or name), each once; at least one."""
    found: dict[int, PartnerAgency] = {}
    for k in keys:
        agency = agency_rules.find(actor, k)
        found.setdefault(agency.id, agency)
    if not found:
        raise ValidationError({key: "请至少选择一个协作单位"}, labels)
    return list(found.values())


def add_agreement(actor: User, district: str | District | None, data: dict, parties: list) -> CooperationAgreement:
    owner = owner_of(district)
    values = texts(data, ("title", "scope"), ("title",), LABELS, {"scope"})
    signed_on = day(data.get("signed_on"), "signed_on", LABELS)
    agencies = partners(actor, parties, LABELS)
    require_district_work(actor, owner, REFUSAL)
    with database.atomic():
        agreement = CooperationAgreement.create(district=owner, signed_on=signed_on, created_by=actor, **values)
        rows = [AgreementParty.create(agreement=agreement, agency=a) for a in agencies]
        audit.record(actor, "enforcement.agreement.create", agreement, None, audit.snapshot(agreement, rows))
    return agreement


def get_agreement(actor: User, agreement_id: int) -> CooperationAgreement:
    found = CooperationAgreement.get_or_none(CooperationAgreement.id == agreement_id)
    return seen_or_not_found(actor, found, found.district_id if found else None, f"没有编号为 {agreement_id} 的协作协议")


def agreements(actor: User) -> list[CooperationAgreement]:
    query = visible(CooperationAgreement.select(), actor, CooperationAgreement.district)
    return list(query.order_by(CooperationAgreement.signed_on.desc(), CooperationAgreement.id.desc()))


def agreement_dict(agreement: CooperationAgreement) -> dict:
    names = [p.agency.name for p in agreement.parties.order_by(AgreementParty.id)]
    return {"id": agreement.id, "uuid": agreement.uuid, "district": owner_name(agreement.district_id),
            "signed_on": agreement.signed_on.isoformat(), "title": agreement.title, "scope": agreement.scope,
            "parties": names}  # fmt: skip
