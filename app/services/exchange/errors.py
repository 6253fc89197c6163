"""The exchange's refusal: a package or pairing file that changes nothing, with the reason in Chinese."""

from __future__ import annotations

from app.services.core.errors import DomainError


class Refused(DomainError):
    """A package or pairing file refused whole; nothing was written."""
