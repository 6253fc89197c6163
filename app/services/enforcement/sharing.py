"""信息共享: what was handed to which partner agency, when and by whom — and the case extract itself.

A case extract holds only the fields the user ticked (`EXTRACT_FIELDS`), printed (PDF) or exported (xlsx); the
file is written inside the transaction that records the sharing, so a file that could not be written leaves no
record and a recorded sharing always had its file. Sharing a case is work on the case's district (the city's
cases: city staff) and is filed under that district; anything else shared (a list given by phone, a meeting's
minutes) is recorded with `record_share` under the sharer's own district. Unlike agreements and actions, the
city's sharing records are seen by city staff only: they name the city's cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.models import Case, CaseParty, CaseRight, PartnerAgency, ShareRecord, User
from app.models.cases import CASE_OUTCOMES, CASE_SOURCES, CASE_TYPES, PARTY_ROLES
from app.models.db import database
from app.models.enforcement import SHARE_FORMATS
from app.services.cases import handling as cases
from app.services.cases import rules as case_rules
from app.services.core import audit, dates
from app.services.core.errors import ValidationError
from app.services.core.permissions import (
    require_active,
    require_district_work,
    visible_or_not_found,
    within_districts,
)
from app.services.enforcement import agencies as agency_rules
from app.services.enforcement.common import day, owner_name, texts

LABELS = {"agency": "共享单位", "shared_on": "共享日期", "subject": "共享内容", "fields": "共享字段",
          "format": "文件格式", "note": "备注"}  # fmt: skip
REFUSAL = "只能共享本旗区办理的案件"


def _parties(case: Case) -> str:
    return "\n".join(f"{PARTY_ROLES.get(p.role, p.role)}：{p.name}" for p in case.parties.order_by(CaseParty.id))


def _rights(case: Case) -> str:
    return "\n".join(" ".join(x for x in (r.title, r.number) if x) for r in case.rights.order_by(CaseRight.id))


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


# The fields a case extract may hold, in their printed order: key → (label, value of a case).
EXTRACT_FIELDS: dict[str, tuple[str, Callable[[Case], str]]] = {
    "number": ("案件编号", lambda c: c.number),
    "type": ("案件类型", lambda c: CASE_TYPES.get(c.type, c.type)),
    "source": ("案件来源", lambda c: CASE_SOURCES.get(c.source, c.source)),
    "received_on": ("收案日期", lambda c: _day(c.received_on)),
    "handling": ("办理单位", lambda c: owner_name(c.handling_district_id)),
    "status": ("办理状态", lambda c: case_rules.STATUS_LABELS.get(c.status, c.status)),
    "summary": ("案情摘要", lambda c: c.summary),
    "parties": ("当事人", _parties),
    "rights": ("涉及权利", _rights),
    "officers": ("承办人", lambda c: c.officers),
    "outcome": ("处理结果", lambda c: CASE_OUTCOMES.get(c.outcome, "")),
    "penalty_amount": ("罚没金额（元）", lambda c: "" if c.penalty_amount is None else f"{c.penalty_amount:,.2f}"),
    "closed_on": ("结案日期", lambda c: _day(c.closed_on)),
}


@dataclass(frozen=True)
class CaseExtract:
    number: str
    rows: list[tuple[str, str]]  # (label, value) of the chosen fields only


def chosen_fields(fields: list[str]) -> list[str]:
    """The keys (or labels) given, known and each once, in the catalogue's order."""
    keys = set()
    for name in fields:
        key = next((k for k, (label, _) in EXTRACT_FIELDS.items() if str(name).strip() in (k, label)), None)
        if key is None:
            raise ValidationError({"fields": f"没有名为“{name}”的案件字段"}, LABELS)
        keys.add(key)
    if not keys:
        raise ValidationError({"fields": "请至少选择一个共享字段"}, LABELS)
    return [k for k in EXTRACT_FIELDS if k in keys]


def case_extract(actor: User, case_id: int, fields: list[str]) -> CaseExtract:
    case = cases.get(actor, case_id)
    return CaseExtract(case.number, [(EXTRACT_FIELDS[k][0], EXTRACT_FIELDS[k][1](case)) for k in chosen_fields(fields)])


