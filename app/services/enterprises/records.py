"""Records filed under an enterprise: contacts, IP holdings by year, honours, and its change history."""

from __future__ import annotations

from app.models import Attachment, AuditLog, Contact, Enterprise, Honor, IPHolding, User
from app.models.db import database
from app.models.enterprises import HOLDING_COUNTS, HONOR_KINDS, HONOR_LEVELS
from app.services.core import attachments, audit, bulk, dates, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.validation import clean_count
from app.services.enterprises.fields import CONTACT_FIELDS, CONTACT_LABELS, clean_fields
from app.services.enterprises.register import get, get_for_write

# --- contacts -------------------------------------------------------------------------------------------


def save_contact(actor: User, enterprise_id: int, data: dict, contact_id: int | None = None) -> Contact:
    """Create or update an enterprise-side contact; at most one is primary."""
    values, errors = clean_fields(CONTACT_FIELDS, data, partial=contact_id is not None)
    if errors:
        raise ValidationError(errors, CONTACT_LABELS)
    with database.atomic():
        enterprise = get_for_write(actor, enterprise_id)
        primary = bool(data.get("is_primary", False))
        if contact_id is None:
            contact = Contact(enterprise=enterprise)
            before = None
        else:
            contact = _child(Contact, contact_id, enterprise)
            before = audit.snapshot(contact)
        for key, value in values.items():
            setattr(contact, key, value)
        if "is_primary" in data or contact_id is None:
            contact.is_primary = primary
        if contact.is_primary:
            _demote_primary(actor, enterprise, contact)
        contact.save()
        action = "contact.create" if before is None else "contact.update"
        audit.record(actor, action, contact, before, audit.snapshot(contact), subject=enterprise)
    return contact


def _demote_primary(actor: User, enterprise: Enterprise, keep: Contact) -> None:
    """The other contacts stop being primary, each change audited like an edit of that contact."""
    others = enterprise.contacts.where(Contact.is_primary & (Contact.id != (keep.id or 0)))
    for other in others:
        before = audit.snapshot(other)
        other.is_primary = False
        other.save()
        audit.record(actor, "contact.update", other, before, audit.snapshot(other), subject=enterprise)


def _delete_child(actor: User, enterprise_id: int, model, child_id: int, action: str) -> None:
    """Delete one record filed under an enterprise, audited under the enterprise."""
    with database.atomic():
        enterprise = get_for_write(actor, enterprise_id)
        child = _child(model, child_id, enterprise)
        audit.record(actor, action, child, audit.snapshot(child), None, subject=enterprise)
        child.delete_instance()


def delete_contact(actor: User, enterprise_id: int, contact_id: int) -> None:
    _delete_child(actor, enterprise_id, Contact, contact_id, "contact.delete")


def contacts(actor: User, enterprise_id: int) -> list[Contact]:
    enterprise = get(actor, enterprise_id)
    return list(enterprise.contacts.order_by(Contact.is_primary.desc(), Contact.id))


# --- IP holdings ----------------------------------------------------------------------------------------


def save_holding(actor: User, enterprise_id: int, year: int, counts: dict) -> IPHolding:
    """Set an enterprise's IP counts for one year (creating the year if needed)."""
    errors = {}
    errors["year"] = dates.year_problem(dates.HOLDING_YEAR, year) if year is not None else "必填"
    cleaned = {}
    for key, value in counts.items():
        if key == "trade_secrets":
            cleaned[key] = bool(value)
        elif key in HOLDING_COUNTS:
            try:
                cleaned[key] = clean_count(value)
            except ValueError as exc:
                errors[key] = str(exc)
        else:
            errors[key] = "未知的知识产权类型"
    errors = {key: message for key, message in errors.items() if message}
    if errors:
        raise ValidationError(errors, {"year": "年份", **HOLDING_COUNTS})
    with database.atomic():
        enterprise = get_for_write(actor, enterprise_id)
        holding = IPHolding.get_or_none((IPHolding.enterprise == enterprise) & (IPHolding.year == year))
        before = audit.snapshot(holding)
        holding = holding or IPHolding(enterprise=enterprise, year=year)
        for key, value in cleaned.items():
            setattr(holding, key, value)
        holding.save()
        action = "holding.create" if before is None else "holding.update"
        audit.record(actor, action, holding, before, audit.snapshot(holding), subject=enterprise)
    return holding


def holdings(actor: User, enterprise_id: int) -> list[IPHolding]:
    enterprise = get(actor, enterprise_id)
    return list(enterprise.holdings.order_by(IPHolding.year.desc()))


def latest_holding(enterprise: Enterprise) -> IPHolding | None:
    return enterprise.holdings.order_by(IPHolding.year.desc()).first()


