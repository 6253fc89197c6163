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


class ConcurrentEdit(DomainError):
    """Someone else saved (or deleted) the record since it was loaded: nothing was written.

    Raised by `BaseModel.save` when its version-checked UPDATE matched no row, and by services whose form
    was loaded at an older `row_version`. The message names who changed the record and when (its latest
    audit entry) and asks the user to reload; the screens offer 重新载入.
    """

    def __init__(self, message: str):
        super().__init__(message)

    @classmethod
    def about(cls, record, label: str = "该记录") -> ConcurrentEdit:
        """The error for `record` (a model instance), worded from its latest audit entry."""
        from app.models.audit import AuditLog  # errors are imported by the models: no import cycle at load

        model = type(record)
        entry = (
            AuditLog.select(AuditLog.at, AuditLog.user_login, AuditLog.user, AuditLog.action)
            .where(AuditLog.entity == model._meta.table_name, AuditLog.entity_id == record.get_id())
            .order_by(AuditLog.id.desc())
            .first()
        )
        gone = not model.select().where(model._meta.primary_key == record.get_id()).exists()
        done = "删除" if gone else "修改"
        if entry is None:
            who = f"已被他人{done}"
        else:
            user = entry.user if entry.user_id is not None else None
            name = user.display_name if user is not None else entry.user_login
            who = f"已被 {name}（{entry.user_login}）于 {entry.at:%Y-%m-%d %H:%M} {done}"
        advice = "请关闭后重新查看" if gone else "请重新载入后再编辑"
        return cls(f"{label}在您打开之后{who}，您的修改没有保存。{advice}。")


def check_version(record, expected_version: int | None, label: str = "该记录") -> None:
    """Refuse a save made from a form loaded at another row version (see ConcurrentEdit)."""
    if expected_version is not None and record.row_version != expected_version:
        raise ConcurrentEdit.about(record, label)
