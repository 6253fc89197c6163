"""Field validators: USCC per GB 32100-2015 (with property-based tests), phones, e-mail, dates, numbers."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.services.core.validation import (
    USCC_ALPHABET,
    clean_amount,
    clean_count,
    clean_date,
    clean_email,
    clean_mobile,
    clean_phone,
    clean_uscc,
    is_valid_uscc,
    parse_decimal,
    uscc_check_char,
    uscc_region,
)

body17 = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", ["91110000600037341L", "91110108551385082Q"])
def test_published_examples_are_valid(code):
    assert clean_uscc(code) == code


def test_full_width_lower_case_and_spaces_are_normalised():
    assert clean_uscc(" ９１１１０１０８ ５５１３８５０８２ｑ ") == "91110108551385082Q"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91110108551385082A", "校验位不正确"),
        ("9111010855138508", "应为18位"),
        ("91110108551385O82Q", "不允许的字符 O"),
        ("", "不能为空"),
    ],
)
def test_bad_codes_say_why_in_chinese(code, fragment):
    with pytest.raises(ValueError, match=fragment):
        clean_uscc(code)


@given(body17)
def test_any_body_with_its_check_character_is_valid(body):
    code = body + uscc_check_char(body)
    assert clean_uscc(code.lower()) == code


@given(body17, st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_changing_one_character_is_detected(body, position, replacement):
    code = body + uscc_check_char(body)
    changed = code[:position] + replacement + code[position + 1 :]
    # Weights 3^i mod 31 are all non-zero modulo the prime 31, so any single substitution moves the sum.
    assert is_valid_uscc(changed) == (changed == code)


@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes(text):
    try:
        result = clean_uscc(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert len(result) == 18 and is_valid_uscc(result)


def test_non_digit_leading_characters_are_accepted():
    body = "Y1150602MA0N12345"[:17]
    assert is_valid_uscc(body + uscc_check_char(body))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0477-8160875", "0477-8160875"), ("04778160875", "04778160875"), ("139 1234 5678", "13912345678"),
     ("+8613912345678", "13912345678"), ("（0477）8160875", "0477-8160875"), ("", "")],
)  # fmt: skip
def test_phones(raw, expected):
    assert clean_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "8160875", "1391234567x"])
def test_bad_phones(raw):
    with pytest.raises(ValueError, match="手机号"):
        clean_phone(raw)


def test_mobile_and_email():
    assert clean_mobile("13912345678") == "13912345678"
    with pytest.raises(ValueError):
        clean_mobile("0477-8160875")
    assert clean_email(" EEDSZBK1@163.COM ") == "eedszbk1@163.com"
    with pytest.raises(ValueError, match="邮箱"):
        clean_email("eedszbk1@")


@pytest.mark.parametrize(
    "raw", ["2015-03-01", "2015/3/1", "2015.3.1", "2015年3月1日", "20150301", date(2015, 3, 1)]
)
def test_dates_in_every_common_form(raw):
    assert clean_date(raw) == date(2015, 3, 1)


@pytest.mark.parametrize(
    ("raw", "fragment"), [("2015-02-30", "不存在"), ("明年", "无法识别"), ("2999-01-01", "超出")]
)
def test_bad_dates(raw, fragment):
    with pytest.raises(ValueError, match=fragment):
        clean_date(raw)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
def test_every_date_round_trips_through_each_text_form(day):
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert clean_date(text) == day


def test_counts_and_amounts():
    assert clean_count("12件") == 12
    assert clean_count("") == 0
    assert clean_amount("1,234.5万元") == clean_amount("1234.50")
    with pytest.raises(ValueError, match="负数"):
        clean_count("-3")
    with pytest.raises(ValueError, match="不是数字"):
        clean_amount("很多")


def test_typed_text_is_kept_and_only_the_matching_key_is_folded():
    from app.text import clean_text, fold_text, name_key

    typed = "鄂尔多斯（集团）有限公司，１２３号Ａ座"
    assert clean_text(f" {typed}\u3000") == typed
    assert fold_text(typed) == "鄂尔多斯(集团)有限公司,123号A座"
    assert name_key(typed) == name_key("鄂尔多斯(集团)有限公司,123号A座")


def test_one_decimal_parser_serves_amounts_and_answers():
    assert parse_decimal("1,234.5 万元", "万元") == Decimal("1234.5")
    assert parse_decimal(0.1) == Decimal("0.1") and parse_decimal(7) == Decimal(7)
    with pytest.raises(ValueError, match="不是数字"):
        parse_decimal("inf")
    assert clean_amount("1,234.567万元") == Decimal("1234.57") and clean_amount("  ") is None


@given(body17, st.sampled_from(USCC_ALPHABET))
def test_a_wrong_check_character_is_refused_without_telling_the_right_one(body, wrong):
    right = uscc_check_char(body)
    assume(wrong != right)
    with pytest.raises(ValueError) as refused:
        clean_uscc(body + wrong)
    assert "校验位不正确" in str(refused.value) and right not in str(refused.value).replace("18", "")


def test_the_region_code_is_characters_three_to_eight():
    assert uscc_region("91150602MA0N12345X") == "150602" and uscc_region("9115") == ""


def test_a_secret_typed_twice_is_checked_once_for_every_dialog_and_prompt():
    from app.services.core.validation import typed_twice_problem

    assert typed_twice_problem("口令-Backup-9", "口令-Backup-9", "备份口令") is None
    assert (
        typed_twice_problem("口令-Backup-9", "口令-Backup-9 ", "备份口令")
        == "两次输入的备份口令不一致，请重新输入"
    )
    assert typed_twice_problem("a", "b", "新密码") == "两次输入的新密码不一致，请重新输入"