# --- honours --------------------------------------------------------------------------------------------


def add_honor(
    actor: User, enterprise_id: int, level: str, kind: str, year: int, title: str = "", evidence=None
) -> Honor:
    errors = {}
    if level not in HONOR_LEVELS:
        errors["level"] = "应为国家级或自治区级"
    if kind not in HONOR_KINDS:
        errors["kind"] = "应为优势企业或示范企业"
    errors["year"] = dates.year_problem(dates.HONOR_YEAR, year) if year is not None else "必填"
    errors.update(validation.text_errors({"title": title.strip()}))
    errors = {key: message for key, message in errors.items() if message}
    if errors:
        raise ValidationError(errors, {"level": "级别", "kind": "称号", "year": "年份", "title": "称号名称"})
    with database.atomic():
        enterprise = get_for_write(actor, enterprise_id)
        honor = Honor.create(
            enterprise=enterprise, level=level, kind=kind, year=year, title=title.strip(), evidence=evidence
        )
        audit.record(actor, "honor.create", honor, None, audit.snapshot(honor), subject=enterprise)
    return honor


def delete_honor(actor: User, enterprise_id: int, honor_id: int) -> None:
    _delete_child(actor, enterprise_id, Honor, honor_id, "honor.delete")


def honors(actor: User, enterprise_id: int) -> list[Honor]:
    enterprise = get(actor, enterprise_id)
    return list(enterprise.honors.order_by(Honor.year.desc()))


def honor_label(honor: Honor) -> str:
    return f"{honor.year}年 {HONOR_LEVELS[honor.level]}{HONOR_KINDS[honor.kind]}"


# --- history --------------------------------------------------------------------------------------------


def history(actor: User, enterprise_id: int) -> list[AuditLog]:
    """Every change filed under the enterprise (its own fields and its records), newest first."""
    return audit.history(get(actor, enterprise_id).uuid)


def _child(model, record_id: int, enterprise: Enterprise):
    record = model.get_or_none((model.id == record_id) & (model.enterprise == enterprise))
    if record is None:
        raise NotFound("记录不存在或不属于该企业")
    return record


# A yes/no import column cannot say which title (advantage or demonstration) or which year: say so on the record.
IMPORTED_HONOR_TITLE = "（由Excel导入登记，称号类别与年度待核实）"


# --- bulk (imports) -------------------------------------------------------------------------------------


def bulk_add_records(
    actor: User, items: list[tuple[Enterprise, object]], *, audited_with_parent: bool = False
) -> list[list]:
    """Holdings, primary contact and honours of newly bulk-created enterprises, audited under each enterprise.

    `items` pairs each enterprise with an import row (attributes holding_year, holdings, contact, flags).
    The enterprises were created by the same actor in the same transaction, so permission is already checked.
    Returns each enterprise's new records. With `audited_with_parent` they get no entries of their own: the
    caller puts them on the enterprise's creation entry (`register.bulk_create`'s `add_children`).
    """
    holdings, contacts, honors = [], [], []
    created: list[list] = []
    for enterprise, row in items:
        mine = []
        if row.holdings:
            mine.append(
                bulk.new_record(
                    IPHolding, {"enterprise": enterprise, "year": row.holding_year, **row.holdings}
                )
            )
            holdings.append((enterprise, mine[-1]))
        if row.contact:
            mine.append(
                bulk.new_record(Contact, {"enterprise": enterprise, "is_primary": True, **row.contact})
            )
            contacts.append((enterprise, mine[-1]))
        for flag, level in (("national_title", "national"), ("regional_title", "regional")):
            if row.flags.get(flag):
                mine.append(Honor(enterprise=enterprise, level=level, kind="advantage", year=row.holding_year,
                                  title=IMPORTED_HONOR_TITLE))  # fmt: skip
                honors.append((enterprise, mine[-1]))
        created.append(mine)
    for model, pairs, action in ((IPHolding, holdings, "holding.create"), (Contact, contacts, "contact.create"),
                                 (Honor, honors, "honor.create")):  # fmt: skip
        records = [record for _e, record in pairs]
        bulk.insert_records(model, records)
        if not audited_with_parent:
            audit.record_many(actor, action, records, [e for e, _r in pairs])
    return created


def add_file(actor: User, enterprise_id: int, path) -> Attachment:
    """A file kept with the enterprise (licence, certificate, scan); attachments.attach checks the permission."""
    return attachments.attach(actor, path, get(actor, enterprise_id), "other")


def files(actor: User, enterprise_id: int) -> list[Attachment]:
    return attachments.attachments_of(get(actor, enterprise_id))
