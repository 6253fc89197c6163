"""One sheet row of the enterprise workbook cleaned into what the register stores, or the reasons it cannot be.

Cleaning reuses the register's own field rules (app.services.enterprises.fields), so a value the form refuses
is refused here with the same words, plus the sheet row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.models.enterprises import HOLDING_COUNTS
from app.services.core import validation
from app.services.core.errors import ValidationError
from app.services.enterprises import fields as enterprise_fields
from app.services.enterprises import register as enterprises
from app.services.enterprises.sheet_columns import COLUMNS_BY_KEY
from app.services.io.sheet_cells import UNCOMPUTED_FORMULA, CellError
from app.services.io.xlsx_reader import SheetRow

CONTACT_KEYS = {
    "contact_name": "name",
    "contact_phone": "phone",
    "contact_mobile": "mobile",
    "contact_email": "email",
}
FLAG_KEYS = ("national_title", "regional_title", "applied_regional")
# Columns whose values repeat down a sheet; names, codes and addresses are unique per row, not worth keeping.
REPEATING = ("kind", "district", "legal_representative", "founded_on", "registered_capital", "industry_section",
             "industry_division", "size", "revenue", "rd_spend", "applied_regional_year")  # fmt: skip


def new_memo() -> dict[str, dict]:
    """What one import remembers of the values it has cleaned (see `fields.clean_fields`)."""
    return {key: {} for key in (*REPEATING, *(f"contact.{k}" for k in CONTACT_KEYS.values()), "yes_no",
                                *(f"count.{k}" for k in HOLDING_COUNTS))}  # fmt: skip


def _memoised(memo: dict | None, key: str, clean, raw):
    """clean(raw) (raising its ValueError), remembered per distinct value in `memo[key]` when given."""
    seen = memo.get(key) if memo is not None else None
    if seen is None:
        return clean(raw)
    slot = (type(raw), raw)
    found = seen.get(slot)
    if found is None:
        try:
            found = seen[slot] = (True, clean(raw))
        except ValueError as exc:
            found = seen[slot] = (False, str(exc))
    if found[0]:
        return found[1]
    raise ValueError(found[1])


@dataclass
class CleanRow:
    number: int
    columns: dict[str, str] = field(default_factory=dict)  # column key → letter
    raw: dict[str, object] = field(default_factory=dict)  # column key → the cell's value as read
    enterprise: dict = field(default_factory=dict)
    holding_year: int | None = None
    holdings: dict = field(default_factory=dict)
    contact: dict = field(default_factory=dict)
    flags: dict = field(default_factory=dict)
    errors: list[CellError] = field(default_factory=list)

    @property
    def uscc(self) -> str | None:
        return self.enterprise.get("uscc")

    def given(self) -> dict:
        """The enterprise fields whose cells were filled in: on an update a blank cell keeps what is stored."""
        return {
            k: v for k, v in self.enterprise.items() if self.raw.get(k) not in (None, "") or k == "district"
        }


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def clean_row(row: SheetRow, default_year: int, memo: dict[str, dict] | None = None) -> CleanRow:
    """`memo` (from `new_memo`, one per import): values already cleaned in earlier rows."""
    result = CleanRow(
        row.number,
        {key: letter for key, (letter, _v) in row.cells.items()},
        {key: value for key, (_letter, value) in row.cells.items()},
    )

    def fail(key: str, reason: str) -> None:
        letter, value = row.cells[key]
        result.errors.append(CellError(row.number, letter, COLUMNS_BY_KEY[key].header, value, reason))

    raw = {k: v for k, (_letter, v) in row.cells.items()}
    data = {k: raw[k] for k in enterprise_fields.FIELDS_BY_NAME if k in raw}
    if "kind" in data and data["kind"] in (None, ""):
        data["kind"] = "enterprise"
    if raw.get("kind") == "协会":
        data["kind"] = "association"
    if "applied_regional" in raw:
        try:
            result.flags["applied_regional"] = _memoised(memo, "yes_no", validation.clean_yes_no,
                                                         raw["applied_regional"])  # fmt: skip
        except ValueError as exc:
            fail("applied_regional", str(exc))
    data = {k: (v if isinstance(v, date) else _text(v)) for k, v in data.items()}
    data.setdefault("kind", "enterprise")
    try:
        result.enterprise = enterprises.clean_enterprise(data, memo=memo)
    except ValidationError as exc:
        for key, reason in exc.errors.items():
            if key in row.cells:
                fail(key, reason)
            else:
                result.errors.append(
                    CellError(row.number, "", enterprise_fields.LABELS.get(key, key), "", reason)
                )
    _clean_holdings(row, raw, result, fail, default_year, memo)
    _clean_contact(raw, result, fail, memo)
    for key in ("national_title", "regional_title"):
        if key in raw:
            try:
                result.flags[key] = _memoised(memo, "yes_no", validation.clean_yes_no, raw[key])
            except ValueError as exc:
                fail(key, str(exc))
    if row.uncomputed:
        _refuse_uncomputed(row, result)
    return result


def _refuse_uncomputed(row: SheetRow, result: CleanRow) -> None:
    """A formula without a computed value is its cell's only error: read as blank, it would be taken for a
    missing entry (必填) or, in an optional column, silently imported as nothing."""
    letters = {row.cells[key][0] for key in row.uncomputed}
    result.errors = [e for e in result.errors if e.column not in letters]
    for key in sorted(row.uncomputed, key=lambda k: row.cells[k][0]):
        letter, _value = row.cells[key]
        header = COLUMNS_BY_KEY[key].header
        result.errors.append(CellError(row.number, letter, header, "", UNCOMPUTED_FORMULA))


def _clean_holdings(row, raw, result, fail, default_year, memo) -> None:
    result.holding_year = default_year
    if raw.get("holding_year") not in (None, ""):
        text = _text(raw["holding_year"]).removesuffix("年").strip()
        if text.isdigit() and 1980 <= int(text) <= 2100:
            result.holding_year = int(text)
        else:
            fail("holding_year", "应为四位年份，如 2025")
    for key in HOLDING_COUNTS:
        if key in raw:
            try:
                result.holdings[key] = _memoised(memo, f"count.{key}", _COUNT_CLEANERS[key], raw[key])
            except ValueError as exc:
                fail(key, str(exc))


# Clerks often answer these two with 是/否 instead of a number.
YES_NO_COUNTS = {"well_known_trademarks", "gi_trademarks"}


def _clean_holding_count(key: str, value) -> int:
    try:
        return validation.clean_count(value)
    except ValueError:
        if key not in YES_NO_COUNTS:
            raise
    try:
        return int(validation.clean_yes_no(value))
    except ValueError:
        raise ValueError(f"“{value}”应为数量，或 是/否") from None


_COUNT_CLEANERS = {key: (lambda value, key=key: _clean_holding_count(key, value)) for key in HOLDING_COUNTS}


def _clean_contact(raw, result, fail, memo) -> None:
    present = {k: raw[k] for k in CONTACT_KEYS if k in raw}
    if not any(v not in (None, "") for v in present.values()):
        return
    data = {CONTACT_KEYS[k]: _text(v) for k, v in present.items()}
    contact_memo = None if memo is None else {k: memo[f"contact.{k}"] for k in CONTACT_KEYS.values()}
    values, errors = enterprise_fields.clean_fields(
        enterprise_fields.CONTACT_FIELDS, data, partial=True, memo=contact_memo
    )
    if not values.get("name"):
        errors.setdefault("name", "填写了联系方式但缺少联系人姓名")
    reverse = {v: k for k, v in CONTACT_KEYS.items()}
    for key, reason in errors.items():
        if reverse.get(key, "contact_name") in raw:
            fail(reverse.get(key, "contact_name"), reason)
    result.contact = values
