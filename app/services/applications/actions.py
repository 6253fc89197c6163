"""What a user may do with an application now, and what comes next: one answer for the buttons and the services.

The state rules (`is_draft`, `is_recommendable`, …) are pure tests of an application; `allowed` adds the actor's
role and district. The services refuse with these same rules, so the screens only enable, disable and show.
"""

from __future__ import annotations

from app.models import Application, User
from app.services.core.permissions import Role, can_work_in, is_city, role_of

EDIT = "edit"  # save the draft, retake section A from the register, add evidence
SUBMIT = "submit"
REVISE = "revise"  # a new draft revision of a submitted or returned form
ATTACH_SCAN = "attach_scan"
RECOMMEND = "recommend"
RECOMMEND_LATE = "recommend_late"  # recommend after the round's deadline, with a reason
START_REVIEW = "start_review"
DECIDE = "decide"
PRINT = "print"

# A form can be corrected (as a new revision) until the city has decided on it, or after it was returned.
CORRECTABLE = ("submitted", "recommended", "returned")
_WRITER_ACTIONS = frozenset({EDIT, SUBMIT, REVISE, ATTACH_SCAN, PRINT})
_ROLE_ACTIONS = {
    Role.CITY_ADMIN: _WRITER_ACTIONS | {RECOMMEND, RECOMMEND_LATE, START_REVIEW, DECIDE},
    Role.CITY_REVIEWER: _WRITER_ACTIONS | {START_REVIEW, DECIDE},
    Role.DISTRICT_ADMIN: _WRITER_ACTIONS | {RECOMMEND},
    Role.DISTRICT_OFFICER: _WRITER_ACTIONS | {RECOMMEND},
    Role.VIEWER: frozenset({PRINT}),
}


def is_draft(application: Application) -> bool:
    return application.status == "draft" and not application.superseded


def is_correctable(application: Application) -> bool:
    return application.status in CORRECTABLE and not application.superseded


def is_recommendable(application: Application) -> bool:
    return application.status == "submitted" and not application.superseded


def is_reviewable(application: Application) -> bool:
    """Recommended and not yet under review."""
    return application.status == "recommended" and not application.superseded


def decidable_states(application: Application) -> tuple[str, ...]:
    """Direct entries (already on the regional list) need no district recommendation."""
    return ("recommended", "under_review") + (("submitted",) if application.source == "direct" else ())


def is_decidable(application: Application) -> bool:
    return application.status in decidable_states(application) and not application.superseded


def role_actions(actor: User) -> frozenset[str]:
    """What the actor's role may do to some application: which buttons a screen shows at all."""
    if actor is None or not actor.active:
        return frozenset()
    return _ROLE_ACTIONS[role_of(actor)]


def allowed(actor: User, application: Application) -> frozenset[str]:
    """What the actor may do to this application now (an application the actor may see)."""
    may = role_actions(actor)
    result = {PRINT} & may
    if can_work_in(actor, application.enterprise.district_id):
        if is_draft(application):
            result |= {EDIT, SUBMIT}
        if not application.superseded:
            result.add(ATTACH_SCAN)
        if is_correctable(application):
            result.add(REVISE)
        if is_recommendable(application):
            result |= {RECOMMEND, RECOMMEND_LATE} & may
    if is_city(actor):
        if is_reviewable(application):
            result.add(START_REVIEW)
        if is_decidable(application):
            result.add(DECIDE)
    return frozenset(result & may)


def waiting_on(actor: User, application: Application) -> str | None:
    """The step the actor is expected to take on the application now (a to-do list's entry), or None.

    The city reviews and decides; a district recommends what was submitted and corrects what was returned.
    """
    may = allowed(actor, application)
    status = application.status
    if is_city(actor):
        if START_REVIEW in may:
            return "待审核"
        if DECIDE in may:
            return "直接纳入待审核" if status == "submitted" else "审核中待决定"
        return None
    if RECOMMEND in may:
        return "待推荐"
    return "退回待更正" if REVISE in may and status == "returned" else None


def next_step(actor: User, application: Application) -> str:
    """The next step of the application's path, in Chinese, said from the actor's side."""
    if application.superseded:
        return "已被更正替代，请办理最新版本。"
    may = allowed(actor, application)
    status = application.status
    if status == "draft":
        return "填写完整后提交。" if SUBMIT in may else "待企业所在旗区填写并提交。"
    if status == "submitted" and application.source == "direct":
        return "直接纳入的申报：请作出审核决定。" if DECIDE in may else "直接纳入的申报，待市局审核决定。"
    if status == "submitted":
        return "请填写推荐意见并推荐。" if RECOMMEND in may else "待旗区局推荐。"
    if status == "recommended":
        return "请开始审核或作出审核决定。" if DECIDE in may else "已推荐，待市局审核。"
    if status == "under_review":
        return "请作出审核决定。" if DECIDE in may else "市局审核中。"
    if status == "returned":
        return (
            "已退回：请更正（生成新版本）后重新提交。" if REVISE in may else "已退回，待旗区更正后重新提交。"
        )
    if status == "approved":
        return "已批准纳入名录，流程结束。"
    return "未通过，流程结束。"
