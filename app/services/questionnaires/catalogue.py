"""Questionnaires (问卷调查): designing, versioning, listing, and the shipped annual needs survey.

City roles design questionnaires; everyone logged in may read them. A questionnaire is one `family` of
versions: editing a version nobody has answered changes it in place, but once any response (draft or
complete) exists, saving an edit creates the next version and the answered one stays as it was, inactive,
with its answers. Only the newest (active) version takes new responses.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from peewee import fn

from app.models import Enterprise, Question, Questionnaire, Response, User
from app.models.base import new_uuid
from app.models.db import database
from app.paths import resources_dir
from app.services.core import audit
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import (
    require_active,
    require_city,
    within_districts,
)
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.design import Design, clean_design

BUILTIN_FILE = "annual_needs_survey.json"


@dataclass
class SaveOutcome:
    questionnaire: Questionnaire
    new_version: bool  # True when the edit made a new version because the old one had answers


@dataclass
class Summary:
    id: int
    family: str
    version: int
    title: str
    active: bool
    questions: int
    complete: int  # responses the actor can see
    drafts: int

    def to_dict(self) -> dict:
        return asdict(self)


def require_designer(actor: User) -> None:
    require_city(actor, "只有市局用户可以设计问卷")


def get(actor: User, questionnaire_id: int) -> Questionnaire:
    require_active(actor)
    questionnaire = Questionnaire.get_or_none(Questionnaire.id == questionnaire_id)
    if questionnaire is None:
        raise NotFound(f"没有编号为 {questionnaire_id} 的问卷")
    return questionnaire


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    return list(questionnaire.questions.order_by(Question.position))


def spec_of(question: Question) -> QuestionSpec:
    return QuestionSpec(
        kind=question.kind,
        text=question.text,
        required=question.required,
        options=json.loads(question.options or "[]"),
        unit=question.unit,
        min_value=question.min_value,
        max_value=question.max_value,
        uuid=question.uuid,
    )


def specs_of(questionnaire: Questionnaire) -> list[QuestionSpec]:
    return [spec_of(q) for q in questions_of(questionnaire)]


def design_of(questionnaire: Questionnaire) -> Design:
    return Design(questionnaire.title, questionnaire.description, specs_of(questionnaire))


def visible_responses(actor: User):
    """Responses for enterprises in the districts the actor may see."""
    query = Response.select().join(Enterprise)
    query = within_districts(query, actor, Enterprise.district)
    return query


def response_count(questionnaire: Questionnaire | int) -> int:
    return Response.select().where(Response.questionnaire == questionnaire).count()


def latest_version(family: str) -> Questionnaire:
    return (
        Questionnaire.select()
        .where(Questionnaire.family == family)
        .order_by(Questionnaire.version.desc())
        .get()
    )


def versions(actor: User, family: str) -> list[Questionnaire]:
    require_active(actor)
    return list(Questionnaire.select().where(Questionnaire.family == family).order_by(Questionnaire.version))


def _write_questions(questionnaire: Questionnaire, specs: list[QuestionSpec], keep: bool) -> None:
    """Store the questions in order; with `keep`, questions carrying a uuid of this version are updated."""
    existing = {q.uuid: q for q in questions_of(questionnaire)} if keep else {}
    wanted = {s.uuid for s in specs if s.uuid in existing}
    for stale in set(existing) - wanted:
        existing[stale].delete_instance()
    for position, spec in enumerate(specs, start=1):
        question = existing.get(spec.uuid) or Question(questionnaire=questionnaire, uuid=new_uuid())
        question.position, question.kind, question.text = position, spec.kind, spec.text
        question.required, question.options = spec.required, json.dumps(spec.options, ensure_ascii=False)
        question.unit, question.min_value, question.max_value = spec.unit, spec.min_value, spec.max_value
        question.save()


def create(actor: User, design: Design, *, family: str | None = None) -> Questionnaire:
    require_designer(actor)
    design = clean_design(design)
    with database.atomic():
        questionnaire = Questionnaire.create(family=family or new_uuid(), version=1, title=design.title,
                                             description=design.description, created_by=actor)  # fmt: skip
        _write_questions(questionnaire, design.questions, keep=False)
        audit.record(actor, "questionnaire.create", questionnaire, None, _with_questions(questionnaire))
    return questionnaire


def _with_questions(questionnaire: Questionnaire) -> dict:
    """The audit snapshot of a version with its questions riding on it as children."""
    return audit.snapshot(questionnaire, questions_of(questionnaire))


def _content(design: Design) -> dict:
    """What a design says, without the stored questions' uuids."""
    data = design.to_dict()
    for question in data["questions"]:
        question.pop("uuid")
    return data


