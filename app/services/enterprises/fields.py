"""The enterprise's fields, declared once: label, whether required, and how typed input is cleaned.

Forms, the CLI, imports and exports read this table, so a label or a rule is never written twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.models.enterprises import ENTERPRISE_KINDS, ENTERPRISE_SIZES
from app.services.core import dates, reference, validation
from app.text import clean_text, fold_text


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: bool = False
    clean: Callable[[object], object] = clean_text  # text fields are stored as typed
    max_length: int | None = None
    multiline: bool = False  # may hold line breaks (an address typed on two lines in Excel)


def _clean_name(raw) -> str:
    text = clean_text(raw)
    if text and len(text) < 2:
        raise ValueError("至少2个字")
    return text


def _choice(options: dict[str, str]) -> Callable[[object], str]:
    by_label = {label: key for key, label in options.items()}

    def clean(raw) -> str:
        text = fold_text(raw)
        if not text:
            return ""
        if text in options:
            return text
        if text in by_label:
            return by_label[text]
        raise ValueError(f"应为{'、'.join(options.values())}之一")

    return clean


def _clean_founded(raw) -> date | None:
    return dates.PAST.parse(raw)


def _clean_section(raw) -> str:
    text = fold_text(raw).upper()[:1]
    if text and reference.industry_section(text) is None:
        raise ValueError("不是国民经济行业分类的门类代码（A–T）")
    return text


def _clean_division(raw) -> str:
    text = fold_text(raw)
    if not text:
        return ""
    if not text.isdigit() or len(text) > 2:
        raise ValueError("应为两位数字的大类代码")
    return f"{int(text):02d}"


def _clean_year(raw) -> int | None:
    text = fold_text(raw).removesuffix("年")
    if not text:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise ValueError("应为四位年份，如 2026")
    return int(text)


ENTERPRISE_FIELDS: tuple[Field, ...] = (
    Field("name", "企业名称", True, _clean_name, 200),
    Field("uscc", "统一社会信用代码", True, validation.clean_uscc),
    Field("kind", "主体类型", True, _choice(ENTERPRISE_KINDS)),
    Field("district", "所属旗区", True, fold_text),  # matched against the district list
    Field("registered_address", "注册地址", max_length=300, multiline=True),
    Field("operating_address", "经营地址", max_length=300, multiline=True),
    Field("legal_representative", "法定代表人", max_length=50),
    Field("founded_on", "成立日期", clean=_clean_founded),
    Field("registered_capital", "注册资本（万元）", clean=validation.clean_amount),
    Field("industry_section", "行业门类", clean=_clean_section),
    Field("industry_division", "行业大类", clean=_clean_division),
    Field("size", "企业规模", clean=_choice(ENTERPRISE_SIZES)),
    Field("main_products", "主要产品", max_length=2000, multiline=True),
    Field("revenue", "上年营业收入（万元）", clean=validation.clean_amount),
    Field("rd_spend", "上年研发投入（万元）", clean=validation.clean_amount),
    Field("applied_regional_year", "申报自治区名录年度", clean=_clean_year),
)
FIELDS_BY_NAME = {f.name: f for f in ENTERPRISE_FIELDS}
LABELS = {f.name: f.label for f in ENTERPRISE_FIELDS}

CONTACT_FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", True, _clean_name, 50),
    Field("post", "职务", max_length=50),
    Field("phone", "电话", clean=validation.clean_phone),
    Field("mobile", "手机", clean=validation.clean_mobile),
    Field("email", "电子邮箱", clean=validation.clean_email),
)
CONTACT_LABELS = {f.name: f.label for f in CONTACT_FIELDS}


def clean_fields(
    fields: tuple[Field, ...], data: dict, *, partial: bool = False, memo: dict[str, dict] | None = None
) -> tuple[dict, dict]:
    """Clean every field present in `data`; returns (values, errors) with Chinese error messages.

    `memo`: field name → {value: outcome} for the fields whose values repeat from row to row (an import's
    district, size, dates, counts): each distinct value is cleaned once. Cleaning is a function of the value.
    """
    values, errors = {}, {}
    for field in fields:
        if field.name not in data:
            if field.required and not partial:
                errors[field.name] = "必填"
            continue
        raw = data[field.name]
        seen = memo.get(field.name) if memo is not None else None
        if seen is None:
            ok, outcome = _clean_one(field, raw)
        else:
            key = (type(raw), raw)
            found = seen.get(key)
            if found is None:
                found = seen[key] = _clean_one(field, raw)
            ok, outcome = found
        if ok:
            values[field.name] = outcome
        else:
            errors[field.name] = outcome
    return values, errors


def _clean_one(field: Field, raw) -> tuple[bool, object]:
    """(True, the clean value) or (False, why not)."""
    try:
        value = field.clean(raw)
    except ValueError as exc:
        return False, str(exc)
    control = isinstance(value, str) and validation.control_character_error(value, multiline=field.multiline)
    if control:
        return False, control
    if field.required and value in (None, ""):
        return False, "必填"
    if field.max_length and isinstance(value, str) and len(value) > field.max_length:
        return False, f"不能超过 {field.max_length} 个字"
    return True, value
