"""The logged-in session: who is working on which database, and one signal announcing changes to every page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.models import User
from app.services.accounts import users as accounts


class Session(QObject):
    # What changed, e.g. "enterprise": each page decides whether it needs to refresh.
    changed = Signal(str)
    # The database was replaced (restore): the user must log in again against it.
    relogin_requested = Signal()

    def __init__(self, user: User, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.user = user
        self.db_path = Path(db_path)

    def user_label(self) -> str:
        return f"{self.user.display_name}（{accounts.role_label(self.user)}）"
