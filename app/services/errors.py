"""Domain errors: each carries a message in Chinese meant for the person at the keyboard."""

from __future__ import annotations


class DomainError(Exception):
    """A request the register refuses; `str(error)` is a Chinese message for the user."""


class PermissionDenied(DomainError):
    pass


class NotFound(DomainError):
    pass


class AuthenticationFailed(DomainError):
    pass


class ValidationError(DomainError):
    """Bad input, field by field: `errors` maps a field name to its Chinese message."""

    def __init__(self, errors: dict[str, str], labels: dict[str, str] | None = None):
        self.errors = dict(errors)
        labels = labels or {}
        text = "；".join(f"{labels.get(field, field)}：{msg}" for field, msg in self.errors.items())
        super().__init__(f"输入有误——{text}")
