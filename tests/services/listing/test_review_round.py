"""A whole round on a real database: recommendation, quota, deadline, decisions, the list, publication, dashboard."""

import random
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from app.models import Application, AuditLog, ListEntry, Publication, Review
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.core.errors import DomainError, NotFound, PermissionDenied, ValidationError
from app.services.dashboard import figures as statistics
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.listing import entries as protection_list
from app.services.listing import publication
from app.services.system.demo import make_uscc

YEAR = 2026
BEFORE, AFTER, DECIDED = date(2026, 9, 20), date(2026, 10, 12), date(2026, 10, 20)


def _eligible_application(admin, district_code, n, rng):
    """A submitted application of a new enterprise with 12 invention patents."""
    data = {"name": f"{district_code}测试企业{n}号", "uscc": make_uscc(rng, district_code), "kind": "enterprise",
            "district": district_code}  # fmt: skip
    ent = enterprises.create(admin, data).enterprise
    enterprise_records.save_holding(admin, ent.id, 2025, {"invention_patents": 12})
    enterprise_records.save_contact(
        admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True}
    )
    app = applications.new_draft(admin, ent.id, YEAR)
    return applications.submit(admin, app.id)


@pytest.fixture
def round_apps(demo_users):
    admin, rng = demo_users["admin"], random.Random(8)
    return {
        "150602": [_eligible_application(admin, "150602", n, rng) for n in range(9)],
        "150621": [_eligible_application(admin, "150621", n, rng) for n in range(4)],
        "150622": [_eligible_application(admin, "150622", n, rng) for n in range(2)],
    }


def test_a_whole_round(demo_users, round_apps, tmp_path):
    admin, reviewer, dongsheng = demo_users["admin"], demo_users["shenhe"], demo_users["dongsheng"]
    dalate = demo_users["dalate"]
    # 东胜区 recommends 8, and its 9th is refused.
    for app in round_apps["150602"][:8]:
        review.recommend(dongsheng, app.id, "经审核，同意推荐", on=BEFORE)
    with pytest.raises(DomainError, match="达到上限 8 家"):
        review.recommend(dongsheng, round_apps["150602"][8].id, "同意推荐", on=BEFORE)
    # 达拉特旗 recommends 4 in time; 准格尔旗 is late: its officer is refused, the administrator overrides.
    for app in round_apps["150621"]:
        review.recommend(dalate, app.id, "同意推荐", on=BEFORE)
    late = round_apps["150622"][0]
    with pytest.raises(DomainError, match="截止日.*已过"):
        review.recommend(admin, late.id, "同意推荐", on=AFTER)
    review.recommend(
        admin, late.id, "同意推荐", override_reason="旗区局因系统故障延误，经分管领导同意补录", on=AFTER
    )
    assert Review.get(Review.application == late.id).override_reason.startswith("旗区局因系统故障")

    # The city decides: approve a batch, reject one, return one.
    approved = [a.id for a in round_apps["150602"][:6]] + [round_apps["150621"][0].id, late.id]
    review.decide_many(reviewer, [(i, "approve", "符合条件，同意纳入") for i in approved], on=DECIDED)
    rejected, returned = round_apps["150602"][6], round_apps["150621"][1]
    review.decide(reviewer, rejected.id, "reject", "证明材料与申报数据不符", on=DECIDED)
    review.decide(reviewer, returned.id, "return", "请补充发明专利清单", on=DECIDED)

    # The returned form is corrected as revision 2, submitted, recommended again (no second quota place), approved.
    corrected = applications.revise(dalate, returned.id)
    form = applications.form_of(corrected)
    form.patents = [
        {
            "number": "ZL202010000001.X",
            "title": "一种煤化工催化剂",
            "kind": "发明",
            "status": "有效",
            "expiry": "",
        }
    ]
    applications.save_form(dalate, corrected.id, form)
    applications.submit(dalate, corrected.id)
    review.recommend(dalate, corrected.id, "已按要求补充", on=BEFORE)
    review.decide(reviewer, corrected.id, "approve", "同意纳入", on=DECIDED)
    assert review.recommended_count(corrected.round, corrected.enterprise.district_id) == 4

    # The list, publication files and dashboard agree.
    listed = protection_list.entries(admin)
    listed_names = {e.enterprise.name for e in listed}
    assert len(listed) == 9
    assert Application.get_by_id(rejected.id).status == "rejected"
    assert all(e.next_review_on == date(2028, 10, 20) for e in listed)
    assert all(protection_list.basis_labels(e) == ["拥有有效发明专利10件以上"] for e in listed)

    xlsx, pdf = tmp_path / "公示.xlsx", tmp_path / "公示.pdf"
    result = publication.publish(admin, xlsx, pdf, on=DECIDED)
    sheet = openpyxl.load_workbook(xlsx).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == listed_names
    assert sheet.freeze_panes == "A2" and sheet.page_setup.orientation == "landscape"
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
    assert all(name in text for name in listed_names) and "2026年10月20日" in text
    record = Publication.get_by_id(result.publication.id)
    assert record.entry_count == 9 and publication.verify(record, xlsx) and publication.verify(record, pdf)

    figures = statistics.dashboard(admin, YEAR, today=DECIDED)
    assert (figures["listed"], figures["target"]) == (9, 50)
    by_code = {d["code"]: d for d in figures["districts"]}
    assert by_code["150602"]["recommended"] == 8 and by_code["150602"]["listed"] == 6
    assert by_code["150621"]["recommended"] == 4 and by_code["150621"]["listed"] == 2
    assert by_code["150622"]["recommended"] == 1 and by_code["150622"]["below_quota"]
    assert by_code["150602"]["applications"]["rejected"] == 1
    assert any("准格尔旗本轮仅推荐 1 家" in w for w in figures["warnings"])
    assert figures["by_basis"]["拥有有效发明专利10件以上"] == 9


