"""Results of one questionnaire version: counts and percentages, averages, and breakdowns by district and industry.

Computed over the responses the actor may see (a district officer sees their own district's), complete ones
only unless drafts are asked for. A percentage is of the responses that answered that question; for a
multiple-choice question the percentages may add up to more than 100. Averages are of numbers and ratings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from app.models import User
from app.services.core import reference
from app.services.questionnaires.answer_checks import QuestionSpec, display
from app.services.questionnaires.catalogue import get, specs_of
from app.services.questionnaires.responses import answers_of, responses

COUNTED_KINDS = ("single", "multiple", "yes_no", "rating")
AVERAGED_KINDS = ("number", "rating")
YES_NO_LABELS = ("是", "否")
UNKNOWN_INDUSTRY = "未填行业"


@dataclass
class Group:
    """One district's or industry's figures for one question."""

    responses: int = 0
    answered: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    mean: float | None = None


@dataclass
class QuestionResult:
    number: int
    uuid: str
    kind: str
    kind_label: str
    text: str
    unit: str
    answered: int
    counts: dict[str, int] = field(default_factory=dict)  # option label → count, in option order
    percents: dict[str, float] = field(default_factory=dict)
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)  # (enterprise, answer) for text questions
    earliest: str | None = None  # date questions, ISO
    latest: str | None = None
    by_district: dict[str, Group] = field(default_factory=dict)
    by_industry: dict[str, Group] = field(default_factory=dict)


@dataclass
class Results:
    questionnaire_id: int
    title: str
    version: int
    include_drafts: bool
    responses: int
    by_district: dict[str, int]  # responses per district, in district order
    by_industry: dict[str, int]
    questions: list[QuestionResult]
    computed_at: str

    def to_dict(self) -> dict:
        return asdict(self)

    def question(self, number: int) -> QuestionResult:
        return self.questions[number - 1]


def option_labels(spec: QuestionSpec) -> list[str]:
    if spec.kind in ("single", "multiple"):
        return list(spec.options)
    if spec.kind == "yes_no":
        return list(YES_NO_LABELS)
    if spec.kind == "rating":
        return [str(n) for n in range(1, 6)]
    return []


def _labels_of(spec: QuestionSpec, value) -> list[str]:
    if spec.kind == "multiple":
        return list(value)
    return [display(spec, value)]


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _mean(values: list) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def industry_label(code: str) -> str:
    section = reference.industry_section(code) if code else None
    return f"{section.code} {section.name}" if section else UNKNOWN_INDUSTRY


def _group_figures(spec: QuestionSpec, rows: list[tuple[str, str, dict]], key: int) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    values: dict[str, list] = {}
    for row in rows:
        group = groups.setdefault(row[key], Group(counts=dict.fromkeys(option_labels(spec), 0)))
        group.responses += 1
        value = row[2].get(spec.uuid)
        if value is None:
            continue
        group.answered += 1
        for label in _labels_of(spec, value) if spec.kind in COUNTED_KINDS else []:
            group.counts[label] = group.counts.get(label, 0) + 1
        if spec.kind in AVERAGED_KINDS:
            values.setdefault(row[key], []).append(value)
    for name, group in groups.items():
        group.mean = _mean(values.get(name, []))
    return groups


def _question(
    number: int, spec: QuestionSpec, rows: list[tuple[str, str, dict]], names: list[str]
) -> QuestionResult:
    result = QuestionResult(number, spec.uuid, spec.kind, spec.kind_label, spec.text, spec.unit, 0)
    result.counts = dict.fromkeys(option_labels(spec), 0)
    values = []
    for (_district, _industry, answers), name in zip(rows, names, strict=True):
        value = answers.get(spec.uuid)
        if value is None:
            continue
        result.answered += 1
        if spec.kind in COUNTED_KINDS:
            for label in _labels_of(spec, value):
                result.counts[label] = result.counts.get(label, 0) + 1
        if spec.kind in AVERAGED_KINDS:
            values.append(value)
        if spec.kind == "text":
            result.texts.append((name, display(spec, value)))
        if spec.kind == "date":
            result.earliest = min(result.earliest or value, value)
            result.latest = max(result.latest or value, value)
    result.percents = {label: _percent(n, result.answered) for label, n in result.counts.items()}
    result.mean = _mean(values)
    result.minimum, result.maximum = (min(values), max(values)) if values else (None, None)
    result.by_district = _group_figures(spec, rows, 0)
    result.by_industry = dict(sorted(_group_figures(spec, rows, 1).items()))
    return result


def compute(actor: User, questionnaire_id: int, *, include_drafts: bool = False) -> Results:
    questionnaire = get(actor, questionnaire_id)
    found = responses(actor, questionnaire_id, include_drafts=include_drafts)
    rows = [(r.enterprise.district.name, industry_label(r.enterprise.industry_section), answers_of(r))
            for r in found]  # fmt: skip
    names = [r.enterprise.name for r in found]
    by_district: dict[str, int] = {}
    for district, _industry, _answers in rows:
        by_district[district] = by_district.get(district, 0) + 1
    by_industry: dict[str, int] = {}
    for _district, industry, _answers in sorted(rows, key=lambda row: row[1]):
        by_industry[industry] = by_industry.get(industry, 0) + 1
    specs = specs_of(questionnaire)
    return Results(
        questionnaire.id,
        questionnaire.title,
        questionnaire.version,
        include_drafts,
        len(found),
        by_district,
        by_industry,
        [_question(n, spec, rows, names) for n, spec in enumerate(specs, start=1)],
        datetime.now().replace(microsecond=0).isoformat(sep=" "),
    )