def share_case(actor: User, case_id: int, agency: int | str, fields: list[str], fmt: str, out: str | Path,
               note: str = "", on=None) -> ShareRecord:  # fmt: skip
    """Write the extract of the chosen fields to `out` and record that it went to `agency`."""
    if fmt not in SHARE_FORMATS:
        raise ValidationError({"format": "应为 pdf 或 xlsx"}, LABELS)
    case = cases.get(actor, case_id)
    require_district_work(actor, case.handling_district_id, REFUSAL)
    keys = chosen_fields(fields)
    partner = agency_rules.find(actor, agency)
    shared_on = day(on or date.today(), "shared_on", LABELS)
    note = texts({"note": note}, ("note",), (), LABELS, {"note"})["note"]
    extract = CaseExtract(case.number, [(EXTRACT_FIELDS[k][0], EXTRACT_FIELDS[k][1](case)) for k in keys])
    with database.atomic():
        row = ShareRecord.create(district=case.handling_district_id, agency=partner, shared_on=shared_on,
                                 shared_by=actor, subject=f"案件信息摘要 {case.number}", case=case, fields=",".join(keys), format=fmt,
                                 note=note)  # fmt: skip
        audit.record(actor, "enforcement.share", row, None, audit.snapshot(row), subject=case)
        _write(extract, partner, shared_on, fmt, Path(out))
    return row


def _write(extract: CaseExtract, agency: PartnerAgency, shared_on: date, fmt: str, out: Path) -> None:
    title = f"案件信息共享摘要（{extract.number}）"
    footer = f"提供给：{agency.name}　日期：{shared_on.isoformat()}　仅限执法协作使用，未经同意不得对外公开。"
    if fmt == "pdf":
        from app.services.enforcement.extract_pdf import render_extract
        from app.services.io.fonts import configured_fonts

        render_extract(title, extract.rows, footer, out, configured_fonts())
        return
    from app.services.io.sheet_cells import TableColumn
    from app.services.io.xlsx_writer import write_table

    write_table(out, "案件信息摘要", [TableColumn("项目", 16), TableColumn("内容", 60)],
                [[label, value] for label, value in extract.rows], landscape=False)  # fmt: skip


def record_share(actor: User, agency: int | str, data: dict) -> ShareRecord:
    """Something shared outside the register (a list, minutes, a notice), under the sharer's district."""
    partner = agency_rules.find(actor, agency)
    values = texts(data, ("subject", "note"), ("subject",), LABELS, {"note"})
    shared_on = day(data.get("shared_on") or date.today(), "shared_on", LABELS, dates.HAPPENED)
    require_district_work(actor, actor.district_id, "只读用户不能登记信息共享")
    with database.atomic():
        row = ShareRecord.create(district=actor.district_id, agency=partner, shared_on=shared_on, shared_by=actor,
                                 **values)  # fmt: skip
        audit.record(actor, "enforcement.share", row, None, audit.snapshot(row))
    return row


def shares(actor: User, case_id: int | None = None) -> list[ShareRecord]:
    require_active(actor)
    query = within_districts(ShareRecord.select(), actor, ShareRecord.district)
    if case_id is not None:
        query = query.where(ShareRecord.case == case_id)
    return list(query.order_by(ShareRecord.shared_on.desc(), ShareRecord.id.desc()))


def get_share(actor: User, share_id: int) -> ShareRecord:
    found = ShareRecord.get_or_none(ShareRecord.id == share_id)
    return visible_or_not_found(actor, found, found.district_id if found else None, f"没有编号为 {share_id} 的共享记录")


def share_dict(row: ShareRecord) -> dict:
    keys = [k for k in row.fields.split(",") if k]
    return {"id": row.id, "uuid": row.uuid, "district": owner_name(row.district_id), "agency": row.agency.name,
            "shared_on": row.shared_on.isoformat(), "shared_by": row.shared_by.display_name if row.shared_by else "",
            "subject": row.subject, "case_id": row.case_id, "fields": [EXTRACT_FIELDS[k][0] for k in keys],
            "format": row.format, "note": row.note}  # fmt: skip
