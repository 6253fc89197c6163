"""Which criteria of a form still lack evidence (待补充证明材料): the rule the approval screens ask about."""

from app.services.applications import decisions, forms
from app.services.applications.eligibility import MISSING_EVIDENCE
from app.services.enterprises.search import EnterpriseQuery, search_ids


def test_missing_evidence_lists_the_criteria_and_shrinks_as_evidence_arrives(demo_users, tmp_path):
    officer = demo_users["dongsheng"]
    draft = forms.new_draft(officer, search_ids(officer, EnterpriseQuery(district_code="150602"))[0])
    verdict = forms.eligibility_of(draft)
    pending = [c for c in verdict.criteria if c.status == MISSING_EVIDENCE]
    assert pending and decisions.evidence_missing(draft) == [c.label for c in pending]
    proof = tmp_path / "证书.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    forms.attach(officer, draft.id, proof, forms.EVIDENCE, pending[0].key)
    assert decisions.evidence_missing(draft) == [c.label for c in pending[1:]]
    # Only approvals are asked about; a refusal or a return needs no evidence.
    lacking = decisions.approvals_lacking_evidence([(draft, "reject"), (draft, "return")])
    assert lacking == []
    assert len(pending) >= 2  # the demo enterprise meets several criteria, so one is still missing after one file
    assert decisions.approvals_lacking_evidence([(draft, "approve")]) == [(draft, [c.label for c in pending[1:]])]
