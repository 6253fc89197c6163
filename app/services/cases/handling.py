"""Cases: filing, the timeline with its status flow, the notice's rules for key enterprises, and time limits.

Rules from the notice (§2(二)3), enforced here for the GUI and the CLI alike: a listed enterprise's
patent-dispute request is an important case (only a city role may clear the flag, with a reason); a
counterfeit-patent case involving a listed enterprise handled by a district is reported to the city, which
acknowledges it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import JOIN, fn

from app.models import Case, CaseEvent, CaseParty, CaseRight, CityReport, District, Enterprise, User
from app.models.cases import CASE_CHANNELS, CASE_OUTCOMES, CASE_SOURCES, CASE_TYPES, PARTY_ROLES
from app.models.db import database
from app.services.applications import decisions as review
from app.services.cases import clock_store
from app.services.cases import rules as case_rules
from app.services.cases.case_rows import case_rows
from app.services.cases.workdays import Calendar
from app.services.core import audit, dates, duties, reference, settings, validation
from app.services.core.errors import DomainError, NotFound, ValidationError
from app.services.core.permissions import (
    can_read_district,
    can_work_in,
    is_city,
    require_active,
    require_city,
    require_district_work,
    visible_or_not_found,
    within_districts,
)

LABELS = {"type": "案件类型", "summary": "案情摘要", "source": "案件来源", "received_on": "收到日期",
          "handling_district": "承办单位", "channel": "处理途径", "parties": "当事人", "kind": "事件",
          "outcome": "结果", "reason": "理由", "officers": "承办人员"}  # fmt: skip
PARTY_LABELS = {"name": "名称", "address": "地址", "id_code": "证件号码"}


def is_listed(enterprise: Enterprise | None) -> bool:
    return enterprise is not None and review.active_entry(enterprise) is not None


def _check_handler(actor: User, district: District | None) -> None:
    require_district_work(actor, district, "只能办理本旗区承办的案件")


def _clean(data: dict, parties: list[dict]) -> dict:
    errors, values = {}, {}
    if data.get("type") not in CASE_TYPES:
        errors["type"] = f"应为 {'、'.join(CASE_TYPES)} 之一"
    values["type"] = data.get("type")
    values["summary"] = (data.get("summary") or "").strip()
    if not values["summary"]:
        errors["summary"] = "必填"
    values["source"] = data.get("source") or "complaint"
    if values["source"] not in CASE_SOURCES:
        errors["source"] = f"应为 {'、'.join(CASE_SOURCES)} 之一"
    values["channel"] = data.get("channel") or ""
    if values["channel"] and values["channel"] not in CASE_CHANNELS:
        errors["channel"] = f"应为 {'、'.join(CASE_CHANNELS)} 之一"
    try:
        values["received_on"] = dates.HAPPENED.parse(data.get("received_on") or date.today())
    except ValueError as exc:
        errors["received_on"] = str(exc)
    values["officers"] = (data.get("officers") or "").strip()
    errors.update(
        validation.text_errors({k: values[k] for k in ("summary", "officers")}, multiline={"summary"})
    )
    if not parties:
        errors["parties"] = "至少登记一方当事人"
    for i, party in enumerate(parties, start=1):
        if party.get("role") not in PARTY_ROLES:
            errors[f"parties.{i}"] = f"第{i}个当事人的身份应为 {'、'.join(PARTY_ROLES)} 之一"
        for key, reason in validation.text_errors(
            {k: party.get(k) for k in ("name", "address", "id_code")}
        ).items():
            errors[f"parties.{i}"] = f"第{i}个当事人的{PARTY_LABELS[key]}{reason}"
    if errors:
        raise ValidationError(errors, LABELS)
    return values


def unknown_party(code: str) -> str:
    return f"找不到信用代码为 {code} 的企业，请填写当事人名称"


def _party(actor: User, data: dict) -> dict:
    """A party by the register's USCC (linked to the enterprise) or by name and identity code alone."""
    code = validation.normalise_uscc(data.get("uscc") or data.get("id_code") or "")
    enterprise = Enterprise.get_or_none(Enterprise.uscc == code) if len(code) == 18 else None
    if enterprise is not None and not can_read_district(actor, enterprise.district_id):
        # Another district's enterprise is an unknown code: neither its name nor its listing may show.
        enterprise = None
    name = (data.get("name") or "").strip() or (enterprise.name if enterprise else "")
    if not name:
        raise NotFound(unknown_party(code))
    return {"enterprise": enterprise, "name": name, "id_code": code or (data.get("id_code") or ""),
            "address": (data.get("address") or "").strip(), "role": data["role"]}  # fmt: skip


