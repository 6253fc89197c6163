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

    def __init__(
        self, errors: dict[str, str], labels: dict[str, str] | None = None, prefix: str = "输入有误"
    ):
        """`labels` names fields for the message; a field without a label shows its message alone."""
        self.errors = dict(errors)
        parts = []
        for field, msg in self.errors.items():
            label = field if labels is None else labels.get(field, "")
            parts.append(f"{label}：{msg}" if label else msg)
        super().__init__(f"{prefix}——{'；'.join(parts)}")


BUSY_MESSAGE = "数据库正忙，请稍后重试（另一个窗口、命令或另一台电脑正在写入数据库）"


class DatabaseBusy(DomainError):
    """Another connection kept the database's write lock for longer than we waited; nothing was written."""

    def __init__(self, message: str = BUSY_MESSAGE):
        super().__init__(message)


class DatabaseUnusable(DomainError):
    """The database file cannot be opened or must not be written to; the message says why and what to do."""