def update(actor: User, questionnaire_id: int, design: Design) -> SaveOutcome:
    """Save an edit: in place while unanswered, otherwise as the next version (answers stay with the old)."""
    require_designer(actor)
    design = clean_design(design)
    with database.atomic():
        current = get(actor, questionnaire_id)
        newest = latest_version(current.family)
        if newest.id != current.id:
            raise ValidationError({"version": f"只能修改最新版本（第{newest.version}版）"}, prefix="无法修改")
        if _content(design) == _content(design_of(current)):
            return SaveOutcome(current, new_version=False)
        before = _with_questions(current)
        if response_count(current) == 0:
            current.title, current.description = design.title, design.description
            current.save()
            _write_questions(current, design.questions, keep=True)
            audit.record(actor, "questionnaire.update", current, before, _with_questions(current))
            return SaveOutcome(current, new_version=False)
        before = audit.snapshot(current)
        current.active = False
        current.save()
        audit.record(actor, "questionnaire.close", current, before, audit.snapshot(current))
        following = Questionnaire.create(family=current.family, version=current.version + 1, title=design.title,
                                         description=design.description, created_by=actor)  # fmt: skip
        _write_questions(following, design.questions, keep=False)
        audit.record(actor, "questionnaire.new_version", following, None, _with_questions(following),
                     subject=current)  # fmt: skip
        return SaveOutcome(following, new_version=True)


def set_active(actor: User, questionnaire_id: int, active: bool) -> Questionnaire:
    """Close the newest version to new answers, or open it again."""
    require_designer(actor)
    with database.atomic():
        questionnaire = get(actor, questionnaire_id)
        if active and latest_version(questionnaire.family).id != questionnaire.id:
            raise ValidationError({"version": "旧版本不能重新启用"}, prefix="无法启用")
        before = audit.snapshot(questionnaire)
        questionnaire.active = active
        questionnaire.save()
        audit.record(actor, "questionnaire.activate" if active else "questionnaire.close", questionnaire,
                     before, audit.snapshot(questionnaire))  # fmt: skip
    return questionnaire


def list_questionnaires(actor: User, *, include_old: bool = False) -> list[Summary]:
    """Every questionnaire (newest version of each family, or all versions), with counts the actor may see."""
    require_active(actor)
    query = Questionnaire.select().order_by(Questionnaire.created_at.desc(), Questionnaire.version.desc())
    if not include_old:
        newest = Questionnaire.select(
            Questionnaire.family, fn.MAX(Questionnaire.version).alias("v")
        ).group_by(Questionnaire.family)
        query = query.join(
            newest, on=((Questionnaire.family == newest.c.family) & (Questionnaire.version == newest.c.v))
        )
    counts: dict[tuple[int, str], int] = {}
    for qid, status, n in (
        visible_responses(actor)
        .select(Response.questionnaire, Response.status, fn.COUNT(Response.id))
        .group_by(Response.questionnaire, Response.status)
        .tuples()
    ):
        counts[(qid, status)] = n
    n_questions = dict(
        Question.select(Question.questionnaire, fn.COUNT(Question.id))
        .group_by(Question.questionnaire)
        .tuples()
    )
    return [
        Summary(
            q.id,
            q.family,
            q.version,
            q.title,
            q.active,
            n_questions.get(q.id, 0),
            counts.get((q.id, "complete"), 0),
            counts.get((q.id, "draft"), 0),
        )  # fmt: skip
        for q in query
    ]


def builtin_design() -> tuple[str, Design]:
    """(family, design) of the shipped annual IP-protection needs survey."""
    data = json.loads((resources_dir() / "questionnaires" / BUILTIN_FILE).read_text(encoding="utf-8"))
    return data["family"], Design.from_dict(data)


def install_builtin(actor: User) -> Questionnaire | None:
    """Add the shipped survey unless some version of it exists already; returns it, or None if present."""
    require_designer(actor)
    family, design = builtin_design()
    if Questionnaire.select().where(Questionnaire.family == family).exists():
        return None
    return create(actor, design, family=family)


def answered_counts(actor: User, year: int) -> dict[int, dict[str, int]]:
    """Per district (id) of the answering enterprise: complete responses finished during `year`, by
    questionnaire title (every version of a title counted together), in one grouped query."""
    require_active(actor)
    query = (
        Response.select(Enterprise.district, Questionnaire.title, fn.COUNT(Response.id))
        .join(Enterprise)
        .switch(Response)
        .join(Questionnaire)
        .where(
            (Response.status == "complete")
            & (Response.completed_at >= datetime(year, 1, 1))
            & (Response.completed_at < datetime(year + 1, 1, 1))
        )
        .group_by(Enterprise.district, Questionnaire.title)
    )
    counts: dict[int, dict[str, int]] = {}
    for district, title, n in within_districts(query, actor, Enterprise.district).tuples():
        counts.setdefault(district, {})[title] = n
    return counts
