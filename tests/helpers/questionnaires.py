"""A small questionnaire with one question of every type, and helpers to pick demo enterprises by district."""

from app.models import District, Enterprise
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.design import Design

DESIGN = Design(
    "企业知识产权服务测试问卷",
    "测试用",
    [
        QuestionSpec("single", "最需要的服务", True, ["培训", "维权", "咨询"]),
        QuestionSpec("multiple", "遇到的问题", False, ["专利侵权", "商标假冒", "商业秘密"]),
        QuestionSpec("number", "知识产权人员数", True, unit="人", min_value="0", max_value="100"),
        QuestionSpec("rating", "满意度", True),
        QuestionSpec("yes_no", "是否设有知识产权部门", False),
        QuestionSpec("text", "建议", False),
        QuestionSpec("date", "上次走访日期", False),
    ],
)


def enterprises_of(code: str) -> list[Enterprise]:
    district = District.get(District.code == code)
    return list(
        Enterprise.select()
        .where((Enterprise.district == district) & (Enterprise.archived == False))  # noqa: E712
        .order_by(Enterprise.name_key)
    )
