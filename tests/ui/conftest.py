"""Fixtures for the window tests: a logged-in session on the demo database and the pages built on it."""

import pytest
from PySide6.QtCore import QThreadPool

from app.ui.session import Session


@pytest.fixture(autouse=True)
def _no_work_left_running(qapp):
    """Pages load their rows in workers: a test that ends while one is loading lets it finish, and its
    result arrive, before the next test opens another database."""
    yield
    QThreadPool.globalInstance().waitForDone(30000)
    qapp.processEvents()


@pytest.fixture(autouse=True)
def _unsaved_edits_dropped_when_a_test_ends(monkeypatch):
    """pytest-qt closes the test's windows after it: an editor left with typed text would otherwise ask
    保存 / 不保存 / 取消 in a modal box nobody answers. Tests of that question patch `ask` themselves."""
    from app.ui import dirty_guard

    monkeypatch.setattr(dirty_guard, "ask", lambda parent, text: dirty_guard.DISCARD)


@pytest.fixture
def session_for(demo_db, demo_users, qapp):
    """Build a Session for a demo login ('admin', 'dongsheng', 'chakan', …)."""
    path, _ = demo_db

    def make(login: str = "admin") -> Session:
        return Session(demo_users[login], path)

    return make


@pytest.fixture
def admin_session(session_for):
    return session_for("admin")


@pytest.fixture
def main_window(qtbot, admin_session):
    from app.ui.main_window import MainWindow

    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def small_pdf() -> bytes:
    """A one-page PDF, standing in for a stamped scan or an evidence file."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "stamped scan")
    page.showPage()
    page.save()
    return buffer.getvalue()
