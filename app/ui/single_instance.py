"""One window per database: a second start on the same register brings the first window forward.

The first window listens on a local socket (a named pipe on Windows) named after the database's full path; a
second start on this PC connects, asks it to come forward and ends. A window on another PC (a shared folder)
is found by the lock file beside the database (app.services.system.open_lock) and named in a message.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app import APP_ID

WAKE = b"show\n"
CONNECT_MS = 500


def server_name(database_path: Path | str) -> str:
    """The same name for every spelling of the same file (relative, ../, case on Windows), per user."""
    path = os.path.normcase(str(Path(database_path).resolve()))
    user = os.environ.get("USERNAME") or os.environ.get("USER") or ""
    digest = hashlib.sha256(f"{user}\0{path}".encode()).hexdigest()[:20]
    return f"{APP_ID}-{digest}"


def wake_running(database_path: Path | str) -> bool:
    """Ask a window already open on this database to come forward; True if one answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(database_path))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(WAKE)
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts on the same database; `wake` is emitted when one asks for the window."""

    wake = Signal()

    def __init__(self, database_path: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(database_path)
        if not self.server.listen(name) and sys.platform != "win32":
            # A crashed window leaves its socket file behind on Unix; the caller holds the database's open lock,
            # so no live window owns it.
            QLocalServer.removeServer(name)
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        # The later start writes its one line at once and ends: waiting briefly here beats keeping sockets
        # and their signal connections alive across the event loop.
        while (socket := self.server.nextPendingConnection()) is not None:
            if socket.bytesAvailable() or socket.waitForReadyRead(CONNECT_MS):
                woken = WAKE.strip() in bytes(socket.readAll())
            else:
                woken = False
            socket.abort()
            socket.deleteLater()
            if woken:
                self.wake.emit()

    def close(self) -> None:
        self.server.close()


def bring_forward(window) -> None:
    """Show a window that may be minimised or behind others (Windows only lets it flash in the task bar)."""
    if window is None:
        return
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
