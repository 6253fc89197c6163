"""The kinds of setting values: how each is checked, read from text (CLI, import) and shown as text.

A kind is a small set of rules over the value stored as JSON: `int` (with a range), `date` (ISO "YYYY-MM-DD",
"" when optional), `month_day` ("MM-DD"), `bool`, `text`, `file` and `folder` (a path, "" for the default),
`rules` (the case time-limit table) and `json` (anything, never shown on a settings screen). Every message
names the setting's label, so a person reading it knows which field to correct.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app.services.core.errors import ValidationError

KINDS = ("int", "date", "month_day", "bool", "text", "file", "folder", "rules", "json")
TRUE_WORDS = frozenset({"1", "true", "yes", "on", "是", "开", "开启", "启用"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "否", "关", "关闭", "停用"})
RULE_UNITS = {"workdays": "工作日", "days": "自然日"}
# Edited on the settings screen; the other fields of a rule (types, start, met_by…) are the statute's shape.
RULE_EDITABLE = ("label", "unit", "length")
MAX_RULE_LENGTH = 3650


class SettingValueError(ValueError):
    """A value a setting cannot take; the message is Chinese and names nothing (the caller adds the label)."""


def check(spec, value):
    """`value` if the setting may take it, else SettingValueError; bools are not ints here (JSON keeps them apart)."""
    kind = spec.kind
    if kind == "json":
        if type(value) is not type(spec.default):
            raise SettingValueError("类型不正确")
        return value
    if kind == "int":
        return _check_int(spec, value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise SettingValueError("应为“是”或“否”")
        return value
    if kind == "rules":
        return check_rules(value, spec.default)
    if not isinstance(value, str):
        raise SettingValueError("应为文本")
    if kind == "date":
        return _check_date(spec, value)
    if kind == "month_day":
        return _check_month_day(value)
    if kind == "file":
        if value and not Path(value).is_file():
            raise SettingValueError(f"文件不存在：{value}")
        return value
    if kind == "folder":
        if value and not Path(value).is_dir():
            raise SettingValueError(f"文件夹不存在：{value}")
        return value
    if not value.strip() and not spec.optional:
        raise SettingValueError("不能为空")
    return value


def _check_int(spec, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingValueError("应为整数")
    if spec.minimum is not None and value < spec.minimum:
        raise SettingValueError(f"不能小于 {spec.minimum}")
    if spec.maximum is not None and value > spec.maximum:
        raise SettingValueError(f"不能大于 {spec.maximum}")
    return value


def _check_date(spec, value: str) -> str:
    if not value:
        if spec.optional:
            return value
        raise SettingValueError("不能为空")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise SettingValueError(f"“{value}”不是有效日期（格式 YYYY-MM-DD）") from None
    if day.isoformat() != value:  # fromisoformat also takes "20261231": store one spelling only
        raise SettingValueError(f"日期请写成 YYYY-MM-DD（如 {day.isoformat()}）")
    return value


def _check_month_day(value: str) -> str:
    parts = value.split("-")
    try:
        month, day = (int(p) for p in parts)
        # A non-leap year: a round deadline of 02-29 would not exist three years in four.
        date(2001, month, day)
    except ValueError:
        raise SettingValueError(f"“{value}”不是有效的月-日（格式 MM-DD，如 10-09）") from None
    if value != f"{month:02d}-{day:02d}":
        raise SettingValueError(f"月-日请写成 MM-DD（如 {month:02d}-{day:02d}）")
    return value


def check_rules(value, default: list[dict]) -> list[dict]:
    """The case time-limit table: the same rules as the default (by key), labels, units and lengths edited."""
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise SettingValueError("应为规则列表（JSON 数组，每条一个对象）")
    keys = [r.get("key") for r in value]
    known = [r["key"] for r in default]
    if len(set(keys)) != len(keys):
        raise SettingValueError("规则的 key 重复")
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise SettingValueError(f"未知规则：{'、'.join(map(str, unknown))}")
    for number, rule in enumerate(value, 1):
        label = rule.get("label")
        where = f"第 {number} 条规则"
        if not isinstance(label, str) or not label.strip():
            raise SettingValueError(f"{where}的名称不能为空")
        if rule.get("unit") not in RULE_UNITS:
            raise SettingValueError(f"{where}（{label}）的计算单位应为“工作日”或“自然日”")
        length = rule.get("length")
        if isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= MAX_RULE_LENGTH:
            raise SettingValueError(f"{where}（{label}）的期限应为 1 至 {MAX_RULE_LENGTH} 之间的整数")
    return value


def parse(spec, text: str):
    """A value from text typed on the command line: numbers, 是/否, dates as written, tables as JSON."""
    kind = spec.kind
    stripped = text.strip()
    if kind == "int":
        try:
            return int(stripped)  # int() also reads full-width digits typed with a Chinese IME
        except ValueError:
            raise SettingValueError(f"“{text}”不是整数") from None
    if kind == "bool":
        word = stripped.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise SettingValueError(f"“{text}”应为 是/否（或 on/off、1/0）")
    if kind in ("rules", "json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SettingValueError(f"不是有效的 JSON：{exc.msg}（第 {exc.pos + 1} 个字符）") from None
    if kind in ("date", "month_day", "file", "folder"):
        return stripped
    return text


def as_text(spec, value) -> str:
    """The value as `parse` would read it back."""
    if spec.kind == "bool":
        return "是" if value else "否"
    if spec.kind in ("rules", "json"):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def error_for(spec, message: str) -> ValidationError:
    return ValidationError({spec.key: message}, {spec.key: spec.label}, prefix="设置有误")