def next_number(year: int, district: District | None) -> tuple[int, str]:
    last = (
        Case.select(fn.MAX(Case.sequence))
        .where(
            (Case.year == year)
            & (Case.handling_district.is_null() if district is None else Case.handling_district == district)
        )
        .scalar()
    )
    sequence = (last or 0) + 1
    prefix = settings.get("cases.city_prefix") if district is None else f"{district.short_name}市监知"
    return sequence, settings.get("cases.number_format").format(prefix=prefix, year=year, sequence=sequence)


def create_case(actor: User, data: dict, parties: list[dict], rights: list[dict] = ()) -> Case:
    values = _clean(data, parties)
    code = data.get("handling_district")
    if code is None and not is_city(actor):
        district = actor.district
    else:
        district = reference.match_district(code) if code else None
        if code and district is None:
            raise ValidationError({"handling_district": f"未知旗区“{code}”"}, LABELS)
    _check_handler(actor, district)
    with database.atomic():
        linked = [_party(actor, p) for p in parties]
        year = values["received_on"].year
        sequence, number = next_number(year, district)
        case = Case.create(number=number, year=year, sequence=sequence, handling_district=district,
                           status=case_rules.initial_status(values["type"]), created_by=actor, **values)  # fmt: skip
        children = [CaseParty.create(case=case, **party) for party in linked]
        children += [
            CaseRight.create(case=case, kind=right.get("kind", "patent"), number=right["number"],
                             title=right.get("title", ""))
            for right in rights
        ]  # fmt: skip
        children.append(CaseEvent.create(
            case=case, happened_on=values["received_on"], kind="received", note="登记案件", actor=actor
        ))  # fmt: skip
        children.append(_apply_notice_rules(actor, case, linked))
        audit.record(actor, "case.create", case, None, audit.snapshot(case, children))
        clock_store.refresh_case(case.id)
    return case


def _apply_notice_rules(actor: User, case: Case, parties: list[dict]) -> CityReport | None:
    """Flag the case important and/or report it to the city; returns the report made, if any."""
    listed = [p for p in parties if is_listed(p["enterprise"])]
    claimants = [p for p in listed if p["role"] in ("complainant", "rights_holder")]
    if case.type == "patent-dispute" and claimants:
        case.important = True
        case.important_note = (
            f"重点企业“{claimants[0]['name']}”提出的专利纠纷处理请求，按通知要求作为重要案件立案处理"
        )
        case.save()
    if case.type == "counterfeit-patent" and listed and case.handling_district_id is not None:
        return CityReport.create(case=case, reported_on=case.received_on, reported_by=actor,
                                 note=f"涉及重点企业：{'、'.join(p['name'] for p in listed)}")  # fmt: skip
    return None


def get(actor: User, case_id: int) -> Case:
    case = Case.get_or_none(Case.id == case_id)
    district = case.handling_district_id if case else None
    return visible_or_not_found(actor, case, district, f"没有编号为 {case_id} 的案件")


