"""Peewee models of the register and the database they live in. No Qt here."""

from app.models.accounts import User
from app.models.audit import AuditLog
from app.models.enterprise import Contact, Enterprise, Honor, IPHolding
from app.models.files import Attachment
from app.models.reference import District
from app.models.settings import Setting

# Creation order respects foreign keys.
ALL_MODELS = [District, User, Attachment, AuditLog, Setting, Enterprise, Contact, IPHolding, Honor]

__all__ = [
    "ALL_MODELS",
    "Attachment",
    "AuditLog",
    "Contact",
    "District",
    "Enterprise",
    "Honor",
    "IPHolding",
    "Setting",
    "User",
]
