"""Responses to questionnaires: entered per enterprise (optionally during a visit), as drafts or complete.

A district officer answers for enterprises of their own district, city roles for any; viewers only read.
One response per (questionnaire version, enterprise). A draft is checked by type and range only; completing
also requires every required question. A new response is taken only by the active (newest) version, but an
existing response of an older version may still be finished: it stays tied to the version it answered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.models import District, Enterprise, Questionnaire, Response, User, Visit
from app.models.base import now
from app.models.db import database
from app.models.liaison import VISIT_KINDS
from app.services.core import audit
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import (
    can_write_enterprises,
    require_active,
    within_districts,
)
from app.services.enterprises import register as enterprises
from app.services.questionnaires.answer_checks import QuestionSpec, validate_answers
from app.services.questionnaires.catalogue import get, latest_version, specs_of, visible_responses

STATUS_LABELS = {"draft": "草稿", "complete": "已完成"}


@dataclass
class EnterpriseChoice:
    """An enterprise the actor may answer for, with the state of its response to one questionnaire."""

    id: int
    name: str
    uscc: str
    district: str
    status: str  # '' (not answered), 'draft' or 'complete'


def answers_of(response: Response | None) -> dict:
    return json.loads(response.answers or "{}") if response else {}


def labels_for(specs: list[QuestionSpec]) -> dict[str, str]:
    return {s.uuid: f"第{n}题" for n, s in enumerate(specs, start=1)}


def check_answers(specs: list[QuestionSpec], raw: dict, *, complete: bool) -> dict:
    """The cleaned answers, or ValidationError naming each bad question (第n题)."""
    cleaned, errors = validate_answers(specs, raw, complete=complete)
    if errors:
        raise ValidationError(errors, labels_for(specs), prefix="答卷有误" if complete else "草稿有误")
    return cleaned


def find_response(questionnaire: Questionnaire | int, enterprise: Enterprise | int) -> Response | None:
    return Response.get_or_none(
        (Response.questionnaire == questionnaire) & (Response.enterprise == enterprise)
    )


def get_response(actor: User, questionnaire_id: int, enterprise_id: int) -> Response | None:
    """The enterprise's response to that version, if any (the actor must be allowed to see the enterprise)."""
    enterprises.get(actor, enterprise_id)
    return find_response(questionnaire_id, enterprise_id)


def _visit(visit_id: int | None, enterprise: Enterprise) -> Visit | None:
    if visit_id is None:
        return None
    visit = Visit.get_or_none(Visit.id == visit_id)
    if visit is None or visit.enterprise_id != enterprise.id:
        raise NotFound("所选走访记录不属于该企业")
    return visit


def store(
    actor: User,
    questionnaire: Questionnaire,
    enterprise: Enterprise,
    cleaned: dict,
    *,
    complete: bool,
    visit: Visit | None = None,
) -> tuple[Response, bool]:
    """Write already-cleaned answers (call inside a transaction); returns (response, changed)."""
    response = find_response(questionnaire, enterprise)
    status = "complete" if complete else "draft"
    if response is None:
        if not questionnaire.active:
            newest = latest_version(questionnaire.family)
            raise ValidationError({"version": f"该问卷第{questionnaire.version}版已停止填报"
                                   + (f"，请填写第{newest.version}版" if newest.active else "")}, prefix="无法填报")  # fmt: skip
        response = Response(questionnaire=questionnaire, enterprise=enterprise)
        before = None
    else:
        before = audit.snapshot(response)
        unchanged = answers_of(response) == cleaned and response.status == status
        if unchanged and (visit is None or response.visit_id == visit.id):
            return response, False
    response.answers = json.dumps(cleaned, ensure_ascii=False, sort_keys=True)
    response.status = status
    response.completed_at = now() if complete else None
    response.entered_by = actor
    if visit is not None:
        response.visit = visit
    response.save()
    audit.record(actor, "response.save" if before else "response.create", response, before,
                 audit.snapshot(response), subject=enterprise)  # fmt: skip
    return response, True


def save_response(
    actor: User,
    questionnaire_id: int,
    enterprise_id: int,
    raw_answers: dict,
    *,
    complete: bool = False,
    visit_id: int | None = None,
) -> Response:
    """Save a draft, or complete the response (every required question answered)."""
    require_active(actor)
    with database.atomic():
        questionnaire = get(actor, questionnaire_id)
        enterprise = enterprises.get_for_write(actor, enterprise_id)
        cleaned = check_answers(specs_of(questionnaire), raw_answers, complete=complete)
        response, _changed = store(actor, questionnaire, enterprise, cleaned, complete=complete,
                                   visit=_visit(visit_id, enterprise))  # fmt: skip
    return response


def delete_response(actor: User, questionnaire_id: int, enterprise_id: int) -> None:
    with database.atomic():
        enterprise = enterprises.get_for_write(actor, enterprise_id)
        response = find_response(questionnaire_id, enterprise_id)
        if response is None:
            raise NotFound("该企业没有这份问卷的答卷")
        audit.record(actor, "response.delete", response, audit.snapshot(response), None, subject=enterprise)
        response.delete_instance()


def responses(actor: User, questionnaire_id: int, *, include_drafts: bool = True) -> list[Response]:
    """The responses to one version that the actor may see, with enterprise and district loaded."""
    get(actor, questionnaire_id)
    query = (
        visible_responses(actor)
        .select(Response, Enterprise, District)
        .switch(Enterprise)
        .join(District)
        .where(Response.questionnaire == questionnaire_id)
        .order_by(District.sort_order, Enterprise.name_key)
    )
    if not include_drafts:
        query = query.where(Response.status == "complete")
    return list(query)


def answerable_enterprises(actor: User, questionnaire_id: int) -> list[EnterpriseChoice]:
    """Enterprises (not archived) the actor may answer for, with their response status for this version."""
    require_active(actor)
    query = (
        Enterprise.select(Enterprise, District)
        .join(District)
        .where(Enterprise.archived == False)  # noqa: E712 (peewee expression)
        .order_by(District.sort_order, Enterprise.name_key)
    )
    query = within_districts(query, actor, Enterprise.district)
    status = dict(
        Response.select(Response.enterprise, Response.status)
        .where(Response.questionnaire == questionnaire_id)
        .tuples()
    )
    return [
        EnterpriseChoice(e.id, e.name, e.uscc, e.district.name, status.get(e.id, ""))
        for e in query
        if can_write_enterprises(actor, e.district_id)
    ]


def visits_for(actor: User, enterprise_id: int) -> list[tuple[int, str]]:
    """The enterprise's visits, newest first, as (id, label) for choosing the visit an answer was taken at."""
    enterprises.get(actor, enterprise_id)
    visits = Visit.select().where(Visit.enterprise == enterprise_id).order_by(Visit.visited_on.desc())
    return [(v.id, f"{v.visited_on.isoformat()} {VISIT_KINDS.get(v.kind, v.kind)}") for v in visits]
