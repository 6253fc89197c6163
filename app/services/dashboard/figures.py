"""The dashboard's figures, computed once for the screen, the CLI (`dashboard --json`) and the tests."""

from __future__ import annotations

from datetime import date, timedelta

from peewee import JOIN, fn

from app.models import Case, CaseParty, District, Enterprise, ListEntry, Round, User
from app.models.applications import APPLICATION_STATUSES
from app.models.db import database, is_postgres
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.applications.form_data import CRITERIA
from app.services.cases import clock_store
from app.services.cases import handling as cases
from app.services.core import reference, settings
from app.services.core.permissions import require_active, visible_district_ids, within_districts
from app.services.fairs import recordals
from app.services.liaison import assignments as liaison
from app.services.liaison import visits
from app.services.listing import entries as protection_list
from app.services.plans import progress as plan_progress

DEADLINE_WARNING_DAYS = 14
CASE_DEADLINES_SHOWN = 20  # clocks not yet overdue listed on the dashboard (the nearest first)
CASE_DEADLINES_LIMIT = 1000  # clocks read at most: every overdue one in any real bureau, and the nearest


def dashboard(actor: User, year: int | None = None, today: date | None = None) -> dict:
    require_active(actor)
    today = today or date.today()
    year = year or settings.current_round_year(today)
    round_ = applications.round_for(year, create=False)
    listed = _listed(actor)
    city_listed = protection_list.count_active()
    known = settings.get_many("list.target", "list.target_due", "fairs.recordal_warning_days")
    target = known["list.target"]
    figures = {
        "listed": listed.count(),
        "target": target,
        "target_due": known["list.target_due"] or None,  # no due date set: nothing can be late
        "listed_city": city_listed,  # the target is the city's: a district's own count is only its part
        "target_reached": city_listed >= target,
        "round": {
            "year": round_.year,
            "deadline": round_.deadline.isoformat(),
            "days_to_deadline": (round_.deadline - today).days,
            "quota_min": round_.quota_min,
            "quota_max": round_.quota_max,
            # Not yet opened: no draft has been made this year, so its deadline and quotas are only the defaults.
            "opened": round_.id is not None,
        },
        "districts": _districts(actor, round_, listed, today),
        "by_basis": _by_basis(listed),
        "by_industry": _by_industry(listed),
        "due_reviews": _due_reviews(actor, today),
    }
    figures.update(_liaison_and_cases(actor, today))
    city_plans, figures["plan_tasks_overdue"] = plan_progress.read(actor, year, today)
    figures["plan_progress"] = city_plans.as_dict()
    figures["recordals_due"] = recordals.due(actor, today, known["fairs.recordal_warning_days"])
    current = round_.year == settings.current_round_year(today)
    figures["warnings"] = _warnings(figures, today, round_, current)
    return figures


def _liaison_and_cases(actor: User, today: date) -> dict:
    """Overdue follow-ups, enterprises needing a visit or a liaison, nearest case deadlines, pending reports."""
    visible = within_districts(Case.select(Case.id), actor, Case.handling_district)
    # Stored clocks, read nearest first; a generous bound keeps every overdue one (the warning counts them and
    # 到期与待办 lists them) and, of the rest, the nearest CASE_DEADLINES_SHOWN.
    nearest = clock_store.nearest_open(visible, today, CASE_DEADLINES_LIMIT)
    about = _case_labels({case_id for case_id, _n, _c in nearest})
    deadlines = [
        {"case_id": case_id, "number": number, "label": c.label, "due": c.due.isoformat(),
         "days_left": c.days_left, "unit": c.unit, "state": c.state, **about.get(case_id, {})}
        for case_id, number, c in nearest if c.state in ("running", "due_soon", "overdue")
    ]  # fmt: skip
    deadlines = [d for i, d in enumerate(deadlines) if d["state"] == "overdue" or i < CASE_DEADLINES_SHOWN]
    return {
        "followups_overdue": [
            {**f, "days_left": (date.fromisoformat(f["due_on"]) - today).days if f["due_on"] else None}
            for f in visits.followup_dicts(actor, today, overdue_only=True)
        ],
        "needing_attention": liaison.needing_attention(actor, today),
        "case_deadlines": deadlines,
        "pending_reports": [
            {"case_id": r.case_id, "number": r.case.number, "reported_on": r.reported_on.isoformat()}
            for r in cases.pending_reports(actor)
        ],  # fmt: skip
    }


def _case_labels(case_ids: set[int]) -> dict[int, dict]:
    """Handling unit and party names of the listed cases, in two queries."""
    if not case_ids:
        return {}
    labels = {case_id: {"handling": name or "市局", "parties": ""} for case_id, name in
              Case.select(Case.id, District.name).join(District, JOIN.LEFT_OUTER,
                                                       on=(Case.handling_district == District.id))
              .where(Case.id.in_(case_ids)).tuples()}  # fmt: skip
    names: dict[int, list[str]] = {}
    for case_id, name in CaseParty.select(CaseParty.case, CaseParty.name).where(CaseParty.case.in_(case_ids)).tuples():
        names.setdefault(case_id, []).append(name)
    for case_id, parties in names.items():
        labels[case_id]["parties"] = "、".join(parties)
    return labels


