"""Opening a stored attachment with the system viewer.

Stored files are named by their hash: a viewer needs the original name and suffix, so a copy with that name
goes into a fresh temporary folder first.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.services.core import attachments
from app.services.core.errors import DomainError
from app.ui.widgets import show_error


def viewable_copy(attachment) -> Path:
    """A temporary copy of the stored file under its original name."""
    stored = attachments.file_of(attachment)
    folder = Path(tempfile.mkdtemp(prefix="ipreg-"))
    copy = folder / Path(attachment.original_name).name
    shutil.copyfile(stored, copy)
    return copy


def open_attachment(parent: QWidget | None, attachment) -> bool:
    try:
        copy = viewable_copy(attachment)
    except DomainError as exc:
        show_error(parent, exc)
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))


def size_text(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(size // 1024, 1)} KB"
