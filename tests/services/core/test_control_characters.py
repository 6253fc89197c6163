"""Control characters are refused where text is typed, naming the field (issue 11, finding 14)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import Case, Enterprise, Visit
from app.services.cases import handling as cases
from app.services.core import validation
from app.services.core.errors import ValidationError
from app.services.enterprises import register as enterprises
from app.services.liaison import visits
from app.services.questionnaires.answer_checks import QuestionSpec, clean_answer
from tests.helpers.messy import codes

CONTROLS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
LINE_BREAKS = ["\t", "\n", "\r"]


@pytest.mark.parametrize("char", [c for c in CONTROLS if c not in LINE_BREAKS])
def test_every_control_character_is_refused_in_any_field(char):
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}（第 3 个字符）"):
        validation.check_text(f"甲乙{char}丙", multiline=True)


@pytest.mark.parametrize("char", LINE_BREAKS)
def test_tabs_and_line_breaks_are_kept_in_multi_line_fields_only(char):
    assert validation.check_text(f"第一行{char}第二行", multiline=True) == f"第一行{char}第二行"
    with pytest.raises(ValueError, match="不能包含"):
        validation.check_text(f"第一行{char}第二行")


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs"))))
def test_text_without_control_characters_is_stored_as_typed(text):
    assert validation.check_text(text) == text.strip()


def test_an_enterprise_name_with_a_nul_is_refused_naming_the_field(empty_db):
    _, admin = empty_db
    data = {
        "name": "鄂尔多斯\x00测试有限公司",
        "uscc": codes(1)[0],
        "district": "达拉特旗",
        "kind": "enterprise",
    }
    with pytest.raises(ValidationError, match="企业名称：含有不可见的控制字符 U\\+0000"):
        enterprises.create(admin, data)
    assert Enterprise.select().count() == 0
    data = {**data, "name": "鄂尔多斯测试有限公司", "registered_address": "达拉特旗\n树林召镇"}
    assert enterprises.create(admin, data).enterprise.registered_address == "达拉特旗\n树林召镇"


def test_a_case_summary_or_party_with_a_control_character_is_refused(demo_users):
    admin = demo_users["admin"]
    before = Case.select().count()
    party = {"name": "张三", "role": "complainant"}
    with pytest.raises(ValidationError, match="案情摘要：含有不可见的控制字符 U\\+0001"):
        cases.create_case(admin, {"type": "trademark", "summary": "仿冒\x01商标"}, [party])
    with pytest.raises(ValidationError, match="第1个当事人的名称含有不可见的控制字符 U\\+001B"):
        cases.create_case(
            admin, {"type": "trademark", "summary": "仿冒商标"}, [{**party, "name": "张\x1b三"}]
        )
    assert Case.select().count() == before


def test_visit_notes_with_a_control_character_are_refused(demo_users):
    admin = demo_users["admin"]
    enterprise = Enterprise.select().first()
    before = Visit.select().count()
    with pytest.raises(ValidationError, match="走访记录：含有不可见的控制字符 U\\+0085"):
        visits.record_visit(admin, enterprise.id, {"visited_on": "2026-03-02", "notes": "了解\x85情况"})
    assert Visit.select().count() == before


def test_a_text_answer_with_a_control_character_is_refused():
    with pytest.raises(ValueError, match="U\\+0007"):
        clean_answer(QuestionSpec("text", "意见"), "很好\x07")
    assert clean_answer(QuestionSpec("text", "意见"), "很好\n谢谢") == "很好\n谢谢"
