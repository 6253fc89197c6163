"""联合执法行动: a joint action with partner agencies — date, partners, target, the enterprises it protected,
the cases it opened (cases of this register, through the cases domain) and its results.

District officers record their own district's actions, city staff the city's and any district's. A case is
linked only if the actor may see it; cases opened after the action are linked later with `link_case`.
"""

from __future__ import annotations

from app.models import (
    ActionCase,
    ActionEnterprise,
    ActionPartner,
    Case,
    District,
    Enterprise,
    JointAction,
    User,
)
from app.models.db import database
from app.services.cases import handling as cases
from app.services.core import audit
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import require_district_work
from app.services.enforcement.agreements import partners
from app.services.enforcement.common import day, owner_name, owner_of, seen_or_not_found, texts, visible
from app.services.enterprises import register

LABELS = {"title": "行动名称", "held_on": "行动日期", "target": "行动对象", "results": "行动成效",
          "partners": "协作单位", "enterprises": "保护企业", "cases": "立案案件", "district": "组织单位"}  # fmt: skip
REFUSAL = "只能登记本旗区的联合执法行动"


def _enterprises(actor: User, ids: list[int]) -> list[Enterprise]:
    return list({e.id: e for e in (register.get(actor, int(i)) for i in ids)}.values())


def _cases(actor: User, ids: list[int]) -> list[Case]:
    return list({c.id: c for c in (cases.get(actor, int(i)) for i in ids)}.values())


def add_action(actor: User, district: str | District | None, data: dict, partner_keys: list,
               enterprise_ids: list[int] = (), case_ids: list[int] = ()) -> JointAction:  # fmt: skip
    owner = owner_of(district)
    values = texts(data, ("title", "target", "results"), ("title",), LABELS, {"target", "results"})
    held_on = day(data.get("held_on"), "held_on", LABELS)
    agencies = partners(actor, list(partner_keys), LABELS, "partners")
    protected, opened = _enterprises(actor, enterprise_ids), _cases(actor, case_ids)
    require_district_work(actor, owner, REFUSAL)
    with database.atomic():
        action = JointAction.create(district=owner, held_on=held_on, created_by=actor, **values)
        rows = [ActionPartner.create(action=action, agency=a) for a in agencies]
        rows += [ActionEnterprise.create(action=action, enterprise=e) for e in protected]
        rows += [ActionCase.create(action=action, case=c) for c in opened]
        audit.record(actor, "enforcement.action.create", action, None, audit.snapshot(action, rows))
    return action


def link_case(actor: User, action_id: int, case_id: int) -> ActionCase:
    """A case opened from the action, linked afterwards (once)."""
    action = get_action(actor, action_id)
    case = cases.get(actor, case_id)
    require_district_work(actor, action.district_id, REFUSAL)
    if ActionCase.get_or_none((ActionCase.action == action) & (ActionCase.case == case)) is not None:
        raise ValidationError({"cases": f"案件 {case.number} 已关联到该行动"}, LABELS)
    with database.atomic():
        link = ActionCase.create(action=action, case=case)
        audit.record(actor, "enforcement.action.case", link, None, audit.snapshot(link), subject=action)
    return link


def case_named(actor: User, text: str) -> Case:
    """A case by its number as printed (鄂市监知〔2026〕1号) or its internal id; NotFound when not visible."""
    text = str(text).strip()
    if text.isdigit():
        return cases.get(actor, int(text))
    found = Case.get_or_none(Case.number == text)
    if found is None:
        raise NotFound(f"没有编号为“{text}”的案件")
    return cases.get(actor, found.id)


def get_action(actor: User, action_id: int) -> JointAction:
    found = JointAction.get_or_none(JointAction.id == action_id)
    return seen_or_not_found(actor, found, found.district_id if found else None, f"没有编号为 {action_id} 的联合执法行动")


def actions(actor: User, year: int | None = None) -> list[JointAction]:
    query = visible(JointAction.select(), actor, JointAction.district)
    if year:
        query = query.where(JointAction.held_on.year == year)
    return list(query.order_by(JointAction.held_on.desc(), JointAction.id.desc()))


def actions_of_case(actor: User, case_id: int) -> list[JointAction]:
    """The joint actions a case came from (the case page's link back)."""
    query = visible(JointAction.select().join(ActionCase), actor, JointAction.district)
    return list(query.where(ActionCase.case == case_id).order_by(JointAction.held_on))


def action_dict(action: JointAction) -> dict:
    partners_ = [p.agency.name for p in action.partners.order_by(ActionPartner.id)]
    protected = [{"id": e.enterprise_id, "name": e.enterprise.name}
                 for e in action.enterprises.order_by(ActionEnterprise.id)]  # fmt: skip
    opened = [{"id": c.case_id, "uuid": c.case.uuid, "number": c.case.number}
              for c in action.cases.order_by(ActionCase.id)]  # fmt: skip
    return {"id": action.id, "uuid": action.uuid, "district": owner_name(action.district_id),
            "held_on": action.held_on.isoformat(), "title": action.title, "target": action.target,
            "results": action.results, "partners": partners_, "enterprises": protected, "cases": opened}  # fmt: skip
