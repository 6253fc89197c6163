"""Eligibility: each criterion of the notice, its numbers, evidence, and thresholds from settings."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from app.services.applications.eligibility import (
    MET,
    MISSING_EVIDENCE,
    NOT_MET,
    Facts,
    Thresholds,
    evaluate,
    thresholds_from_settings,
)
from app.services.applications.form_data import CRITERIA
from app.services.core import settings

counts = st.integers(min_value=0, max_value=500)
facts_strategy = st.builds(
    Facts,
    is_association=st.booleans(),
    national_title=st.booleans(),
    regional_title=st.booleans(),
    invention_patents=counts,
    well_known_trademarks=st.integers(0, 5),
    registered_trademarks=counts,
    gi_trademarks=st.integers(0, 5),
    applied_regional_this_year=st.booleans(),
    evidence=st.one_of(st.none(), st.frozensets(st.sampled_from(list(CRITERIA)))),
)
thresholds_strategy = st.builds(
    Thresholds, invention_patents=st.integers(1, 100), registered_trademarks=st.integers(1, 200)
)


@given(facts_strategy, thresholds_strategy)
def test_every_criterion_is_reported_once_in_the_notices_order(facts, thresholds):
    result = evaluate(facts, thresholds)
    assert [c.key for c in result.criteria] == list(CRITERIA)


@given(facts_strategy, thresholds_strategy)
def test_eligible_exactly_when_some_criterion_is_met(facts, thresholds):
    result = evaluate(facts, thresholds)
    assert result.eligible == any(c.status == MET for c in result.criteria)
    assert not (result.eligible and result.pending_evidence)


@given(facts_strategy, thresholds_strategy)
def test_invention_patent_threshold_is_inclusive(facts, thresholds):
    at = evaluate(replace(facts, invention_patents=thresholds.invention_patents, evidence=None), thresholds)
    below = evaluate(
        replace(facts, invention_patents=thresholds.invention_patents - 1, evidence=None), thresholds
    )
    assert at.by_key("invention_patents").status == MET
    assert below.by_key("invention_patents").status == NOT_MET
    assert str(thresholds.invention_patents) in at.by_key("invention_patents").detail


@given(facts_strategy)
def test_evidence_never_makes_an_unmet_criterion_met(facts):
    without = evaluate(replace(facts, evidence=None))
    with_all = evaluate(replace(facts, evidence=frozenset(CRITERIA)))
    assert [c.status for c in without.criteria] == [c.status for c in with_all.criteria]


@given(facts_strategy)
def test_missing_evidence_only_where_the_data_qualifies(facts):
    result = evaluate(facts)
    data_only = evaluate(replace(facts, evidence=None))
    for c, d in zip(result.criteria, data_only.criteria, strict=True):
        if c.status == MISSING_EVIDENCE:
            assert d.status == MET and facts.evidence is not None and c.key not in facts.evidence


def test_gi_trademark_counts_only_for_associations():
    assert evaluate(Facts(gi_trademarks=2)).by_key("gi_association").status == NOT_MET
    assert evaluate(Facts(is_association=True, gi_trademarks=1)).by_key("gi_association").status == MET


def test_direct_entry_and_verdict_text():
    result = evaluate(Facts(applied_regional_this_year=True, registered_trademarks=50))
    assert result.direct_entry and result.eligible
    assert "拥有注册商标50件以上" in result.verdict()
    pending = evaluate(Facts(invention_patents=10, evidence=frozenset()))
    assert not pending.eligible and pending.pending_evidence and "证明材料" in pending.verdict()
    assert evaluate(Facts()).verdict() == "不符合任何一项申报条件"


def test_thresholds_come_from_settings(demo_users):
    settings.set_value(demo_users["admin"], "eligibility.min_invention_patents", 20)
    thresholds = thresholds_from_settings()
    assert thresholds.invention_patents == 20
    assert evaluate(Facts(invention_patents=15), thresholds).by_key("invention_patents").status == NOT_MET
