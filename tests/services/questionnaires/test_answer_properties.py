"""Answer checking by type and range, with properties over many generated inputs (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.questionnaires.answer_checks import QuestionSpec, clean_answer, display, validate_answers

OPTIONS = ["培训", "维权（援助）", "咨询", "Other choice"]
SINGLE = QuestionSpec("single", "s", options=OPTIONS, uuid="s")
MULTIPLE = QuestionSpec("multiple", "m", options=OPTIONS, uuid="m")
NUMBER = QuestionSpec("number", "n", unit="万元", min_value="-5", max_value="100.5", uuid="n")
RATING = QuestionSpec("rating", "r", required=True, uuid="r")
YES_NO = QuestionSpec("yes_no", "y", uuid="y")
DATE = QuestionSpec("date", "d", uuid="d")
TEXT = QuestionSpec("text", "t", uuid="t")
ALL = [SINGLE, MULTIPLE, NUMBER, RATING, YES_NO, DATE, TEXT]


@given(st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False))
def test_numbers_inside_the_range_pass_and_outside_fail(value):
    inside = Decimal("-5") <= value <= Decimal("100.5")
    for raw in (value, str(value), f"{value}万元", float(value)):
        if inside:
            assert Decimal(str(clean_answer(NUMBER, raw))) == value
        else:
            with pytest.raises(ValueError, match="超出允许范围（-5–100.5 万元）"):
                clean_answer(NUMBER, raw)


@given(st.integers(min_value=-20, max_value=20))
def test_ratings_are_whole_numbers_from_one_to_five(value):
    if 1 <= value <= 5:
        assert clean_answer(RATING, value) == value == clean_answer(RATING, f"{value}分")
    else:
        with pytest.raises(ValueError, match="1 到 5"):
            clean_answer(RATING, value)


@given(st.lists(st.sampled_from(OPTIONS), unique=True), st.sampled_from(["、", "，", ",", ";", "\n"]))
def test_multiple_choice_round_trips_through_a_cell(chosen, separator):
    cleaned = clean_answer(MULTIPLE, separator.join(chosen))
    expected = [o for o in OPTIONS if o in chosen] or None
    assert cleaned == expected
    if cleaned:
        assert clean_answer(MULTIPLE, display(MULTIPLE, cleaned)) == cleaned
        assert clean_answer(MULTIPLE, list(reversed(chosen))) == cleaned


@given(st.text(max_size=12))
def test_single_choice_accepts_only_its_options(text):
    folded = {o.replace(" ", "").replace("（", "(").replace("）", ")") for o in OPTIONS}
    try:
        value = clean_answer(SINGLE, text)
    except ValueError as exc:
        assert "不是可选项" in str(exc)
        return
    assert value is None or value in OPTIONS
    if value is None:
        assert not text.strip()
    else:
        assert value.replace(" ", "").replace("（", "(").replace("）", ")") in folded


@given(st.dictionaries(st.sampled_from([s.uuid for s in ALL]), st.one_of(st.none(), st.text(max_size=6),
       st.integers(-10, 10), st.booleans())), st.booleans())  # fmt: skip
def test_validate_never_raises_and_sorts_every_question(raw, complete):
    cleaned, errors = validate_answers(ALL, raw, complete=complete)
    assert not set(cleaned) & set(errors)
    for spec in ALL:
        if spec.uuid in cleaned:
            assert clean_answer(spec, cleaned[spec.uuid]) == cleaned[spec.uuid]  # cleaning is idempotent
    if complete and RATING.uuid not in cleaned:
        assert RATING.uuid in errors
    if not complete:
        assert all(msg != "必答题，请填写" for msg in errors.values())


def test_typed_forms_of_each_kind():
    assert clean_answer(SINGLE, " 维权(援助) ") == "维权（援助）"
    assert clean_answer(YES_NO, "是") is True and clean_answer(YES_NO, "N") is False
    with pytest.raises(ValueError):
        clean_answer(YES_NO, 7)
    assert clean_answer(DATE, "2024年3月1日") == "2024-03-01"
    with pytest.raises(ValueError, match="日期不存在"):
        clean_answer(DATE, "2024-02-30")
    assert clean_answer(NUMBER, "1,00") == 100
    assert clean_answer(NUMBER, "12.50") == 12.5
    with pytest.raises(ValueError, match="不是数字"):
        clean_answer(NUMBER, "十二")
    with pytest.raises(ValueError, match="不是数字"):
        clean_answer(NUMBER, "NaN")
    assert clean_answer(TEXT, "  ") is None and clean_answer(MULTIPLE, []) is None
    with pytest.raises(ValueError, match="2000"):
        clean_answer(TEXT, "字" * 2001)
