"""知识产权智库: the experts the city consults on major, difficult or foreign-related cases, and each consultation."""

from __future__ import annotations

from datetime import date

from peewee import JOIN, fn

from app.models import Case, Consultation, Enterprise, Expert, User
from app.models.db import database
from app.models.liaison import EXPERT_FIELDS
from app.services.cases import handling as cases
from app.services.core import audit, dates, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import (
    require_active,
    require_city,
    require_city_admin,
    visible_district_ids,
    within_districts,
)
from app.services.enterprises import register as enterprises

LABELS = {"name": "姓名", "field": "专业领域", "phone": "电话", "email": "电子邮箱", "question": "咨询事项",
          "consulted_on": "咨询日期", "expert": "专家", "organisation": "工作单位", "title": "职称",
          "conflicts": "利益冲突声明", "advice": "咨询意见"}  # fmt: skip


def save_expert(actor: User, data: dict, expert_id: int | None = None) -> Expert:
    """Create or update an expert; the think tank is kept by the city administrator."""
    require_city_admin(actor)
    errors, values = {}, {}
    values["name"] = (data.get("name") or "").strip()
    if not values["name"]:
        errors["name"] = "必填"
    if data.get("field") not in EXPERT_FIELDS:
        errors["field"] = f"应为{'、'.join(EXPERT_FIELDS.values())}之一"
    values["field"] = data.get("field")
    for key, clean in (("phone", validation.clean_phone), ("email", validation.clean_email)):
        try:
            values[key] = clean(data.get(key, ""))
        except ValueError as exc:
            errors[key] = str(exc)
    for key in ("organisation", "title", "conflicts"):
        values[key] = (data.get(key) or "").strip()
    errors.update(validation.text_errors(values, multiline={"conflicts"}))
    values["active"] = bool(data.get("active", True))
    if errors:
        raise ValidationError(errors, LABELS)
    with database.atomic():
        expert = Expert.get_or_none(Expert.id == expert_id) if expert_id else Expert()
        if expert is None:
            raise NotFound(f"没有编号为 {expert_id} 的专家")
        before = audit.snapshot(expert) if expert_id else None
        for key, value in values.items():
            setattr(expert, key, value)
        expert.save()
        audit.record(
            actor, "expert.update" if before else "expert.create", expert, before, audit.snapshot(expert)
        )
    return expert


def experts(actor: User, field: str | None = None, active_only: bool = True) -> list[Expert]:
    require_active(actor)
    query = Expert.select()
    if field:
        query = query.where(Expert.field == field)
    if active_only:
        query = query.where(Expert.active)
    return list(query.order_by(Expert.field, Expert.name))


def record_consultation(
    actor: User,
    expert_id: int,
    question: str,
    *,
    enterprise_id: int | None = None,
    advice: str = "",
    consulted_on: date | str | None = None,
    case_uuid: str | None = None,
) -> Consultation:
    """A consultation of an expert (city roles), warning-free but refused when the expert declared a conflict."""
    require_city(actor)
    expert = Expert.get_or_none(Expert.id == expert_id)
    if expert is None or not expert.active:
        raise ValidationError({"expert": "专家不存在或已停用"}, LABELS)
    errors = {}
    if not (question or "").strip():
        errors["question"] = "必填"
    errors.update(validation.text_errors({"question": question or "", "advice": advice or ""},
                                         multiline={"question", "advice"}))  # fmt: skip
    try:
        day = dates.HAPPENED.parse(consulted_on or date.today())
    except ValueError as exc:
        errors["consulted_on"] = str(exc)
    if errors:
        raise ValidationError(errors, LABELS)
    enterprise = enterprises.get(actor, enterprise_id) if enterprise_id else None
    case = Case.get_or_none(Case.uuid == case_uuid) if case_uuid else None
    names = {enterprise.name} if enterprise else set()
    names |= {p.name for p in case.parties} if case else set()
    clash = next((n for n in sorted(names) if n and n in expert.conflicts), None)
    if clash:
        raise ValidationError({"expert": f"{expert.name}已声明与“{clash}”存在利益冲突，请另选专家"}, LABELS)
    with database.atomic():
        row = Consultation.create(expert=expert, enterprise=enterprise, case_uuid=case_uuid, consulted_on=day,
                                  question=question.strip(), advice=(advice or "").strip(), recorded_by=actor)  # fmt: skip
        audit.record(
            actor, "consultation.create", row, None, audit.snapshot(row), subject=enterprise or expert
        )
        if case is not None:  # part of the case's record: one transaction, one timeline entry
            cases.add_event(actor, case.id, "consultation", day, f"咨询专家{expert.name}：{row.question}")
    return row


def consultations(
    actor: User, expert_id: int | None = None, enterprise_id: int | None = None
) -> list[Consultation]:
    require_active(actor)
    query = Consultation.select()
    if visible_district_ids(actor) is not None:  # a district sees the consultations about its own enterprises
        query = within_districts(query.join(Enterprise), actor, Enterprise.district)
    if expert_id:
        query = query.where(Consultation.expert == expert_id)
    if enterprise_id:
        enterprises.get(actor, enterprise_id)
        query = query.where(Consultation.enterprise == enterprise_id)
    return list(query.order_by(Consultation.consulted_on.desc()))


def consultation_counts(actor: User, year: int) -> dict[int | None, dict[str, int]]:
    """Consultations held during `year` per district of the enterprise consulted about (None: no enterprise,
    which only city-wide users see), in one grouped query."""
    require_active(actor)
    query = (
        Consultation.select(Enterprise.district, fn.COUNT(Consultation.id))
        .join(Enterprise, JOIN.LEFT_OUTER)
        .where(Consultation.consulted_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(Enterprise.district)
    )
    query = within_districts(query, actor, Enterprise.district)
    return {district: {"consultations": n} for district, n in query.tuples()}
