"""The decision path (notice §2(一)2): districts recommend, the city examines and decides, the list is kept.

submitted → recommended (district, quota and deadline of the round) → under_review → approved | rejected |
returned (corrected as a new revision, then submitted again). Direct-entry forms skip the district's quota.
Every step: allowed roles only, the opinion written on the paper form, an audit entry.
"""

from __future__ import annotations

import json
from datetime import date

from peewee import fn

from app.models import Application, Enterprise, ListEntry, Review, Round, User
from app.models.db import LOCK_QUOTA, database, retrying, serialise
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.applications import actions, eligibility
from app.services.applications import forms as applications
from app.services.core import audit, duties, settings
from app.services.core.errors import DomainError, PermissionDenied, ValidationError
from app.services.core.permissions import require_city, require_write_enterprise

DECISIONS = {"approve": "approved", "reject": "rejected", "return": "returned"}
DECISION_LABELS = {"approve": "批准纳入名录", "reject": "不予纳入", "return": "退回修改"}
DECIDE_REFUSAL = "只有市局审核员或管理员可以审核决定"
RECOMMENDED_STATES = ("recommended", "under_review", "approved", "rejected", "returned")


def require_opinion(opinion: str, label: str) -> str:
    text = (opinion or "").strip()
    if not text:
        raise ValidationError({"opinion": "必须填写"}, {"opinion": label})
    return text


def recommended_counts(round_: Round) -> dict[int, int]:
    """`recommended_count` of every district (id) at once, in one grouped query."""
    query = (
        Review.select(Enterprise.district, fn.COUNT(fn.DISTINCT(Application.enterprise)))
        .join(Application)
        .join(Enterprise)
        .where(
            (Review.kind == "recommendation") & (Application.round == round_) & (Application.source != "direct")
        )
        .group_by(Enterprise.district)
    )
    return dict(query.tuples())


def recommended_count(round_: Round, district_id: int) -> int:
    """Enterprises a district has recommended in a round (a corrected form does not count twice)."""
    return (
        Review.select(fn.COUNT(fn.DISTINCT(Application.enterprise)))
        .join(Application)
        .join(Enterprise)
        .where(
            (Review.kind == "recommendation")
            & (Application.round == round_)
            & (Application.source != "direct")
            & (Enterprise.district == district_id)
        )
        .scalar()
    )


@retrying
def recommend(
    actor: User, application_id: int, opinion: str, override_reason: str | None = None, on: date | None = None
) -> Application:
    """The district bureau's recommendation, within its quota and before the round's deadline.

    Two PCs recommending at once (a LAN register) take turns over the quota count: SQLite's write lock, or
    on PostgreSQL a lock on the round's and district's quota held until commit."""
    on = on or date.today()
    opinion = require_opinion(opinion, "旗区局推荐意见")
    with database.atomic():
        application = applications.get(actor, application_id)
        require_write_enterprise(actor, application.enterprise.district_id)
        if actions.RECOMMEND not in actions.role_actions(actor):
            raise PermissionDenied("推荐由旗区局联络员办理")
        if not actions.is_recommendable(application):
            raise DomainError(f"只有已提交的申报表可以推荐（当前：{applications.status_label(application)}）")
        round_ = application.round
        override = (override_reason or "").strip()
        if on > round_.deadline:
            if not override:
                raise DomainError(
                    f"{round_.year} 年度推荐截止日 {round_.deadline:%Y年%m月%d日} 已过，需由市局管理员填写原因补录"
                )
            if actions.RECOMMEND_LATE not in actions.role_actions(actor):
                raise PermissionDenied("截止日后补录推荐须由市局管理员办理")
        already = _already_recommended(application)
        if application.source != "direct" and not already:
            serialise(LOCK_QUOTA, round_.id, application.enterprise.district_id)
            count = recommended_count(round_, application.enterprise.district_id)
            if count >= round_.quota_max:
                raise DomainError(
                    f"{application.enterprise.district.name}{round_.year} 年度已推荐 {count} 家，达到上限 {round_.quota_max} 家"
                )
        _transition(actor, application, "recommended", "application.recommend", kind="recommendation",
                    outcome="recommended", opinion=opinion, decided_on=on, override_reason=override)  # fmt: skip
    return application


def _recommenders(application: Application) -> list[int | None]:
    query = Review.select(Review.decided_by).where(
        (Review.application == application) & (Review.kind == "recommendation")
    )
    return [r.decided_by_id for r in query]


def _already_recommended(application: Application) -> bool:
    """An earlier revision of the same enterprise's form in this round was recommended already."""
    return (
        Review.select()
        .join(Application)
        .where(
            (Review.kind == "recommendation")
            & (Application.enterprise == application.enterprise)
            & (Application.round == application.round)
        )
        .exists()
    )


