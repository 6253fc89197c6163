"""Questionnaire answers: one question's spec, and checking a raw answer against it by type and range.

Pure functions, no database: the answer dialog checks a field as it is typed, the Excel importer checks a
cell, and saving a response checks them all. A raw answer may come from a widget, a JSON file or an Excel
cell; the cleaned value is what the response stores (JSON): option text, list of option texts, text, number,
ISO date, integer 1–5, or true/false. A blank answer cleans to None and is simply not stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from app.models.questionnaires import QUESTION_TYPES
from app.services.core.validation import check_text, clean_date, clean_yes_no, parse_decimal
from app.text import fold_text

CHOICE_KINDS = ("single", "multiple")
OPTION_SEPARATORS = "、，,;；\n"
_SPLIT = re.compile(f"[{re.escape(OPTION_SEPARATORS)}]")
MAX_TEXT = 2000
RATING_RANGE = (1, 5)
LATEST_DATE = date(2100, 12, 31)


@dataclass
class QuestionSpec:
    """A question as plain values: what the designer edits and what answers are checked against."""

    kind: str
    text: str
    required: bool = False
    options: list[str] = field(default_factory=list)
    unit: str = ""
    min_value: str = ""
    max_value: str = ""
    uuid: str = ""  # the stored question's uuid ('' for a question not yet saved)

    @property
    def kind_label(self) -> str:
        return QUESTION_TYPES.get(self.kind, self.kind)

    def range_text(self) -> str:
        """'0–100 万元', '≥ 0', '' — the allowed range as people read it."""
        low, high, unit = self.min_value, self.max_value, f" {self.unit}" if self.unit else ""
        if low and high:
            return f"{low}–{high}{unit}"
        if low:
            return f"≥ {low}{unit}"
        if high:
            return f"≤ {high}{unit}"
        return ""


def is_blank(raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple | set | frozenset):
        return all(is_blank(item) for item in raw)
    return False


def _fold(text) -> str:
    return fold_text(str(text)).replace(" ", "")


def _option(spec: QuestionSpec, raw) -> str:
    wanted = _fold(raw)
    for option in spec.options:
        if _fold(option) == wanted:
            return option
    raise ValueError(f"“{str(raw).strip()}”不是可选项（可选：{'、'.join(spec.options)}）")


def _multiple(spec: QuestionSpec, raw) -> list[str]:
    items = list(raw) if isinstance(raw, list | tuple | set | frozenset) else _SPLIT.split(str(raw))
    chosen = {_option(spec, item) for item in items if not is_blank(item)}
    return [option for option in spec.options if option in chosen]


def _number(spec: QuestionSpec, raw) -> int | float:
    value = parse_decimal(raw, spec.unit)
    low = Decimal(spec.min_value) if spec.min_value else None
    high = Decimal(spec.max_value) if spec.max_value else None
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{_plain(value)} 超出允许范围（{spec.range_text()}）")
    if abs(value) >= Decimal("1e15"):
        raise ValueError("数值过大")
    return _plain(value)


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _rating(raw) -> int:
    if isinstance(raw, bool):
        raise ValueError("评分应为 1 到 5 的整数")
    text = _fold(raw).removesuffix("分") if isinstance(raw, str) else raw
    try:
        value = Decimal(str(text))
    except InvalidOperation:
        raise ValueError(f"“{str(raw).strip()}”不是评分（应为 1 到 5 的整数）") from None
    low, high = RATING_RANGE
    if value != value.to_integral_value() or not low <= value <= high:
        raise ValueError(f"评分应为 {low} 到 {high} 的整数，实际为 {str(raw).strip()}")
    return int(value)


def _yes_no(raw) -> bool:
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw not in (0, 1):
        raise ValueError(f"“{raw}”应为 是 或 否")
    return clean_yes_no(raw)


def clean_answer(spec: QuestionSpec, raw):
    """The stored form of one answer, None when blank; raises ValueError with a Chinese message."""
    if is_blank(raw):
        return None
    kind = spec.kind
    if kind == "single":
        return _option(spec, raw)
    if kind == "multiple":
        return _multiple(spec, raw) or None
    if kind == "text":
        text = check_text(raw, multiline=True)
        if len(text) > MAX_TEXT:
            raise ValueError(f"不能超过 {MAX_TEXT} 字")
        return text
    if kind == "number":
        return _number(spec, raw)
    if kind == "date":
        return clean_date(raw, latest=LATEST_DATE).isoformat()
    if kind == "rating":
        return _rating(raw)
    if kind == "yes_no":
        return _yes_no(raw)
    raise ValueError(f"未知题型 {kind}")


def validate_answers(specs: list[QuestionSpec], raw: dict, *, complete: bool) -> tuple[dict, dict[str, str]]:
    """(cleaned answers by question uuid, errors by question uuid). Required answers count only when complete.

    Keys of `raw` that name no question are ignored (a stale draft of an edited form).
    """
    cleaned, errors = {}, {}
    for spec in specs:
        try:
            value = clean_answer(spec, raw.get(spec.uuid))
        except ValueError as exc:
            errors[spec.uuid] = str(exc)
            continue
        if value is None:
            if complete and spec.required:
                errors[spec.uuid] = "必答题，请填写"
            continue
        cleaned[spec.uuid] = value
    return cleaned, errors


def missing_required(specs: list[QuestionSpec], answers: dict) -> list[QuestionSpec]:
    return [s for s in specs if s.required and answers.get(s.uuid) is None]


def display(spec: QuestionSpec, value) -> str:
    """A stored answer as text for a cell, a table or a printed page."""
    if value is None:
        return ""
    if spec.kind == "multiple":
        return "、".join(value)
    if spec.kind == "yes_no":
        return "是" if value else "否"
    return str(value)


def cell_value(spec: QuestionSpec, value):
    """A stored answer as an Excel cell value: numbers stay numbers, dates become dates."""
    if value is None:
        return None
    if spec.kind in ("number", "rating"):
        return value
    if spec.kind == "date":
        return date.fromisoformat(value)
    return display(spec, value)
