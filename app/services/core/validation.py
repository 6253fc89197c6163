"""Validators for the fields people type: USCC (GB 32100-2015), phone numbers, e-mail, dates, amounts.

Each `clean_*` takes raw input and returns the normalised value or raises `ValueError` with a Chinese
message that does not repeat the field name (the caller knows the field and adds its label).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.services.core.errors import ValidationError
from app.text import clean_text, fold_text

# C0 controls, DEL and C1 controls: invisible, they break exports and printing. A multi-line field keeps \t \n \r.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = {"\t": "制表符", "\n": "换行", "\r": "回车"}


def control_character_error(text: str, *, multiline: bool = False) -> str | None:
    """Why typed text cannot be stored because of a control character, or None when it has none."""
    match = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    if match is None:
        return None
    char, position = match.group(), match.start() + 1
    if char in _LINE_BREAKS:
        return f"不能包含{_LINE_BREAKS[char]}（第 {position} 个字符）"
    return f"含有不可见的控制字符 U+{ord(char):04X}（第 {position} 个字符），请删除后重新填写"


def check_text(raw, *, multiline: bool = False) -> str:
    """What a typed text field stores (as typed, ends trimmed); refused if it holds a control character."""
    text = clean_text(raw)
    error = control_character_error(text, multiline=multiline)
    if error:
        raise ValueError(error)
    return text


def field_text(raw, key: str, label: str, *, multiline: bool = False) -> str:
    """`check_text` for a service taking one free-text argument: the refusal names the field."""
    try:
        return check_text(raw, multiline=multiline)
    except ValueError as exc:
        raise ValidationError({key: str(exc)}, {key: label}) from None


def text_errors(values: dict, multiline: Collection[str] = ()) -> dict[str, str]:
    """key → reason for every text value in `values` holding a control character (keys in `multiline` may
    hold line breaks and tabs); for services that collect their errors in a dict."""
    errors = {}
    for key, value in values.items():
        if isinstance(value, str):
            error = control_character_error(value, multiline=key in multiline)
            if error:
                errors[key] = error
    return errors


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_VALUES = {ch: i for i, ch in enumerate(USCC_ALPHABET)}


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a USCC."""
    total = sum(_USCC_VALUES[ch] * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalise_uscc(raw: str) -> str:
    """Upper-case half-width ASCII with all spaces and separators removed."""
    return re.sub(r"[\s\-_]", "", fold_text(raw)).upper()


def clean_uscc(raw: str) -> str:
    code = normalise_uscc(raw)
    if not code:
        raise ValueError("不能为空")
    if len(code) != 18:
        raise ValueError(f"应为18位，实际 {len(code)} 位")
    bad = sorted({ch for ch in code if ch not in _USCC_VALUES})
    if bad:
        raise ValueError(f"含有不允许的字符 {''.join(bad)}（不使用 I、O、S、V、Z）")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        # The expected character is not told: it would turn a mistyped code into a "valid" wrong one.
        raise ValueError("校验位不正确：请对照营业执照逐位核对这18位代码")
    return code


def uscc_region(code: str) -> str:
    """The 6-digit administrative division code in characters 3–8 of a USCC ('' when there is none)."""
    region = normalise_uscc(code)[2:8]
    return region if len(region) == 6 and region.isdigit() else ""


def is_valid_uscc(raw: str) -> bool:
    try:
        clean_uscc(raw)
    except ValueError:
        return False
    return True


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def clean_phone(raw: str) -> str:
    """A mainland mobile (11 digits) or a landline with its area code (0477-8160875); '' stays ''."""
    text = fold_text(raw).replace(" ", "").replace("—", "-").replace("－", "-")
    if text.startswith("+86"):
        text = text[3:]
    text = text.replace("(", "").replace(")", "-").replace("--", "-")
    if not text:
        return ""
    if _MOBILE.match(text) or _LANDLINE.match(text):
        return text
    raise ValueError("应为11位手机号或带区号的固定电话（如 0477-8160875）")


def clean_mobile(raw: str) -> str:
    text = fold_text(raw).replace(" ", "").replace("-", "")
    if text.startswith("+86"):
        text = text[3:]
    if not text:
        return ""
    if _MOBILE.match(text):
        return text
    raise ValueError("应为11位手机号码")


_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")


def clean_email(raw: str) -> str:
    text = fold_text(raw).replace(" ", "")
    if not text:
        return ""
    if _EMAIL.match(text):
        return text.lower()
    raise ValueError("电子邮箱格式不正确")


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def clean_date(raw, *, earliest: date = date(1900, 1, 1), latest: date | None = None) -> date | None:
    """A date from a date object or text like 2015-03-01, 2015/3/1, 2015.3.1, 2015年3月1日, 20150301."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = fold_text(str(raw)).replace(" ", "")
        if not text:
            return None
        for pattern in _DATE_PATTERNS:
            match = pattern.match(text)
            if match:
                year, month, day = (int(g) for g in match.groups())
                try:
                    value = date(year, month, day)
                except ValueError:
                    raise ValueError(f"日期不存在：{text}") from None
                break
        else:
            raise ValueError(f"无法识别的日期“{text}”，请写成 2015-03-01 形式")
    latest = latest or date.today()
    if not earliest <= value <= latest:
        raise ValueError(f"日期 {value.isoformat()} 超出合理范围")
    return value


def parse_decimal(raw, unit: str = "") -> Decimal:
    """The one number parser: a number from a cell or a field; commas, spaces and a trailing unit are allowed."""
    if isinstance(raw, bool):
        raise ValueError("应为数字")
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    else:
        text = fold_text(str(raw)).replace(",", "").replace(" ", "")
        if unit:
            text = text.removesuffix(fold_text(unit).replace(" ", ""))
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{clean_text(str(raw))}”不是数字") from None
    if not value.is_finite():
        raise ValueError(f"“{clean_text(str(raw))}”不是数字")
    return value


def clean_amount(raw, unit: str = "万元") -> Decimal | None:
    """A non-negative amount (in `unit`, which may be typed after it) with at most two decimals; blank is None."""
    if raw is None or not fold_text(str(raw)).replace(" ", "").removesuffix(unit):
        return None
    value = parse_decimal(raw, unit)
    if value < 0:
        raise ValueError("不能为负数")
    if value >= Decimal("1e14"):
        raise ValueError("数值过大")
    return value.quantize(Decimal("0.01"))


def clean_count(raw) -> int:
    """A non-negative whole number (件/个); blank is 0."""
    if raw is None:
        return 0
    if isinstance(raw, bool):
        raise ValueError("应为整数")
    if isinstance(raw, int):
        value = raw
    else:
        text = fold_text(str(raw)).replace(" ", "").rstrip("件个项")
        if not text:
            return 0
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"“{text}”不是整数")
        value = int(text)
    if value < 0:
        raise ValueError("不能为负数")
    if value > 10_000_000:
        raise ValueError("数值过大")
    return value


_YES = {"是", "√", "✓", "✔", "y", "yes", "有", "1", "true", "对"}
_NO = {"否", "×", "✗", "✘", "x", "n", "no", "无", "0", "false", "不是", "没有", ""}


def clean_yes_no(raw) -> bool:
    """是/否, √/×, Y/N, 有/无, 1/0 (and blank = no)."""
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    text = fold_text(str(raw)).replace(" ", "").lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"“{raw}”应为 是 或 否")


def typed_twice_problem(first: str, second: str, what: str) -> str | None:
    """Why a new secret typed twice is refused (`what` names it: 密码, 新密码, 备份口令), or None.

    One check and one sentence for the first-start wizard, the password and passphrase dialogs and the
    command line's prompts.
    """
    if first != second:
        return f"两次输入的{what}不一致，请重新输入"
    return None