def test_roles_and_opinions_are_enforced(demo_users, round_apps):
    admin, reviewer, dongsheng = demo_users["admin"], demo_users["shenhe"], demo_users["dongsheng"]
    app = round_apps["150602"][0]
    with pytest.raises(ValidationError, match="旗区局推荐意见"):
        review.recommend(dongsheng, app.id, "  ", on=BEFORE)
    with pytest.raises(NotFound, match="没有编号为"):  # another district's form is not even shown to exist
        review.recommend(demo_users["dalate"], app.id, "越权推荐", on=BEFORE)
    with pytest.raises(PermissionDenied):
        review.recommend(reviewer, app.id, "审核员不推荐", on=BEFORE)
    with pytest.raises(DomainError, match="只有已推荐或审核中"):
        review.decide(reviewer, app.id, "approve", "未推荐先批准")
    review.recommend(dongsheng, app.id, "同意推荐", on=BEFORE)
    with pytest.raises(PermissionDenied, match="市局"):
        review.decide(dongsheng, app.id, "approve", "旗区自己批准")
    with pytest.raises(ValidationError, match="需要修改的内容"):
        review.decide(reviewer, app.id, "return", "")
    review.start_review(reviewer, app.id)
    review.decide(reviewer, app.id, "approve", "同意")
    with pytest.raises(DomainError):
        review.decide(reviewer, app.id, "approve", "再批一次")
    actions = [
        e.action for e in AuditLog.select().where(AuditLog.entity_uuid == app.uuid).order_by(AuditLog.id)
    ]
    assert actions[-3:] == ["application.recommend", "application.review", "application.approve"]
    assert admin  # the administrator exists for completeness of the fixture


def test_batch_decisions_are_all_or_nothing(demo_users, round_apps):
    reviewer, dongsheng = demo_users["shenhe"], demo_users["dongsheng"]
    first, second = round_apps["150602"][:2]
    review.recommend(dongsheng, first.id, "同意推荐", on=BEFORE)
    with pytest.raises(DomainError):
        review.decide_many(reviewer, [(first.id, "approve", "同意"), (second.id, "approve", "同意")])
    assert Application.get_by_id(first.id).status == "recommended"
    assert ListEntry.select().count() == 0


def test_direct_entry_skips_the_quota_but_needs_the_city(demo_users):
    admin, reviewer = demo_users["admin"], demo_users["shenhe"]
    rng = random.Random(3)
    ent = enterprises.create(admin, {"name": "直接纳入测试企业", "uscc": make_uscc(rng, "150602"), "kind": "enterprise",
                                     "district": "150602", "applied_regional_year": YEAR}).enterprise  # fmt: skip
    enterprise_records.save_contact(
        admin, ent.id, {"name": "李强", "phone": "0477-8160875", "is_primary": True}
    )
    app = applications.submit(admin, applications.new_draft(admin, ent.id, YEAR).id)
    assert app.source == "direct"
    review.decide(reviewer, app.id, "approve", "已申报自治区名录，直接纳入")
    assert review.recommended_count(app.round, ent.district_id) == 0
    assert protection_list.basis_labels(protection_list.entries(admin)[0]) == [
        "本年度已申报自治区知识产权重点企业保护名录（直接纳入）"
    ]


def test_re_examination_renews_or_removes(demo_users, round_apps):
    reviewer, dongsheng = demo_users["shenhe"], demo_users["dongsheng"]
    for app in round_apps["150602"][:2]:
        review.recommend(dongsheng, app.id, "同意推荐", on=BEFORE)
        review.decide(reviewer, app.id, "approve", "同意", on=DECIDED)
    keep, drop = protection_list.entries(reviewer)
    renewed = protection_list.re_examine(reviewer, keep.id, "renewed", "复核合格", on=date(2028, 10, 1))
    assert renewed.next_review_on == date(2030, 10, 1) and renewed.status == "renewed"
    protection_list.re_examine(reviewer, drop.id, "removed", "企业已迁出本市", on=date(2028, 10, 1))
    assert [e.id for e in protection_list.entries(reviewer)] == [keep.id]
    assert len(protection_list.entries(reviewer, include_inactive=True)) == 2
    assert Review.select().where(Review.kind == "re_examination").count() == 2
    with pytest.raises(PermissionDenied):
        protection_list.re_examine(dongsheng, keep.id, "renewed", "旗区不能复核")
