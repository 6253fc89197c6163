"""参展保护: a trade fair an enterprise attended — name, place, dates, products — and the protection given there
(展前检查, a complaint desk on site, complaints or cases handled).

A fair belongs to its enterprise's district: that district's officers and the city record it.
"""

from __future__ import annotations

from datetime import date

from app.models import District, Enterprise, TradeFair, User
from app.models.db import database
from app.services.core import audit, dates, validation
from app.services.core.errors import ValidationError
from app.services.core.permissions import (
    require_active,
    require_district_work,
    visible_or_not_found,
    within_districts,
)
from app.services.enterprises import register

LABELS = {"name": "展会名称", "place": "举办地", "starts_on": "开始日期", "ends_on": "结束日期", "products": "参展产品",
          "pre_check": "展前检查", "complaint_desk": "现场投诉受理点", "cases": "现场处理投诉（件）", "note": "备注",
          "enterprise": "企业"}  # fmt: skip
REFUSAL = "只能登记本旗区企业的参展保护"
FAIR_DAYS = dates.PLANNED  # a fair may be entered up to a year ahead, to plan the pre-fair check


def _clean(data: dict) -> dict:
    values = {k: str(data.get(k) or "").strip() for k in ("name", "place", "products", "note")}
    errors = {} if values["name"] else {"name": "必填"}
    errors.update(validation.text_errors(values, multiline={"products", "note"}))
    for key in ("starts_on", "ends_on"):
        try:
            values[key] = FAIR_DAYS.parse(data.get(key))
        except ValueError as exc:
            errors[key] = str(exc)
    if not errors and values["starts_on"] is None:
        errors["starts_on"] = "必填"
    if not errors:
        values["ends_on"] = values["ends_on"] or values["starts_on"]
        if values["ends_on"] < values["starts_on"]:
            errors["ends_on"] = "不能早于开始日期"
    try:
        values["cases"] = validation.clean_count(data.get("cases"))
    except ValueError as exc:
        errors["cases"] = str(exc)
    if errors:
        raise ValidationError(errors, LABELS)
    values["pre_check"] = bool(data.get("pre_check"))
    values["complaint_desk"] = bool(data.get("complaint_desk"))
    return values


def add_fair(actor: User, enterprise_id: int, data: dict) -> TradeFair:
    enterprise = register.get(actor, enterprise_id)
    values = _clean(data)
    require_district_work(actor, enterprise.district_id, REFUSAL)
    with database.atomic():
        fair = TradeFair.create(enterprise=enterprise, **values)
        audit.record(actor, "fair.create", fair, None, audit.snapshot(fair), subject=enterprise)
    return fair


def get_fair(actor: User, fair_id: int) -> TradeFair:
    fair = TradeFair.get_or_none(TradeFair.id == fair_id)
    district = fair.enterprise.district_id if fair else None
    return visible_or_not_found(actor, fair, district, f"没有编号为 {fair_id} 的参展记录")


def fairs(actor: User, enterprise_id: int | None = None, year: int | None = None) -> list[TradeFair]:
    require_active(actor)
    query = within_districts(TradeFair.select(TradeFair, Enterprise, District).join(Enterprise).join(District), actor, Enterprise.district)
    if enterprise_id is not None:
        query = query.where(TradeFair.enterprise == enterprise_id)
    if year:
        query = query.where(TradeFair.starts_on.between(date(year, 1, 1), date(year, 12, 31)))
    return list(query.order_by(TradeFair.starts_on.desc(), TradeFair.id.desc()))


def protection_label(fair: TradeFair) -> str:
    """'展前检查、投诉受理点、处理投诉 2 件', or '' when none was given."""
    parts = [label for flag, label in ((fair.pre_check, "展前检查"), (fair.complaint_desk, "投诉受理点")) if flag]
    if fair.cases:
        parts.append(f"处理投诉 {fair.cases} 件")
    return "、".join(parts)


def fair_dict(fair: TradeFair) -> dict:
    return {"id": fair.id, "uuid": fair.uuid, "enterprise_id": fair.enterprise_id, "enterprise": fair.enterprise.name,
            "district": fair.enterprise.district.name, "name": fair.name, "place": fair.place,
            "starts_on": fair.starts_on.isoformat(), "ends_on": fair.ends_on.isoformat(), "products": fair.products,
            "pre_check": fair.pre_check, "complaint_desk": fair.complaint_desk, "cases": fair.cases,
            "protection": protection_label(fair), "note": fair.note}  # fmt: skip