def add_event(
    actor: User, case_id: int, kind: str, on: date | str | None = None, note: str = ""
) -> CaseEvent:
    """A timeline entry. A status of the case's flow moves the case there (only allowed steps)."""
    try:
        day = dates.HAPPENED.parse(on or date.today())
    except ValueError as exc:
        raise ValidationError({"on": str(exc)}, {"on": "日期"}) from None
    with database.atomic():
        case = get(actor, case_id)
        _check_handler(actor, case.handling_district)
        if kind not in case_rules.STATUS_LABELS and kind not in case_rules.EVENT_LABELS:
            raise ValidationError({"kind": f"未知事件“{kind}”"}, LABELS)
        refusal = event_refusal(case.type, case.status, _suspended(case), kind)
        if refusal:
            raise DomainError(refusal)
        before = audit.snapshot(case)
        if kind in case_rules.STATUS_LABELS and kind != "suspended":
            case.status = kind
            if kind in case_rules.FINAL_STATUSES and case.closed_on is None:
                case.closed_on = day
        event = CaseEvent.create(
            case=case,
            happened_on=day,
            kind=kind,
            note=validation.field_text(note, "note", "备注", multiline=True),
            actor=actor,
        )
        case.save()
        audit.record(actor, f"case.event.{kind}", case, before, audit.snapshot(case, [event]))
        clock_store.refresh_case(case.id)
    return event


def event_refusal(case_type: str, status: str, suspended: bool, kind: str) -> str | None:
    """Why `kind` cannot be recorded now on a case in `status` (None: it can). The one rule for the timeline."""
    label = case_rules.STATUS_LABELS.get(status, status)
    if kind == "suspended":
        if status not in case_rules.SUSPENDABLE_FROM:
            return f"案件处于“{label}”，不能中止"
        return "案件已中止" if suspended else None
    if kind == "resumed":
        return None if suspended else "案件未中止，无需恢复"
    if kind in case_rules.STATUS_LABELS:
        if suspended:
            return "案件已中止，请先登记“恢复”"
        nexts = case_rules.flow_of(case_type).get(status, ())
        if kind not in nexts:
            names = "、".join(case_rules.STATUS_LABELS[s] for s in nexts) or "无"
            return f"案件当前为“{label}”，下一步只能是：{names}"
    return None


@dataclass(frozen=True)
class CaseActions:
    """What the actor may do to a case now. `events` are (kind, label): the next statuses first (`steps` of
    them, labelled "→ …"), then the other events; all empty for someone who may not record on the case."""

    events: tuple[tuple[str, str], ...] = ()
    steps: int = 0
    edit: bool = False  # record events and the outcome
    clear_important: bool = False
    acknowledge: bool = False
    consult: bool = False


def allowed(actor: User, case: Case) -> CaseActions:
    """The screens show and enable exactly this; add_event and the others refuse with the same rules."""
    city = is_city(actor) and actor.active
    report = report_of(case)
    acknowledge = city and report is not None and report.acknowledged_on is None
    if not can_work_in(actor, case.handling_district_id):
        return CaseActions(clear_important=city and case.important, acknowledge=acknowledge, consult=city)
    suspended = _suspended(case)
    candidates = [
        (s, f"→ {case_rules.STATUS_LABELS[s]}") for s in case_rules.flow_of(case.type).get(case.status, ())
    ]
    steps = [c for c in candidates if event_refusal(case.type, case.status, suspended, c[0]) is None]
    others = [
        (k, label) for k, label in case_rules.EVENT_LABELS.items()
        if event_refusal(case.type, case.status, suspended, k) is None
    ]  # fmt: skip
    return CaseActions(tuple(steps + others), len(steps), True, city and case.important, acknowledge, city)


def _suspended(case: Case) -> bool:
    last = (
        CaseEvent.select(CaseEvent.kind)
        .where((CaseEvent.case == case) & CaseEvent.kind.in_(("suspended", "resumed")))
        .order_by(CaseEvent.happened_on.desc(), CaseEvent.id.desc())
        .first()
    )
    return last is not None and last.kind == "suspended"


