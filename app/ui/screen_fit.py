"""Windows that fit the screen they open on: a bureau laptop has 1366×768 with a 40 px taskbar, some PCs 1024×768.

Every dialog asks for its preferred size through `fit_to_screen`, which keeps it (and the window manager's frame)
inside the screen's available area; the content that cannot shrink sits in a scroll area (`scrolled`) while the
action buttons stay outside it. `available_geometry` is the one place that asks Qt for the screen, so the screen
tests can stand in a laptop's screen for the offscreen one.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room left for the window manager's borders and title bar (Windows 10/11: 8 px borders, 31 px title bar).
FRAME = QSize(16, 40)
# Screens this wide or narrower get the main window maximised: every pixel is needed there.
SMALL_SCREEN_WIDTH = 1366


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The free part (without taskbar) of the screen `widget` is on, else of the primary screen."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def screen_name(widget: QWidget | None = None) -> str:
    """Which screen `widget` is on (its name and size, so a replaced monitor on the same port counts as new)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    size = screen.size()
    return f"{screen.name()} {size.width()}x{size.height()}"


def usable_size(widget: QWidget | None = None) -> QSize:
    """The largest client size whose frame still fits the available area."""
    area = available_geometry(widget)
    return QSize(area.width() - FRAME.width(), area.height() - FRAME.height())


def bounded(size: QSize, widget: QWidget | None = None) -> QSize:
    return size.boundedTo(usable_size(widget))


def fit_to_screen(window: QWidget, preferred: QSize | tuple[int, int]) -> None:
    """Resize `window` to `preferred`, or to the available area when that is smaller, and keep it on screen."""
    size = QSize(*preferred) if isinstance(preferred, tuple) else QSize(preferred)
    window.resize(bounded(size, window))
    keep_on_screen(window)


def keep_on_screen(window: QWidget) -> None:
    """Move a window whose frame would hang over the available area's edge back inside it."""
    area = available_geometry(window)
    limit = usable_size(window)
    if window.width() > limit.width() or window.height() > limit.height():
        window.resize(window.size().boundedTo(limit))
    x = min(max(window.x(), area.left()), area.left() + area.width() - window.width() - FRAME.width())
    y = min(max(window.y(), area.top()), area.top() + area.height() - window.height() - FRAME.height())
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def is_small_screen(widget: QWidget | None = None) -> bool:
    return available_geometry(widget).width() <= SMALL_SCREEN_WIDTH


def scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area that follows its width: it scrolls instead of being cut off."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area
