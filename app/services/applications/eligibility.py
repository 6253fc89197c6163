"""Eligibility for the protection list (notice §2(一)1): every criterion, met or not, and the numbers that decided.

`evaluate` is a pure function of `Facts` and `Thresholds`. In an application every criterion that the data
meets also needs an evidence file; until one is attached it is "missing evidence", which is not yet "met".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from app.services.applications.form_data import CRITERIA
from app.services.core import settings

MET, NOT_MET, MISSING_EVIDENCE = "met", "not_met", "missing_evidence"
STATUS_LABELS = {MET: "符合", NOT_MET: "不符合", MISSING_EVIDENCE: "符合，待补充证明材料"}


@dataclass(frozen=True)
class Thresholds:
    invention_patents: int = 10
    registered_trademarks: int = 50


def thresholds_from_settings() -> Thresholds:
    return Thresholds(
        invention_patents=settings.get("eligibility.min_invention_patents"),
        registered_trademarks=settings.get("eligibility.min_registered_trademarks"),
    )


@dataclass(frozen=True)
class Facts:
    is_association: bool = False
    national_title: bool = False
    regional_title: bool = False
    invention_patents: int = 0
    well_known_trademarks: int = 0
    registered_trademarks: int = 0
    gi_trademarks: int = 0
    applied_regional_this_year: bool = False
    # Criteria with an evidence file; None when evidence is not considered (a check of the register alone).
    evidence: frozenset[str] | None = None


@dataclass(frozen=True)
class CriterionResult:
    key: str
    label: str
    status: str
    detail: str

    @property
    def met(self) -> bool:
        return self.status == MET


@dataclass(frozen=True)
class EligibilityResult:
    criteria: tuple[CriterionResult, ...]

    @property
    def eligible(self) -> bool:
        return any(c.met for c in self.criteria)

    @property
    def pending_evidence(self) -> bool:
        return not self.eligible and any(c.status == MISSING_EVIDENCE for c in self.criteria)

    @property
    def direct_entry(self) -> bool:
        return self.by_key("regional_list_applicant").status != NOT_MET

    def by_key(self, key: str) -> CriterionResult:
        return next(c for c in self.criteria if c.key == key)

    def verdict(self) -> str:
        if self.eligible:
            basis = "、".join(c.label for c in self.criteria if c.met)
            return f"符合申报条件：{basis}"
        if self.pending_evidence:
            return "数据符合申报条件，但尚未上传证明材料"
        return "不符合任何一项申报条件"

    def to_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "pending_evidence": self.pending_evidence,
            "direct_entry": self.direct_entry,
            "verdict": self.verdict(),
            "criteria": [{**asdict(c), "status_label": STATUS_LABELS[c.status]} for c in self.criteria],
        }


def evaluate(facts: Facts, thresholds: Thresholds = Thresholds()) -> EligibilityResult:  # noqa: B008 (frozen)
    inv, tm = thresholds.invention_patents, thresholds.registered_trademarks
    checks = {
        "national_title": (facts.national_title, "有国家级称号" if facts.national_title else "无国家级称号"),
        "regional_title": (
            facts.regional_title,
            "有自治区级称号" if facts.regional_title else "无自治区级称号",
        ),
        "invention_patents": (
            facts.invention_patents >= inv,
            f"有效发明专利 {facts.invention_patents} 件，门槛 {inv} 件",
        ),
        "well_known_trademark": (
            facts.well_known_trademarks >= 1,
            f"驰名商标 {facts.well_known_trademarks} 件",
        ),
        "registered_trademarks": (
            facts.registered_trademarks >= tm,
            f"注册商标 {facts.registered_trademarks} 件，门槛 {tm} 件",
        ),
        "gi_association": (
            facts.is_association and facts.gi_trademarks >= 1,
            f"{'行业协会' if facts.is_association else '非行业协会'}，地理标志商标 {facts.gi_trademarks} 件",
        ),
        "regional_list_applicant": (
            facts.applied_regional_this_year,
            "本年度已申报自治区名录" if facts.applied_regional_this_year else "本年度未申报自治区名录",
        ),
    }
    results = []
    for key, label in CRITERIA.items():
        satisfied, detail = checks[key]
        if not satisfied:
            status = NOT_MET
        elif facts.evidence is not None and key not in facts.evidence:
            status = MISSING_EVIDENCE
        else:
            status = MET
        results.append(CriterionResult(key, label, status, detail))
    return EligibilityResult(tuple(results))
