"""The rules cases follow: status flows per case type, and statutory time limits as data (domain.md "Cases").

Time limits are settings (`cases.deadline_rules`): each names the event that starts its clock, calendar or
working days, its length, the events that meet it, and whether suspension (中止) stops it. Suspended days are
not counted: a clock's due date moves by exactly the days (or working days) the case was suspended.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from app.services.cases.workdays import Calendar
from app.services.core import settings

RULING_FLOW = {
    "received": ("filed", "refused"),
    "filed": ("served",),
    "served": ("defence",),
    "defence": ("investigation", "hearing"),
    "investigation": ("hearing", "closed"),
    "hearing": ("investigation", "closed"),
    "closed": ("enforcement", "archived"),
    "enforcement": ("archived",),
    "refused": ("archived",),
}
PENALTY_FLOW = {
    "lead": ("verification", "dismissed"),
    "verification": ("filed", "dismissed"),
    "filed": ("investigation",),
    "investigation": ("notice", "transferred"),
    "notice": ("hearing", "decision"),
    "hearing": ("decision",),
    "decision": ("enforcement",),
    "enforcement": ("publication", "closed"),
    "publication": ("closed",),
    "transferred": ("closed",),
    "dismissed": ("closed",),
}
MEDIATION_FLOW = {
    "received": ("filed", "refused"),
    "filed": ("mediation",),
    "mediation": ("closed",),
    "closed": ("archived",),
    "refused": ("archived",),
}
FLOWS = {
    "patent-dispute": RULING_FLOW,
    "trademark": PENALTY_FLOW,
    "counterfeit-patent": PENALTY_FLOW,
    "patent-mediation": MEDIATION_FLOW,
    "foreign": MEDIATION_FLOW,
    "other": MEDIATION_FLOW,
}
STATUS_LABELS = {
    "received": "已收到请求",
    "lead": "线索",
    "verification": "核查",
    "filed": "已立案",
    "refused": "不予受理",
    "dismissed": "不予立案",
    "served": "已送达被请求人",
    "defence": "答辩期",
    "investigation": "调查取证",
    "hearing": "口头审理/听证",
    "notice": "处罚告知",
    "decision": "作出决定",
    "transferred": "移送司法机关",
    "mediation": "调解中",
    "closed": "结案",
    "enforcement": "执行",
    "publication": "信息公示",
    "archived": "归档",
    "suspended": "中止",
}
FINAL_STATUSES = ("closed", "archived")
# Events that are not status changes but start or meet a clock, or just record something.
EVENT_LABELS = {
    "accepted": "受理",
    "reporter_notified": "告知举报人",
    "ruling_served": "裁决书送达",
    "appeal_filed": "当事人起诉",
    "suspended": "中止",
    "resumed": "恢复",
    "consultation": "专家咨询",
    "note": "记录",
}
SUSPENDABLE_FROM = ("filed", "served", "defence", "investigation", "hearing", "notice", "mediation")


def flow_of(case_type: str) -> dict[str, tuple[str, ...]]:
    return FLOWS[case_type]


def initial_status(case_type: str) -> str:
    return next(iter(flow_of(case_type)))


def rules() -> list[dict]:
    return settings.get("cases.deadline_rules")


class Clock(NamedTuple):  # a tuple: lists make thousands, and a frozen dataclass costs several times more to make
    key: str
    label: str
    start: date
    due: date
    unit: str
    state: str  # running | due_soon | overdue | met | late | elapsed
    days_left: int  # in the rule's unit; negative when overdue
    met_on: date | None = None

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "unit": self.unit,
            "state": self.state,
            "days_left": self.days_left,
            "met_on": self.met_on.isoformat() if self.met_on else None,
        }


OPEN_STATES = ("running", "due_soon", "overdue")
CLOCK_STATE_LABELS = {"running": "计时中", "due_soon": "即将到期", "overdue": "已超期", "met": "按期完成",
                      "late": "超期完成", "elapsed": "期间届满"}  # fmt: skip


def suspensions(events: list[tuple[date, str]], until: date) -> list[tuple[date, date]]:
    """(first suspended day, last suspended day) periods from suspended/resumed events."""
    periods, start = [], None
    for day, kind in sorted(events):
        if kind == "suspended" and start is None:
            start = day
        elif kind == "resumed" and start is not None:
            periods.append((start, day - timedelta(days=1)))
            start = None
    if start is not None:
        periods.append((start, until))
    return periods


def compute_clocks(
    case_type: str,
    source: str,
    events: list[tuple[date, str]],
    today: date,
    calendar: Calendar,
    deadline_rules: list[dict] | None = None,
) -> list[Clock]:
    """Every applicable clock of a case from its timeline (date, kind) as of `today`.

    A list of many cases passes `deadline_rules` read once; otherwise they are read from the settings.
    """
    clocks = []
    for rule in rules() if deadline_rules is None else deadline_rules:
        if "*" not in rule["types"] and case_type not in rule["types"]:
            continue
        if "*" not in rule["sources"] and source not in rule["sources"]:
            continue
        starts = [d for d, k in events if k == rule["start"]]
        if not starts:
            continue
        start = min(starts)
        met = min((d for d, k in events if k in rule["met_by"] and d >= start), default=None)
        end = met or today
        paused = (
            suspensions([(d, k) for d, k in events if d >= start], max(end, today))
            if rule.get("suspendable")
            else []
        )
        clocks.append(_clock(rule, start, met, paused, today, calendar))
    return clocks


def nearest_open(clocks) -> Clock | None:
    """The open clock due first (an overdue one before any other), or None when every clock has finished."""
    open_ = [c for c in clocks if c.state in OPEN_STATES]
    return min(open_, key=lambda c: (c.state != "overdue", c.due), default=None)


def _clock(rule: dict, start: date, met: date | None, paused, today: date, calendar: Calendar) -> Clock:
    def suspended(day: date) -> bool:
        return any(a <= day <= b for a, b in paused)

    length = rule["length"]
    if rule["unit"] == "workdays":
        due = calendar.add_workdays(start, length, skip=suspended)
        left = calendar.workdays_between(today, due)
    else:
        due = start + timedelta(days=length + sum((b - a).days + 1 for a, b in paused))
        left = (due - today).days
    if met is not None:
        state = "met" if met <= due else "late"
    elif left < 0:
        state = "elapsed" if rule.get("window") else "overdue"
    elif left <= max(2, length // 5):
        state = "due_soon"
    else:
        state = "running"
    return Clock(rule["key"], rule["label"], start, due, rule["unit"], state, left, met)