def set_outcome(actor: User, case_id: int, outcome: str, note: str = "", penalty_amount=None) -> Case:
    if outcome not in CASE_OUTCOMES:
        raise ValidationError({"outcome": f"应为 {'、'.join(CASE_OUTCOMES)} 之一"}, LABELS)
    try:
        amount = validation.clean_amount(penalty_amount, unit="元")
    except ValueError as exc:
        raise ValidationError({"penalty_amount": str(exc)}, {"penalty_amount": "罚没金额（元）"}) from None
    with database.atomic():
        case = get(actor, case_id)
        _check_handler(actor, case.handling_district)
        before = audit.snapshot(case)
        note = validation.field_text(note, "note", "结果说明", multiline=True)
        case.outcome, case.outcome_note, case.penalty_amount = outcome, note, amount
        case.save()
        audit.record(actor, "case.outcome", case, before, audit.snapshot(case))
    return case


def clear_important(actor: User, case_id: int, reason: str) -> Case:
    """Only a city role may clear the important-case flag, and only with a reason."""
    require_city(actor)
    reason = review.require_opinion(reason, "取消重要案件标记的理由")
    with database.atomic():
        case = get(actor, case_id)
        before = audit.snapshot(case)
        case.important, case.important_note = False, f"已取消重要案件标记：{reason}"
        case.save()
        audit.record(actor, "case.important.clear", case, before, audit.snapshot(case))
    return case


def acknowledge_report(actor: User, case_id: int, note: str = "", on: date | None = None) -> CityReport:
    require_city(actor)
    with database.atomic():
        case = get(actor, case_id)
        report = CityReport.get_or_none(CityReport.case == case)
        if report is None:
            raise NotFound("该案件没有上报记录")
        if report.acknowledged_on is not None:
            raise DomainError(f"市局已于 {report.acknowledged_on} 签收")
        duties.require_someone_else(actor, [report.reported_by_id], "上报案件的人不能签收自己的上报")
        before = audit.snapshot(report)
        report.acknowledged_on, report.acknowledged_by = on or date.today(), actor
        note = validation.field_text(note, "note", "签收意见", multiline=True)
        if note:
            report.note = f"{report.note}\n市局签收意见：{note}".strip()
        report.save()
        audit.record(actor, "case.report.acknowledge", report, before, audit.snapshot(report), subject=case)
    return report


def report_of(case: Case) -> CityReport | None:
    return CityReport.get_or_none(CityReport.case == case)


def clocks(case: Case, today: date | None = None) -> tuple[list[case_rules.Clock], list[str]]:
    """The case's running and finished time limits, and warnings about years without holiday data."""
    calendar = Calendar()
    events = [(e.happened_on, e.kind) for e in case.events]
    result = case_rules.compute_clocks(case.type, case.source, events, today or date.today(), calendar)
    return result, calendar.warnings()


def list_cases(actor: User, *, overdue_only: bool = False, case_type: str | None = None,
               today: date | None = None) -> list[Case]:  # fmt: skip
    """The cases the actor sees (a district: the ones it handles), newest first."""
    require_active(actor)
    query = Case.select(Case, District).join(District, JOIN.LEFT_OUTER)  # the handling unit, read with it
    query = within_districts(query, actor, Case.handling_district)
    if case_type:
        query = query.where(Case.type == case_type)
    found = list(query.order_by(Case.received_on.desc(), Case.id.desc()))
    if overdue_only:
        overdue = {row.id for row in case_rows(actor, case_type=case_type, overdue_only=True, today=today)}
        found = [c for c in found if c.id in overdue]
    return found


def pending_reports(actor: User) -> list[CityReport]:
    """Reports to the city not yet acknowledged (the city sees all; a district its own)."""
    require_active(actor)
    query = CityReport.select(CityReport, Case).join(Case).where(CityReport.acknowledged_on.is_null())
    query = within_districts(query, actor, Case.handling_district)
    return list(query)
