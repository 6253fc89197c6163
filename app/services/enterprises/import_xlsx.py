"""Importing the enterprise workbook: every good row taken in, every bad one explained, nothing half-written.

Two phases. `plan_import` reads and cleans the sheet and compares it with the register without writing;
`commit_plan` writes the creates and updates of a plan in one transaction (cancel or any error rolls it all
back). Re-importing the same file finds every row unchanged and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from peewee import OperationalError

from app.models import Contact, Enterprise, Honor, IPHolding, User
from app.models.db import database
from app.services.core import settings
from app.services.core.errors import DatabaseBusy, DomainError
from app.services.core.permissions import can_write_enterprises, require_active
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.enterprises import search
from app.services.enterprises.fields import LABELS
from app.services.enterprises.import_rows import CleanRow, clean_row, new_memo
from app.services.enterprises.sheet_columns import match_header
from app.services.io import xlsx_reader as reader
from app.services.io.sheet_cells import CellError

CREATE, UPDATE, UNCHANGED, REJECTED = "create", "update", "unchanged", "rejected"
ACTION_LABELS = {CREATE: "新增", UPDATE: "更新", UNCHANGED: "无变化", REJECTED: "拒绝"}
HONOR_FLAGS = {"national_title": "national", "regional_title": "regional"}
HEADER_HINT = f"“{LABELS['uscc']}”“{LABELS['name']}”"


class Cancelled(DomainError):
    def __init__(self):
        super().__init__("导入已取消，数据库未作任何改动")


@dataclass
class Existing:
    """An enterprise already in the register, with what an import row is compared against."""

    enterprise: Enterprise  # as read by `_load_existing`: the fields, not a model instance
    holdings: dict[int, IPHolding] = field(default_factory=dict)  # by year
    contacts: list[Contact] = field(default_factory=list)
    honor_levels: set[str] = field(default_factory=set)


@dataclass
class RowPlan:
    row: CleanRow
    action: str
    existing: Existing | None = None
    changes: list[str] = field(default_factory=list)  # labels of what would change

    @property
    def errors(self) -> list[CellError]:
        return self.row.errors


@dataclass
class ImportPlan:
    path: Path
    sheet_title: str
    header_row: int
    ignored_headers: list[str]
    rows: list[RowPlan]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def errors(self) -> list[CellError]:
        return [e for r in self.rows for e in r.errors]

    def summary(self) -> dict:
        return {
            "created": self.count(CREATE),
            "updated": self.count(UPDATE),
            "unchanged": self.count(UNCHANGED),
            "rejected": self.count(REJECTED),
        }

    def to_dict(self) -> dict:
        return {
            "file": str(self.path),
            "sheet": self.sheet_title,
            "header_row": self.header_row,
            "ignored_headers": self.ignored_headers,
            **self.summary(),
            "rejections": [
                {
                    "row": e.row,
                    "column": e.column,
                    "header": e.header,
                    "value": _json_value(e.value),
                    "reason": e.reason,
                }
                for e in self.errors
            ],
        }


Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


def _json_value(value):
    return value.isoformat() if isinstance(value, date) else value


def plan_import(
    actor: User, path: Path | str, progress: Progress | None = None, cancelled: IsCancelled | None = None
) -> ImportPlan:
    """Read, clean and compare, writing nothing."""
    require_active(actor)
    path = Path(path)
    limits = reader.Limits.from_settings()
    workbook = reader.open_workbook(path, limits)
    try:
        sheet = reader.first_sheet(workbook)
        scan = reader.scan_sheet(workbook, sheet, limits)
        layout = reader.find_layout(sheet, scan, match_header, ("uscc", "name"), HEADER_HINT)
        limit = settings.get("import.max_rows")
        if layout.max_row and layout.max_row - layout.header_row > limit:
            raise reader.WorkbookError(
                f"数据超过 {limit} 行（共约 {layout.max_row - layout.header_row} 行），请分批导入"
            )
        rows = _clean_rows(sheet, layout, scan, progress, cancelled, limit)
    finally:
        workbook.close()
    plans = _compare(actor, rows)
    return ImportPlan(path, layout.sheet_title, layout.header_row, layout.ignored_headers, plans)


def _clean_rows(sheet, layout, scan, progress, cancelled, limit) -> list[CleanRow]:
    default_year = date.today().year - 1
    total = max((layout.max_row or 0) - layout.header_row, 1)
    rows, first_seen, memo = [], {}, new_memo()
    for index, sheet_row in enumerate(reader.iter_rows(sheet, layout, scan), start=1):
        if index > limit:
            raise reader.WorkbookError(f"数据超过 {limit} 行，请分批导入")
        row = clean_row(sheet_row, default_year, memo)
        code = row.uscc
        if code and code in first_seen:
            letter = sheet_row.cells["uscc"][0]
            row.errors.append(
                CellError(
                    row.number, letter, LABELS["uscc"], code, f"与第 {first_seen[code]} 行的信用代码重复"
                )
            )
        elif code:
            first_seen[code] = row.number
        rows.append(row)
        if index % 200 == 0:
            if cancelled and cancelled():
                raise Cancelled()
            if progress:
                progress(min(sheet_row.number - layout.header_row, total), total)
    if progress:
        progress(total, total)
    return rows


def _compare(actor: User, rows: list[CleanRow]) -> list[RowPlan]:
    codes = [r.uscc for r in rows if r.uscc and not r.errors]
    existing = _load_existing(codes)
    plans = []
    for row in rows:
        if row.errors:
            plans.append(RowPlan(row, REJECTED))
            continue
        current = existing.get(row.uscc)
        district = row.enterprise["district"]
        if not can_write_enterprises(actor, district) or (
            current is not None and not can_write_enterprises(actor, current.enterprise.district_id)
        ):
            letter = row.columns.get("district", "")
            row.errors.append(
                CellError(row.number, letter, LABELS["district"], district.name, "无权导入其他旗区的企业")
            )
            plans.append(RowPlan(row, REJECTED))
            continue
        if current is None:
            plans.append(RowPlan(row, CREATE))
            continue
        changes = _differences(row, current)
        plans.append(RowPlan(row, UPDATE if changes else UNCHANGED, current, changes))
    return plans


def _load_existing(codes: list[str]) -> dict[str, Existing]:
    """The stored enterprises with these codes, and their holdings, contacts and honour levels, as plain
    records (attributes as on the models, values as peewee reads them): building model instances was most
    of the cost of a re-import."""
    found: dict[str, Existing] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        batch = [_Stored(row) for row in Enterprise.select().where(Enterprise.uscc.in_(chunk)).dicts()]
        ids = [e.id for e in batch]
        by_id = {e.id: Existing(e) for e in batch}
        for h in IPHolding.select().where(IPHolding.enterprise.in_(ids)).dicts():
            by_id[h["enterprise"]].holdings[h["year"]] = _Stored(h)
        for c in Contact.select().where(Contact.enterprise.in_(ids)).dicts():
            by_id[c["enterprise"]].contacts.append(_Stored(c))
        for enterprise_id, level in (
            Honor.select(Honor.enterprise, Honor.level).where(Honor.enterprise.in_(ids)).tuples()
        ):
            by_id[enterprise_id].honor_levels.add(level)
        found.update((x.enterprise.uscc, x) for x in by_id.values())
    return found


class _Stored(SimpleNamespace):
    """A stored row read as a dict: its fields as attributes, a foreign key also as `<name>_id`."""

    def __init__(self, row: dict):
        super().__init__(**row)
        for name in ("district", "enterprise"):
            if name in row:
                setattr(self, f"{name}_id", row[name])


def _differences(row: CleanRow, existing: Existing) -> list[str]:
    current = existing.enterprise
    changes = []
    for key, value in row.given().items():
        have = current.district_id if key == "district" else getattr(current, key)
        want = value.id if key == "district" else value
        if have != want and not (have in (None, "") and want in (None, "")):
            changes.append(LABELS[key])
    if _holding_changes(row, existing):
        changes.append(f"{row.holding_year}年知识产权数量")
    if row.contact and not _contact_matches(row.contact, existing.contacts):
        changes.append("联系人")
    for flag, level in HONOR_FLAGS.items():
        if row.flags.get(flag) and level not in existing.honor_levels:
            changes.append(enterprise_records.HONOR_LEVELS[level] + "称号")
    if "applied_regional" in row.flags and _regional_year(row, current) != current.applied_regional_year:
        changes.append(LABELS["applied_regional_year"])
    return list(dict.fromkeys(changes))


def _holding_changes(row: CleanRow, existing: Existing) -> bool:
    holding = existing.holdings.get(row.holding_year)
    if holding is None:
        return any(row.holdings.values())
    return any(getattr(holding, k) != v for k, v in row.holdings.items())


def _contact_matches(data: dict, contacts: list[Contact]) -> bool:
    same = next((c for c in contacts if c.name == data.get("name")), None)
    return same is not None and same.is_primary and all(getattr(same, k) == v for k, v in data.items())


def _regional_year(row: CleanRow, current: Enterprise | None) -> int | None:
    this_year = date.today().year
    if row.flags.get("applied_regional"):
        return this_year
    if current is not None and current.applied_regional_year != this_year:
        return current.applied_regional_year  # "否" means not this year; an earlier year stays on record
    return None


def commit_plan(
    actor: User, plan: ImportPlan, progress: Progress | None = None, cancelled: IsCancelled | None = None
) -> dict:
    """Write a plan's creates and updates in one transaction; returns the summary counts.

    The workbook was read before (the write lock is held only for this commit). The rows are compared again
    under the lock: another window or command may have added or changed some of these enterprises since.
    """
    with database.atomic():
        plan.rows = _compare(actor, [p.row for p in plan.rows])
        todo = [p for p in plan.rows if p.action in (CREATE, UPDATE)]
        total = max(len(todo), 1)
        creates = [p for p in todo if p.action == CREATE]
        for p in creates:
            if "applied_regional" in p.row.flags:
                p.row.enterprise["applied_regional_year"] = _regional_year(p.row, None)
        enterprises.bulk_create(
            actor,
            [p.row.enterprise for p in creates],
            lambda created: enterprise_records.bulk_add_records(
                actor, [(e, p.row) for e, p in zip(created, creates, strict=True)], audited_with_parent=True
            ),
        )
        _report(progress, cancelled, len(creates), total)
        for done, p in enumerate((p for p in todo if p.action == UPDATE), start=len(creates) + 1):
            _apply_update(actor, p)
            if done % 50 == 0:
                _report(progress, cancelled, done, total)
        _report(progress, cancelled, total, total)
    if todo:
        _refresh_search_index()
    return plan.summary()


def _refresh_search_index() -> None:
    """Index the new and renamed rows now, so that the searches right after an import use the index instead
    of scanning the table until they have caught up bit by bit. The import is committed already: a writer
    holding the lock only leaves the rows queued (searches answer the same from a scan meanwhile)."""
    try:
        search.refresh_index()
    except (OperationalError, DatabaseBusy):
        pass


def _report(progress, cancelled, done, total) -> None:
    if cancelled and cancelled():
        raise Cancelled()
    if progress:
        progress(done, total)


def _apply_update(actor: User, p: RowPlan) -> None:
    existing, row = p.existing, p.row
    current = existing.enterprise
    data = row.given()
    if "applied_regional" in row.flags:
        data["applied_regional_year"] = _regional_year(row, current)
    enterprises.update(actor, current.id, data)
    if _holding_changes(row, existing):
        enterprise_records.save_holding(actor, current.id, row.holding_year, row.holdings)
    if row.contact and not _contact_matches(row.contact, existing.contacts):
        same = next((c for c in existing.contacts if c.name == row.contact["name"]), None)
        enterprise_records.save_contact(
            actor, current.id, {**row.contact, "is_primary": True}, same.id if same else None
        )
    for flag, level in HONOR_FLAGS.items():
        if row.flags.get(flag) and level not in existing.honor_levels:
            enterprise_records.add_honor(
                actor,
                current.id,
                level,
                "advantage",
                row.holding_year,
                enterprise_records.IMPORTED_HONOR_TITLE,
            )


def import_enterprises(
    actor: User,
    path: Path | str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> ImportPlan:
    """Plan and (unless a dry run) commit; the plan says what happened to each row."""
    plan = plan_import(actor, path, progress, cancelled)
    if not dry_run:
        commit_plan(actor, plan, progress, cancelled)
    return plan