def _listed(actor: User):
    """The active list entries the actor sees, as a query joined to their enterprises (counted, never loaded)."""
    query = ListEntry.select(ListEntry.id).join(Enterprise).where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES))
    return within_districts(query, actor, Enterprise.district)


def _districts(actor: User, round_: Round, listed, today: date) -> list[dict]:
    allowed = visible_district_ids(actor)
    listed_by = dict(
        listed.select(Enterprise.district, fn.COUNT(ListEntry.id)).group_by(Enterprise.district).tuples()
    )
    by_status = applications.status_counts(actor, round_)
    recommended_by = review.recommended_counts(round_) if round_.id is not None else {}
    rows = []
    for district in reference.districts():
        if allowed is not None and district.id not in allowed:
            continue
        recommended = recommended_by.get(district.id, 0)
        rows.append({
            "code": district.code,
            "name": district.name,
            "recommended": recommended,
            "below_quota": recommended < round_.quota_min,
            "listed": listed_by.get(district.id, 0),
            "applications": {s: by_status.get(district.id, {}).get(s, 0) for s in APPLICATION_STATUSES},
        })  # fmt: skip
    return rows


def _by_basis(listed) -> dict[str, int]:
    """Entries per criterion met, counted by the engine's JSON functions over the stored JSON lists."""
    ids, params = listed.sql()
    each = 'json_array_elements_text(le."basis"::json) AS j(value)' if is_postgres() else 'json_each(le."basis") AS j'
    counts = dict(database.execute_sql(
        f'SELECT j.value, COUNT(*) FROM "list_entry" AS le, {each} '
        f'WHERE le."id" IN ({ids}) GROUP BY j.value', params,
    ).fetchall())  # fmt: skip
    return {CRITERIA[k]: counts.get(k, 0) for k in CRITERIA}


def _by_industry(listed) -> dict[str, int]:
    section = fn.COALESCE(Enterprise.industry_section, "")
    counts = dict(listed.select(section, fn.COUNT(ListEntry.id)).group_by(section).tuples())
    names = {s.code: s.name for s in reference.industry_sections()}
    return {names.get(code, "未填行业"): n for code, n in sorted(counts.items())}


def _due_reviews(actor: User, today: date) -> list[dict]:
    limit = today + timedelta(days=settings.get("dashboard.due_days"))
    query = (
        ListEntry.select(ListEntry.id, Enterprise.name, District.name, ListEntry.next_review_on)
        .join(Enterprise)
        .join(District)
        .where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES) & (ListEntry.next_review_on <= limit))
        .order_by(ListEntry.next_review_on, District.sort_order, Enterprise.name_key)
    )
    return [
        {
            "entry_id": entry_id,
            "name": name,
            "district": district,
            "next_review_on": due.isoformat(),
            "days_left": (due - today).days,
        }
        for entry_id, name, district, due in within_districts(query, actor, Enterprise.district).tuples()
    ]


def _warnings(figures: dict, today: date, round_: Round, current: bool) -> list[str]:
    """What needs doing. Quota warnings only for the current round: a past year's shortfall cannot be acted on."""
    warnings = []
    # A round no one has started (a new installation, a new year) has no shortfall yet to warn about.
    near = current and round_.id is not None and today >= round_.deadline - timedelta(days=DEADLINE_WARNING_DAYS)
    for row in figures["districts"]:
        if row["below_quota"] and near:
            when = (
                "截止日已过"
                if today > round_.deadline
                else f"距截止日还有 {(round_.deadline - today).days} 天"
            )
            warnings.append(
                f"{row['name']}本轮仅推荐 {row['recommended']} 家，少于 {round_.quota_min} 家（{when}）"
            )
    overdue = [r for r in figures["due_reviews"] if r["days_left"] < 0]
    if overdue:
        warnings.append(f"{len(overdue)} 家企业已超过复核日期")
    if figures["followups_overdue"]:
        warnings.append(f"{len(figures['followups_overdue'])} 项跟进事项已逾期")
    if figures["plan_tasks_overdue"]:
        warnings.append(f"{len(figures['plan_tasks_overdue'])} 项工作方案任务已逾期")
    expired = [r for r in figures["recordals_due"] if r["state"] == "expired"]
    if expired:
        warnings.append(f"{len(expired)} 项海关知识产权备案已过期，请督促续展")
    overdue_cases = {d["case_id"] for d in figures["case_deadlines"] if d["state"] == "overdue"}
    if overdue_cases:
        warnings.append(f"{len(overdue_cases)} 件案件有办理时限已超期")
    if figures["pending_reports"]:
        warnings.append(f"{len(figures['pending_reports'])} 件假冒专利案件上报待市局签收")
    due = figures["target_due"]
    # A past due date with the target met is history, not a warning.
    if due and not figures["target_reached"] and today > date.fromisoformat(due):
        warnings.append(f"全市名录企业 {figures['listed_city']} 家，未达到 {figures['target']} 家的目标")
    return warnings
