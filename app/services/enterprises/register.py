"""The enterprise register: create, update, archive, search, and the records hanging off an enterprise.

Every write runs in one transaction, checks the actor's permission and writes an audit entry.
Enterprises are never deleted: once anything may refer to them they are archived instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.models import District, Enterprise, User
from app.models.db import database
from app.services.core import audit, bulk, reference, validation
from app.services.core.errors import ValidationError, check_version
from app.services.core.permissions import can_read_district, require_write_enterprise, visible_or_not_found
from app.services.core.validation import normalise_uscc
from app.services.enterprises.fields import (
    ENTERPRISE_FIELDS,
    LABELS,
    clean_fields,
)
from app.text import name_key


@dataclass
class SaveResult:
    enterprise: Enterprise
    warnings: list[str] = field(default_factory=list)


def _resolve_district(value) -> District:
    if isinstance(value, District):
        return value
    district = reference.match_district(str(value or ""))
    if district is None:
        raise ValidationError({"district": f"未知旗区“{value}”"}, LABELS)
    return district


def clean_enterprise(data: dict, *, partial: bool = False, memo: dict[str, dict] | None = None) -> dict:
    """Clean form or CLI input; raises ValidationError naming every bad field. `memo`: see `clean_fields`."""
    values, errors = clean_fields(ENTERPRISE_FIELDS, data, partial=partial, memo=memo)
    if "district" in values:
        try:
            values["district"] = _resolve_district(values["district"])
        except ValidationError as exc:
            errors.update(exc.errors)
    section, division = values.get("industry_section"), values.get("industry_division")
    if section and division:
        sec = reference.industry_section(section)
        if division not in sec.divisions():
            errors["industry_division"] = f"大类 {division} 不属于门类 {section}（{sec.name}）"
    if errors:
        raise ValidationError(errors, LABELS)
    return values


def similar_names(name: str, exclude_id: int | None = None) -> list[Enterprise]:
    """Enterprises whose folded name equals this one's (ignoring spaces, width, company form)."""
    query = Enterprise.select().where(Enterprise.name_key == name_key(name))
    if exclude_id is not None:
        query = query.where(Enterprise.id != exclude_id)
    return list(query)


def _duplicate_checks(actor: User, values: dict, exclude_id: int | None) -> list[str]:
    """Refuse a code in use, warn of near-identical names. Another district's enterprise is named by neither:
    a district user learns only that the code or name is taken there, never which enterprise it is."""
    if "uscc" in values:
        clash = Enterprise.get_or_none(Enterprise.uscc == values["uscc"])
        if clash is not None and clash.id != exclude_id:
            if not can_read_district(actor, clash.district_id):
                raise ValidationError({"uscc": "已被其他旗区登记的企业使用，请联系市局核实"}, LABELS)
            raise ValidationError(
                {"uscc": f"已被“{clash.name}”使用{'（已归档）' if clash.archived else ''}"}, LABELS
            )
    if "name" not in values:
        return []
    return [
        f"名称与已有企业“{other.name}”（{other.uscc}，{other.district.name}）几乎相同，请确认不是同一家企业"
        if can_read_district(actor, other.district_id)
        else "名称与其他旗区已登记的一家企业几乎相同，请联系市局核实不是同一家企业"
        for other in similar_names(values["name"], exclude_id)
    ]


def create(actor: User, data: dict) -> SaveResult:
    values = clean_enterprise(data)
    require_write_enterprise(actor, values["district"])
    with database.atomic():
        warnings = _duplicate_checks(actor, values, None)
        enterprise = Enterprise.create(name_key=name_key(values["name"]), **values)
        audit.record(actor, "enterprise.create", enterprise, None, audit.snapshot(enterprise))
    return SaveResult(enterprise, warnings)


def bulk_create(
    actor: User, items: list[dict], add_children: Callable[[list[Enterprise]], list[list]] | None = None
) -> list[Enterprise]:
    """Create many enterprises from cleaned values (see `clean_enterprise`) in few statements, audited.

    For imports: the caller holds the transaction and has already refused duplicate codes within its batch.
    `add_children(created)` inserts the records created with them (holdings, contacts) and returns each one's
    list, which rides on its creation entry (one entry per enterprise, not one per row).
    """
    for district in {values["district"].id: values["district"] for values in items}.values():
        require_write_enterprise(actor, district)
    codes = [values["uscc"] for values in items]
    for start in range(0, len(codes), 500):
        clash = (
            Enterprise.select(Enterprise.uscc).where(Enterprise.uscc.in_(codes[start : start + 500])).first()
        )
        if clash is not None:
            raise ValidationError({"uscc": f"{clash.uscc} 已存在"}, LABELS)
    records = [
        bulk.new_record(Enterprise, {"name_key": name_key(values["name"]), **values}) for values in items
    ]
    bulk.insert_records(Enterprise, records)
    children = add_children(records) if add_children else None
    audit.record_many(actor, "enterprise.create", records, children=children)
    return records


def update(actor: User, enterprise_id: int, data: dict, expected_version: int | None = None) -> SaveResult:
    """Change some fields. `expected_version` (the row version the form was loaded with) stops lost updates."""
    with database.atomic():
        enterprise = get_for_write(actor, enterprise_id)
        check_version(enterprise, expected_version, "该企业信息")
        values = clean_enterprise(data, partial=True)
        if "district" in values:
            require_write_enterprise(actor, values["district"])
        warnings = _duplicate_checks(actor, values, enterprise.id)
        before = audit.snapshot(enterprise)
        for key, value in values.items():
            setattr(enterprise, key, value)
        enterprise.name_key = name_key(enterprise.name)
        after = audit.snapshot(enterprise)
        if after != before:
            enterprise.save()
            audit.record(actor, "enterprise.update", enterprise, before, audit.snapshot(enterprise))
    return SaveResult(enterprise, warnings)


def set_archived(actor: User, enterprise_id: int, archived: bool, reason: str = "") -> Enterprise:
    reason = validation.field_text(reason, "reason", "归档原因", multiline=True)
    if archived and not reason:
        raise ValidationError({"reason": "归档时必须填写原因"}, {"reason": "归档原因"})
    with database.atomic():
        enterprise = get_for_write(actor, enterprise_id)
        if enterprise.archived == archived:
            return enterprise
        before = audit.snapshot(enterprise)
        enterprise.archived = archived
        enterprise.save()
        after = {**audit.snapshot(enterprise), "reason": reason}
        audit.record(
            actor, "enterprise.archive" if archived else "enterprise.restore", enterprise, before, after
        )
    return enterprise


def get(actor: User, enterprise_id: int) -> Enterprise:
    """Another district's enterprise is "not found" for a district user (permissions.visible_or_not_found)."""
    enterprise = Enterprise.get_or_none(Enterprise.id == enterprise_id)
    return visible_or_not_found(
        actor, enterprise, enterprise and enterprise.district_id, f"没有编号为 {enterprise_id} 的企业"
    )


def get_by_uscc(actor: User, uscc: str) -> Enterprise:
    code = normalise_uscc(uscc)
    enterprise = Enterprise.get_or_none(Enterprise.uscc == code)
    return visible_or_not_found(
        actor, enterprise, enterprise and enterprise.district_id, f"没有统一社会信用代码为 {code} 的企业"
    )


def get_for_write(actor: User, enterprise_id: int) -> Enterprise:
    enterprise = get(actor, enterprise_id)
    require_write_enterprise(actor, enterprise.district_id)
    return enterprise
