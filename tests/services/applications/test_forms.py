"""Application forms: drafts from the register, submission rules, frozen submissions, revisions, attachments."""

import pytest

from app.models import Application, AuditLog, Enterprise
from app.services.applications import eligibility, eligibility_facts
from app.services.applications import forms as applications
from app.services.core.errors import DomainError, NotFound, ValidationError
from app.services.enterprises import register as enterprises


def _eligible_in(district_code, admin):
    for ent in (
        Enterprise.select()
        .join(Enterprise.district.rel_model)
        .where(Enterprise.district.rel_model.code == district_code)
    ):
        if eligibility.evaluate(eligibility_facts.facts_from_enterprise(ent)).eligible:
            return ent
    raise AssertionError("no eligible demo enterprise")


def _ineligible(admin):
    for ent in Enterprise.select():
        if not eligibility.evaluate(eligibility_facts.facts_from_enterprise(ent)).eligible:
            return ent
    raise AssertionError


def test_draft_is_prefilled_and_an_eligible_demo_draft_submits_as_it_is(demo_users):
    admin = demo_users["admin"]
    ent = _eligible_in("150602", admin)
    app = applications.new_draft(admin, ent.id, 2026)
    form = applications.form_of(app)
    assert form.snapshot["uscc"] == ent.uscc and form.snapshot["district"] == "东胜区"
    assert form.snapshot["contact"]["name"]
    assert any(c.claimed for c in form.criteria.values())
    assert app.round.deadline.isoformat() == "2026-10-09"
    submitted = applications.submit(admin, app.id)
    assert submitted.status == "submitted" and submitted.submitted_by.id == admin.id


def test_submit_lists_what_is_missing(demo_users):
    admin = demo_users["admin"]
    app = applications.new_draft(admin, _ineligible(admin).id, 2026)
    form = applications.form_of(app)
    form.snapshot["contact"] = {"name": "", "phone": "", "mobile": ""}
    applications.save_form(admin, app.id, form)
    with pytest.raises(ValidationError) as info:
        applications.submit(admin, app.id)
    assert "至少勾选一项申报条件" in str(info.value) and "未填写知识产权联系人" in str(info.value)
    assert Application.get_by_id(app.id).status == "draft"


def test_submitted_form_is_frozen_against_register_edits_and_form_edits(demo_users):
    admin = demo_users["admin"]
    ent = _eligible_in("150621", admin)
    app = applications.submit(admin, applications.new_draft(admin, ent.id, 2026).id)
    enterprises.update(admin, ent.id, {"legal_representative": "后来改的"})
    assert applications.form_of(Application.get_by_id(app.id)).snapshot["legal_representative"] != "后来改的"
    with pytest.raises(DomainError, match="不能修改"):
        applications.save_form(admin, app.id, applications.form_of(app))


def test_revision_keeps_both_versions(demo_users):
    admin = demo_users["admin"]
    ent = _eligible_in("150621", admin)
    first = applications.submit(admin, applications.new_draft(admin, ent.id, 2026).id)
    second = applications.revise(admin, first.id)
    assert (second.revision, second.previous.id, second.status) == (2, first.id, "draft")
    form = applications.form_of(second)
    form.needs = ["think_tank"]
    applications.save_form(admin, second.id, form)
    assert applications.form_of(Application.get_by_id(first.id)).needs == []
    assert [a.revision for a in applications.history(admin, ent.id)] == [2, 1]
    assert applications.current_for(admin, ent.id, 2026).id == second.id
    with pytest.raises(DomainError):
        applications.revise(admin, first.id)


def test_one_open_application_per_round(demo_users):
    admin = demo_users["admin"]
    ent = _eligible_in("150602", admin)
    applications.new_draft(admin, ent.id, 2026)
    with pytest.raises(DomainError, match="已有申报表"):
        applications.new_draft(admin, ent.id, 2026)
    applications.new_draft(admin, ent.id, 2027)


def test_evidence_turns_missing_evidence_into_met(demo_users, tmp_path):
    admin = demo_users["admin"]
    ent = _eligible_in("150602", admin)
    app = applications.new_draft(admin, ent.id, 2026)
    verdict = applications.eligibility_of(app)
    assert verdict.pending_evidence and not verdict.eligible
    key = next(c.key for c in verdict.criteria if c.status == "missing_evidence")
    proof = tmp_path / "证书.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    applications.attach(admin, app.id, proof, "evidence", key)
    assert applications.eligibility_of(Application.get_by_id(app.id)).by_key(key).status == "met"
    applications.submit(admin, app.id)
    with pytest.raises(DomainError, match="不能再添加证明材料"):
        applications.attach(admin, app.id, proof, "evidence", key)
    scan = applications.attach(admin, app.id, proof, "scan")
    assert scan.purpose == "scan"
    revised = applications.revise(admin, app.id)
    assert applications.eligibility_of(revised).by_key(key).status == "met"  # evidence carried over


def test_district_officer_scope_and_audit(demo_users):
    officer = demo_users["dongsheng"]
    other = _eligible_in("150621", demo_users["admin"])
    with pytest.raises(NotFound) as refused:  # another district's enterprise is not even confirmed to exist
        applications.new_draft(officer, other.id, 2026)
    assert other.name not in str(refused.value)
    own = _eligible_in("150602", demo_users["admin"])
    app = applications.new_draft(officer, own.id, 2026, source="recommended")
    applications.submit(officer, app.id)
    actions = [e.action for e in AuditLog.select().where(AuditLog.entity == "application")]
    assert actions == ["application.create", "application.submit"]


def test_direct_entry_is_a_setting_the_bureau_can_switch_off(demo_users):
    from app.services.applications.form_data import CriterionClaim
    from app.services.core import settings

    admin = demo_users["admin"]
    sources = []
    for enabled, district in ((True, "150602"), (False, "150621")):
        settings.set_value(admin, "round.direct_entry", enabled)
        app = applications.new_draft(admin, _eligible_in(district, admin).id, 2026)
        form = applications.form_of(app)
        form.criteria["regional_list_applicant"] = CriterionClaim(True, 2026, "")
        applications.save_form(admin, app.id, form)
        sources.append(applications.submit(admin, app.id).source)
    assert sources[0] == "direct" and sources[1] != "direct"
