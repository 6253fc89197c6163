"""The screen harness: stand a laptop's screen in for the offscreen one, and find what a window puts off-screen.

Offscreen Qt has one 800×800 screen; `use_screen` makes `app.ui.screen_fit` (the only place the app asks for
the screen) answer with the given available area instead. `misfits` lists, in words, every way a shown window
fails that screen: a frame larger than the area, or a visible push button (the actions: 保存, 关闭, 打印预览 …)
cut by the window or by a parent — buttons inside a scroll area are reachable and are not counted.
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QTableView, QTabWidget, QWidget

from app.ui import screen_fit
from app.ui.tables import MATTERS, NAMES, text_margin

# The words of a window's own actions: these must never scroll out of sight with the content.
ACTIONS = ("保存", "关闭", "取消", "提交", "确定")

# Available areas: the screen less a 40 px taskbar at the bottom.
SCREENS = {"1366x768": QRect(0, 0, 1366, 728), "1024x768": QRect(0, 0, 1024, 728)}


def use_screen(monkeypatch, area: QRect, name: str | None = None) -> None:
    """From now on the app sees a screen with this available area (and this name, by default its size)."""
    name = name or f"test {area.width()}x{area.height()}"
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(area))
    monkeypatch.setattr(screen_fit, "screen_name", lambda widget=None: name)


def settle(window: QWidget) -> None:
    for _ in range(3):
        QApplication.processEvents()
    layout = window.layout()
    if layout is not None:
        layout.activate()


def _inside_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _clipped_by(button: QPushButton, window: QWidget) -> QWidget | None:
    """The first widget (the window included) that cuts part of `button` off, or None."""
    widget = button
    while widget is not window:
        parent = widget.parentWidget()
        rect = QRect(button.mapTo(parent, button.rect().topLeft()), button.size())
        if not parent.rect().contains(rect):
            return parent
        widget = parent
    return None


def misfits(window: QWidget, area: QRect) -> list[str]:
    settle(window)
    problems = []
    frame = window.size() + screen_fit.FRAME
    if frame.width() > area.width() or frame.height() > area.height():
        problems.append(
            f"{type(window).__name__} {window.width()}×{window.height()} (+窗框) 超出可用区域 "
            f"{area.width()}×{area.height()}"
        )
    problems += _button_problems(window)
    # Each tab of each tab widget in sight, so the buttons on tabs not shown first are checked too.
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        shown = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle(window)
            problems += [f"{tabs.tabText(index)}: {p}" for p in _button_problems(window)]
        tabs.setCurrentIndex(shown)
    return list(dict.fromkeys(problems))


def _button_problems(window: QWidget) -> list[str]:
    problems = []
    for button in window.findChildren(QPushButton):
        if not button.isVisibleTo(window):
            continue
        if _inside_scroll_area(button, window):
            if button.text().startswith(ACTIONS):
                problems.append(f"按钮“{button.text()}”在滚动区域内，滚动时会看不到")
            continue
        cut = _clipped_by(button, window)
        if cut is not None:
            problems.append(f"按钮“{button.text()}”被 {type(cut).__name__} 截断")
    return problems


def shots_folder(fallback: Path) -> Path:
    """SCREENSHOTS=<folder> keeps the pictures for review; otherwise they go to the test's temporary folder."""
    folder = Path(os.environ.get("SCREENSHOTS") or fallback)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(window: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    assert window.grab().save(str(path)), path
    return path


def select_first_rows(window: QWidget) -> None:
    """Select the first row of every list with rows and nothing selected, as a person reading the page would:
    the detail lists that follow a selection (参加企业, 审核意见, an audit entry's 字段 …) then have rows to check."""
    for view in window.findChildren(QTableView):
        if view.model() is not None and view.model().rowCount() and not view.selectionModel().hasSelection():
            view.selectRow(0)
    settle(window)


def column_problems(window: QWidget, checked: list | None = None) -> list[str]:
    """Every column a visible list declares as mattering (app.ui.tables.declare_matters) that is hidden, cut by
    the table's right edge (so reading it needs the sideways scrollbar) or narrower than its text: every row's
    text, or for a column of names the typical (median) one. A declared list with no rows is a problem too
    (nothing was checked). Each tab of each tab widget in sight is shown in turn, so the lists on tabs not shown
    first (走访记录, 需要关注, 上报待签收 …) are checked as well; `checked` collects the views looked at."""
    checked = [] if checked is None else checked
    problems = _visible_column_problems(window, "", checked)
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        shown = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle(window)
            problems += _visible_column_problems(window, f"{tabs.tabText(index)} ", checked)
        tabs.setCurrentIndex(shown)
    return list(dict.fromkeys(problems))


def _visible_column_problems(window: QWidget, where: str, checked: list) -> list[str]:
    problems = []
    for view in window.findChildren(QTableView):
        titles = view.property(MATTERS)
        if not titles or not view.isVisibleTo(window):
            continue
        if view not in checked:
            checked.append(view)
        model = view.model()
        if model.rowCount() == 0:
            problems.append(f"{where}{'、'.join(titles)}: 列表没有数据，无法检查")
            continue
        heads = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())}
        for title in titles:
            problems += [f"{where}{title}: {p}" for p in _column_problems(view, heads.get(title), title)]
    return problems


def _column_problems(view: QTableView, column: int | None, title: str) -> list[str]:
    header = view.horizontalHeader()
    if column is None or header.isSectionHidden(column):
        return ["列未显示"]
    start, width = header.sectionViewportPosition(column), header.sectionSize(column)
    if start < 0 or start + width > view.viewport().width():
        return [f"列在 {start}–{start + width} px，表格只显示到 {view.viewport().width()} px，需横向滚动才能看到"]
    model, metrics = view.model(), view.fontMetrics()
    widths = [metrics.horizontalAdvance(str(model.data(model.index(row, column)) or ""))
              for row in range(min(model.rowCount(), 500))]  # fmt: skip
    if not widths:
        return []
    typical = statistics.median(widths) if title in (view.property(NAMES) or []) else max(widths)
    need = int(typical) + text_margin(view)
    return [f"宽 {width} px，文字需要 {need} px，被截断"] if width < need else []
