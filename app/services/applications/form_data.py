"""The application form (申报表), sections A–G, as plain data: what the GUI edits, the PDF prints, the DB stores.

The notice's attachment was never published; the sections follow ../shared/design/domain.md. Section A is a
snapshot of the enterprise record taken when the form is drafted and frozen at submission; B–F are answers.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from app.models.enterprises import HOLDING_COUNTS
from app.services.core import dates, validation
from app.text import clean_text

SECTION_TITLES = {
    "A": "一、基本情况",
    "B": "二、申报条件",
    "C": "三、知识产权拥有情况",
    "D": "四、知识产权管理情况",
    "E": "五、近三年知识产权纠纷情况",
    "F": "六、知识产权保护需求",
    "G": "七、承诺及审核意见",
}

# Section B: the notice's criteria, in its order. Keys are shared with the eligibility service.
CRITERIA = {
    "national_title": "国家级知识产权优势/示范企业",
    "regional_title": "自治区级知识产权优势/示范企业",
    "invention_patents": "拥有有效发明专利10件以上",
    "well_known_trademark": "拥有驰名商标",
    "registered_trademarks": "拥有注册商标50件以上",
    "gi_association": "拥有地理标志商标的行业协会",
    "regional_list_applicant": "本年度已申报自治区知识产权重点企业保护名录（直接纳入）",
}

PATENT_LIST_COLUMNS = {
    "number": "专利号",
    "title": "名称",
    "kind": "类型",
    "status": "法律状态",
    "expiry": "届满日",
}

MANAGEMENT_LABELS = {
    "ip_department": "知识产权管理部门",
    "ip_staff": "专职人员（人）",
    "gbt29490_year": "通过GB/T 29490贯标认证年份",
    "internal_rules": "内部管理制度",
    "ip_spend": "上年知识产权经费投入（万元）",
}

DISPUTE_ROLES = {"claimant": "权利人/请求人", "respondent": "被请求人/被告"}
DISPUTE_TYPES = {
    "patent": "专利",
    "trademark": "商标",
    "copyright": "著作权",
    "trade_secret": "商业秘密",
    "other": "其他",
}
DISPUTE_FORUMS = {
    "self_regulation": "行业自律",
    "mediation": "调解",
    "arbitration": "仲裁",
    "administrative_ruling": "行政裁决",
    "court": "司法诉讼",
}
DISPUTE_COLUMNS = {
    "year": "年份",
    "role": "身份",
    "type": "类型",
    "forum": "处理途径",
    "foreign": "涉外",
    "outcome": "结果",
}

NEEDS = {
    "policy_outreach": "政策宣贯（送政策进企业）",
    "management_guidance": "知识产权管理制度建设指导",
    "risk_training": "知识产权风险防范培训",
    "dispute_resolution": "纠纷多元化解",
    "rights_aid": "维权援助与法律援助",
    "customs_trade_show": "进出口及展会知识产权保护",
    "think_tank": "专家智库咨询",
    "fast_complaints": "商标专利违法行为快速查处",
}

PLEDGE_TEXT = (
    "本单位承诺：所填报内容及所附材料真实、准确、完整，如有虚假，愿意承担相应责任，"
    "并自愿接受市场监督管理部门（知识产权局）的监督检查。"
)
SEAL_CAPTIONS = ("企业盖章", "旗区局推荐意见（盖章）", "市局审核意见（盖章）")


@dataclass
class CriterionClaim:
    claimed: bool = False
    year: int | None = None
    note: str = ""


@dataclass
class ApplicationForm:
    snapshot: dict = field(default_factory=dict)  # section A: enterprise fields + "contact" dict
    criteria: dict[str, CriterionClaim] = field(
        default_factory=lambda: {k: CriterionClaim() for k in CRITERIA}
    )
    holdings: dict = field(default_factory=dict)  # HOLDING_COUNTS keys + trade_secrets + year
    patents: list[dict] = field(default_factory=list)  # PATENT_LIST_COLUMNS rows
    management: dict = field(default_factory=dict)  # MANAGEMENT_LABELS keys
    disputes: list[dict] = field(default_factory=list)  # DISPUTE_COLUMNS rows
    needs: list[str] = field(default_factory=list)
    needs_other: str = ""
    pledge: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, default=str)

    @classmethod
    def from_json(cls, text: str) -> ApplicationForm:
        data = json.loads(text)
        data["criteria"] = {k: CriterionClaim(**v) for k, v in data.get("criteria", {}).items()}
        for key in CRITERIA:
            data["criteria"].setdefault(key, CriterionClaim())
        return cls(**data)

    def count(self, key: str) -> int:
        return int(self.holdings.get(key) or 0)


def validate(form: ApplicationForm, *, for_submission: bool) -> dict[str, str]:
    """Problems by place ("B.invention_patents", "E.2.forum"…) with Chinese messages; {} when fine."""
    problems: dict[str, str] = {}
    for key, claim in form.criteria.items():
        if key not in CRITERIA:
            problems[f"B.{key}"] = "未知的申报条件"
        elif claim.claimed and dates.year_problem(dates.PAST_YEAR, claim.year):
            problems[f"B.{key}"] = f"“{CRITERIA[key]}”的年份：{dates.year_problem(dates.PAST_YEAR, claim.year)}"
    for place, label, year in (
        ("C.year", "知识产权数量的年份", form.holdings.get("year")),
        ("D.gbt29490_year", MANAGEMENT_LABELS["gbt29490_year"], form.management.get("gbt29490_year")),
        *((f"E.{i}.year", f"第{i}条纠纷的年份", row.get("year")) for i, row in enumerate(form.disputes, start=1)),
    ):
        if dates.year_problem(dates.PAST_YEAR, year or None):
            problems[place] = f"{label}：{dates.year_problem(dates.PAST_YEAR, year or None)}"
    for key in HOLDING_COUNTS:
        try:
            validation.clean_count(form.holdings.get(key))
        except ValueError as exc:
            problems[f"C.{key}"] = f"{HOLDING_COUNTS[key]}：{exc}"
    for i, row in enumerate(form.disputes, start=1):
        if row.get("role") not in DISPUTE_ROLES:
            problems[f"E.{i}.role"] = f"第{i}条纠纷：请选择身份"
        if row.get("forum") not in DISPUTE_FORUMS:
            problems[f"E.{i}.forum"] = f"第{i}条纠纷：请选择处理途径"
    unknown = [n for n in form.needs if n not in NEEDS]
    if unknown:
        problems["F.needs"] = f"未知的保护需求：{'、'.join(unknown)}"
    if for_submission:
        problems.update(_submission_problems(form))
    return problems


def _submission_problems(form: ApplicationForm) -> dict[str, str]:
    problems = {}
    snap = form.snapshot
    for key, label in (("name", "企业名称"), ("uscc", "统一社会信用代码"), ("district", "所属旗区")):
        if not clean_text(str(snap.get(key) or "")):
            problems[f"A.{key}"] = f"{label}未填写"
    contact = snap.get("contact") or {}
    if not clean_text(contact.get("name", "")):
        problems["A.contact"] = "未填写知识产权联系人"
    elif not (contact.get("phone") or contact.get("mobile")):
        problems["A.contact"] = "知识产权联系人缺少电话或手机"
    if not any(c.claimed for c in form.criteria.values()):
        problems["B"] = "至少勾选一项申报条件"
    # The pledge binds through the seal on the printed form, so an unticked box does not block submission.
    return problems
