"""分管领导 and liaison officers of a district for a year, with their duties (notice §3(三)).

A district's list for a year is saved whole, as the 责任分工表 is drawn up: the rows given replace the year's
rows, each insert, change and removal audited on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models import District, Responsibility, User
from app.models.db import database
from app.models.plans import DUTY_ROLES
from app.services.core import audit, dates, reference, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import can_read_district, require_active, require_district_work

LABELS = {"role": "职责类别", "name": "姓名", "post": "职务", "phone": "电话", "duties": "工作职责", "year": "年度"}
PLAN_YEAR = dates.YearRule(2020, 1)  # plans and duties are made for this year or the next


@dataclass(frozen=True)
class Duty:
    """One row of the 责任分工表 as typed."""

    role: str
    name: str
    post: str = ""
    phone: str = ""
    duties: str = ""


def district_of(code_or_name: str | District) -> District:
    if isinstance(code_or_name, District):
        return code_or_name
    district = reference.match_district(str(code_or_name))
    if district is None:
        raise ValidationError({"district": f"未知旗区“{code_or_name}”"}, {"district": "旗区"})
    return district


def check_year(year) -> int:
    try:
        value = PLAN_YEAR.parse(year)
    except ValueError as exc:
        raise ValidationError({"year": str(exc)}, LABELS) from exc
    if value is None:
        raise ValidationError({"year": "必填"}, LABELS)
    return value


def _clean(duty: Duty, row: int) -> dict:
    role = next((k for k, label in DUTY_ROLES.items() if duty.role in (k, label)), None)
    values = {k: (getattr(duty, k) or "").strip() for k in ("name", "post", "phone", "duties")}
    errors = {} if role else {"role": f"应为{'、'.join(DUTY_ROLES.values())}之一"}
    if not values["name"]:
        errors["name"] = "必填"
    errors.update(validation.text_errors(values, multiline={"duties"}))
    if errors:
        raise ValidationError(errors, LABELS, prefix=f"第 {row} 行输入有误")
    return {"role": role, **values}


def set_duties(actor: User, district: str | District, year, duties: list[Duty]) -> list[Responsibility]:
    """Replace the district's list for `year` with `duties` (in their order; leaders first when printed)."""
    district, year = district_of(district), check_year(year)
    cleaned = [_clean(d, i) for i, d in enumerate(duties, start=1)]
    if cleaned and not any(c["role"] == "leader" for c in cleaned):
        raise ValidationError({"role": "请至少填写一位分管领导（第一责任人）"}, LABELS)
    require_district_work(actor, district, "只能填写本旗区的工作责任")
    with database.atomic():
        old = list(_rows(district, year))
        for position, values in enumerate(cleaned):
            row = old[position] if position < len(old) else None
            if row is None:
                row = Responsibility.create(district=district, year=year, position=position, **values)
                audit.record(actor, "duty.create", row, None, audit.snapshot(row))
                continue
            if all(getattr(row, k) == v for k, v in values.items()):
                continue
            before = audit.snapshot(row)
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
            audit.record(actor, "duty.update", row, before, audit.snapshot(row))
        for row in old[len(cleaned):]:
            before = audit.snapshot(row)
            row.delete_instance()
            audit.record(actor, "duty.delete", row, before, None)
    return list(_rows(district, year))


def _rows(district: District, year: int):
    return (Responsibility.select().where((Responsibility.district == district) & (Responsibility.year == year))
            .order_by(Responsibility.position, Responsibility.id))  # fmt: skip


def duties_of(actor: User, district: str | District, year: int) -> list[Responsibility]:
    require_active(actor)
    district = district_of(district)
    if not can_read_district(actor, district):
        raise NotFound(f"没有旗区“{district.name}”的工作责任")
    return list(_rows(district, year))


def year_table(actor: User, year: int) -> dict[str, list[Responsibility]]:
    """District name → its rows for `year`, for every district the actor sees (in the districts' order)."""
    require_active(actor)
    return {d.name: list(_rows(d, year)) for d in reference.districts() if can_read_district(actor, d)}


def duty_dict(row: Responsibility) -> dict:
    return {"id": row.id, "uuid": row.uuid, "district": row.district.name, "year": row.year, "role": row.role,
            "role_label": DUTY_ROLES[row.role], "name": row.name, "post": row.post, "phone": row.phone,
            "duties": row.duties}  # fmt: skip
