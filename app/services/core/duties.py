"""Separation of duties (setting `workflow.separate_duties`, on by default): the person who did the first step
of a two-person check may not do the second (recommend, then decide; report a case, then acknowledge it)."""

from __future__ import annotations

from collections.abc import Iterable

from app.models import User
from app.services.core import settings
from app.services.core.errors import PermissionDenied


def require_someone_else(actor: User, first_step_by: Iterable[int | None], refusal: str) -> None:
    """Refuse `actor` if they are among the users (ids) who did the first step, while the setting is on."""
    if actor.id in set(first_step_by) and settings.get("workflow.separate_duties"):
        raise PermissionDenied(f"{refusal}（不相容职务分离，可在系统设置中关闭）")
