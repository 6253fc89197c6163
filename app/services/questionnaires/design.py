"""A questionnaire's design as plain values, and the rules a design must meet before it is stored.

No database here: the designer dialog, the shipped JSON survey and the services all pass a `Design`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from app.models.questionnaires import QUESTION_TYPES
from app.services.core.errors import ValidationError
from app.services.core.validation import parse_decimal
from app.services.questionnaires.answer_checks import CHOICE_KINDS, OPTION_SEPARATORS, QuestionSpec
from app.text import collapse_spaces, fold_text

MAX_OPTION = 100


@dataclass
class Design:
    title: str
    description: str = ""
    questions: list[QuestionSpec] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Design:
        keys = QuestionSpec.__dataclass_fields__
        questions = [
            QuestionSpec(**{k: v for k, v in q.items() if k in keys}) for q in data.get("questions", [])
        ]
        return cls(str(data.get("title", "")), str(data.get("description", "")), questions)


def _clean_number(text: str, label: str, errors: dict, key: str) -> str:
    text = fold_text(text).replace(",", "").replace(" ", "")
    if not text:
        return ""
    try:
        parse_decimal(text)
    except ValueError as exc:
        errors[key] = f"{label}{exc}"
    return text


def _clean_question(spec: QuestionSpec, n: int, errors: dict) -> QuestionSpec:
    key = f"q{n}"
    text = collapse_spaces(str(spec.text or ""))
    if spec.kind not in QUESTION_TYPES:
        errors[key] = f"未知题型“{spec.kind}”"
    if not text:
        errors[key] = "题目不能为空"
    cleaned = QuestionSpec(spec.kind, text, bool(spec.required), uuid=spec.uuid)
    if spec.kind in CHOICE_KINDS:
        options = [collapse_spaces(str(o)) for o in spec.options if collapse_spaces(str(o))]
        bad = [o for o in options if any(sep in o for sep in OPTION_SEPARATORS) or len(o) > MAX_OPTION]
        if len(options) < 2:
            errors[key] = "选择题至少需要两个选项"
        elif len({o.replace(" ", "") for o in options}) != len(options):
            errors[key] = "选项不能重复"
        elif bad:
            errors[key] = f"选项“{bad[0]}”过长或含有“、”“，”“；”（Excel 中用作多选分隔符）"
        cleaned.options = options
    if spec.kind == "number":
        cleaned.unit = collapse_spaces(str(spec.unit or ""))[:20]
        cleaned.min_value = _clean_number(spec.min_value, "最小值", errors, key)
        cleaned.max_value = _clean_number(spec.max_value, "最大值", errors, key)
        if key not in errors and cleaned.min_value and cleaned.max_value:
            if Decimal(cleaned.min_value) > Decimal(cleaned.max_value):
                errors[key] = "最小值不能大于最大值"
    return cleaned


def clean_design(design: Design) -> Design:
    """The design as it will be stored; raises ValidationError naming each bad question (第n题)."""
    errors: dict[str, str] = {}
    title = collapse_spaces(str(design.title or ""))
    if not title:
        errors["title"] = "问卷标题不能为空"
    elif len(title) > 200:
        errors["title"] = "问卷标题不能超过200字"
    if not design.questions:
        errors["questions"] = "问卷至少需要一道题"
    questions = [_clean_question(q, n, errors) for n, q in enumerate(design.questions, start=1)]
    if errors:
        labels = {"title": "", "questions": "", **{f"q{n}": f"第{n}题" for n in range(1, len(questions) + 1)}}
        raise ValidationError(errors, labels, prefix="问卷设计有误")
    return Design(title, design.description.strip(), questions)