@retrying
def start_review(actor: User, application_id: int) -> Application:
    require_city(actor, DECIDE_REFUSAL)
    with database.atomic():
        application = applications.get(actor, application_id)
        if not actions.is_reviewable(application):
            raise DomainError(
                f"只有已推荐的申报表可以开始审核（当前：{applications.status_label(application)}）"
            )
        _transition(actor, application, "under_review", "application.review")
    return application


@retrying
def decide(
    actor: User, application_id: int, decision: str, opinion: str, on: date | None = None
) -> Application:
    """The city's decision. Approval puts the enterprise on the list with the criteria it met."""
    require_city(actor, DECIDE_REFUSAL)
    if decision not in DECISIONS:
        raise ValidationError({"decision": "应为 approve、reject 或 return"}, {"decision": "审核决定"})
    label = {"approve": "市局审核意见", "reject": "不予纳入的理由", "return": "需要修改的内容"}[decision]
    opinion = require_opinion(opinion, label)
    on = on or date.today()
    with database.atomic():
        application = applications.get(actor, application_id)
        if not actions.is_decidable(application):
            raise DomainError(
                f"申报表当前为“{applications.status_label(application)}”，只有已推荐或审核中的申报表可以审核决定"
            )
        refusal = "推荐该申报表的人不能再对其作出审核决定"
        duties.require_someone_else(actor, _recommenders(application), refusal)
        if decision == "approve" and active_entry(application.enterprise) is not None:
            raise DomainError(f"“{application.enterprise.name}”已在名录中")
        _transition(actor, application, DECISIONS[decision], f"application.{decision}", kind="decision",
                    outcome=DECISIONS[decision], opinion=opinion, decided_on=on)  # fmt: skip
        if decision == "approve":
            _list(actor, application, on)
    return application


@retrying
def decide_many(
    actor: User, decisions: list[tuple[int, str, str]], on: date | None = None
) -> list[Application]:
    """Several decisions (id, decision, opinion) at once: all of them or none."""
    done = []
    with database.atomic():
        for app_id, decision, opinion in decisions:
            try:
                done.append(decide(actor, app_id, decision, opinion, on))
            except DomainError as exc:
                application = Application.get_or_none(Application.id == app_id)
                name = f"（{application.enterprise.name}）" if application else ""
                raise DomainError(f"申报表 {app_id}{name}：{exc}；批量决定全部未执行") from exc
    return done


def active_entry(enterprise: Enterprise) -> ListEntry | None:
    return (
        ListEntry.select()
        .where((ListEntry.enterprise == enterprise) & ListEntry.status.in_(ACTIVE_ENTRY_STATUSES))
        .first()
    )


def evidence_missing(application: Application) -> list[str]:
    """The criteria (labels) the form's figures meet but no evidence file backs yet (待补充证明材料): approving
    such a form needs a second look at the paper evidence, so the screens ask before they approve."""
    verdict = applications.eligibility_of(application)
    return [c.label for c in verdict.criteria if c.status == eligibility.MISSING_EVIDENCE]


def approvals_lacking_evidence(decisions: list[tuple[Application, str]]) -> list[tuple[Application, list[str]]]:
    """Of (application, decision) pairs, the approvals whose criteria still lack evidence, with what is missing."""
    found = []
    for application, decision in decisions:
        if decision == "approve":
            missing = evidence_missing(application)
            if missing:
                found.append((application, missing))
    return found


def basis_of(application: Application) -> list[str]:
    """The criteria the approved form meets (with or without evidence files: the paper evidence was examined)."""
    verdict = applications.eligibility_of(application)
    return [c.key for c in verdict.criteria if c.status != "not_met"]


def review_date_after(day: date) -> date:
    years = settings.get("list.review_years")
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _list(actor: User, application: Application, on: date) -> ListEntry:
    entry = ListEntry.create(
        enterprise=application.enterprise,
        application=application,
        round=application.round,
        listed_on=on,
        basis=json.dumps(basis_of(application)),
        next_review_on=review_date_after(on),
    )
    audit.record(actor, "list.add", entry, None, audit.snapshot(entry), subject=application.enterprise)
    return entry


def _transition(actor: User, application: Application, status: str, action: str, **opinion) -> None:
    """Move the form to `status`; an opinion (Review fields) is written with it, in the same audit entry."""
    before = audit.snapshot(application)
    application.status = status
    application.save()
    row = Review.create(application=application, decided_by=actor, **opinion) if opinion else None
    audit.record(actor, action, application, before, audit.snapshot(application, [row]),
                 subject=application.enterprise)  # fmt: skip


def reviews_of(application: Application) -> list[Review]:
    return list(application.reviews.order_by(Review.decided_on, Review.id))
