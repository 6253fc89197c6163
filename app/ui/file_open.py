"""Opening a stored attachment with the system viewer of its verified type, never running it.

Stored files are named by their hash: a viewer needs a name with the type's extension, so a copy named by
the service (attachments.viewable_name: the cleaned display name with the extension of the type its bytes
were verified as) goes into a fresh temporary folder first, and the system opens that.
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
    """A temporary copy of the stored file, named for its verified type."""
    name = attachments.viewable_name(attachment)
    stored = attachments.file_of(attachment)
    folder = Path(tempfile.mkdtemp(prefix="ipreg-"))
    copy = folder / name
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
