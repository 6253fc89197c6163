"""Plain dictionaries of records, for JSON output and exchange (UUIDs and codes, never local ids alone)."""

from __future__ import annotations

from app.models import Enterprise
from app.models.enterprises import ENTERPRISE_KINDS, ENTERPRISE_SIZES, HOLDING_COUNTS, IPHolding
from app.services.core.audit import plain_value
from app.services.enterprises.records import honor_label


def enterprise_to_dict(enterprise: Enterprise) -> dict:
    fields = (
        "uscc name kind registered_address operating_address legal_representative founded_on registered_capital "
        "industry_section industry_division size main_products revenue rd_spend applied_regional_year archived row_version "
        "updated_at"
    ).split()
    data = {"id": enterprise.id, "uuid": enterprise.uuid}
    data.update({name: plain_value(getattr(enterprise, name)) for name in fields})
    data["kind_label"] = ENTERPRISE_KINDS.get(enterprise.kind, enterprise.kind)
    data["size_label"] = ENTERPRISE_SIZES.get(enterprise.size, "")
    data["district"] = {"code": enterprise.district.code, "name": enterprise.district.name}
    data["contacts"] = [
        {k: getattr(c, k) for k in ("name", "post", "phone", "mobile", "email", "is_primary")}
        for c in enterprise.contacts
    ]
    data["holdings"] = [
        {"year": h.year, **{k: getattr(h, k) for k in HOLDING_COUNTS}, "trade_secrets": h.trade_secrets}
        for h in enterprise.holdings.order_by(IPHolding.year.desc())
    ]
    data["honors"] = [honor_label(h) for h in enterprise.honors]
    return data
