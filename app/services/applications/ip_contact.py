"""The form's 知识产权联系人 edited in the application editor is the enterprise's 知识产权联系人 in the register.

Typing it in the form saves it through the register's contact service (its permission check and audit entry),
and section A then shows it as the register holds it, so the form and the register never disagree. The register
calls the same person 知识产权联系人 (the contact marked `is_primary`).
"""

from __future__ import annotations

from app.models import Contact, Enterprise, User
from app.services.core.errors import ValidationError
from app.services.enterprises import records
from app.services.enterprises.fields import CONTACT_LABELS

KEYS = tuple(CONTACT_LABELS)  # name, post, phone, mobile, email
WORD = "知识产权联系人"


def typed(contact: dict | None) -> dict[str, str]:
    """The contact's fields as the form holds them (missing ones empty)."""
    contact = contact or {}
    return {key: str(contact.get(key) or "") for key in KEYS}


def is_blank(contact: dict | None) -> bool:
    return not any(value.strip() for value in typed(contact).values())


def differs(new: dict | None, old: dict | None) -> bool:
    """Whether the form's contact was edited (surrounding blanks are not an edit)."""
    return {k: v.strip() for k, v in typed(new).items()} != {k: v.strip() for k, v in typed(old).items()}


def save_to_register(actor: User, enterprise: Enterprise, contact: dict) -> None:
    """Save the typed contact as the enterprise's 知识产权联系人: the contact section A showed is updated when
    the name is the same person's, otherwise a new contact is added (the former one stays in the register as an
    ordinary contact)."""
    data = {**typed(contact), "is_primary": True}
    try:
        records.save_contact(actor, enterprise.id, data, _contact_to_update(enterprise, data["name"]))
    except ValidationError as exc:
        raise ValidationError(
            {f"A.contact.{key}": f"{WORD}{CONTACT_LABELS.get(key, '')}：{text}" for key, text in exc.errors.items()},
            {},
        ) from exc


def _contact_to_update(enterprise: Enterprise, name: str) -> int | None:
    contacts = list(enterprise.contacts.order_by(Contact.is_primary.desc(), Contact.id))
    if not contacts:
        return None
    shown = contacts[0]  # section A shows the 知识产权联系人, or the first contact when none is marked
    return shown.id if shown.name.strip() == name.strip() else None
