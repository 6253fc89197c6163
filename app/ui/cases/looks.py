"""How a statutory clock looks everywhere on the case pages: its state's colours, its days-left text, its chip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.services.cases.rules import CLOCK_STATE_LABELS

# (text colour, background) per clock state: green running, amber due soon, red overdue, grey finished.
STATE_LOOKS = {
    "running": ("#1e6b2e", "#dcf2e0"),
    "due_soon": ("#8a5300", "#fde9c4"),
    "overdue": ("#a61b1b", "#fbe3e1"),
    "met": ("#555555", "#e6e6e6"),
    "late": ("#a61b1b", "#e6e6e6"),
    "elapsed": ("#555555", "#e6e6e6"),
}
OPEN_STATES = ("running", "due_soon", "overdue")
UNIT_LABELS = {"workdays": "个工作日", "days": "天"}


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, "天")


def days_text(clock: dict) -> str:
    """'剩 3 个工作日', '超期 2 天', '已于 2026-03-05 完成' … for a clock of case_view.case_dict."""
    unit, left, state = unit_label(clock["unit"]), clock["days_left"], clock["state"]
    if state in ("met", "late"):
        return f"{clock['met_on']} 完成" + ("（超期）" if state == "late" else "")
    if state == "elapsed":
        return "期间已届满"
    if left < 0:
        return f"超期 {-left} {unit}"
    return "今日到期" if left == 0 else f"剩 {left} {unit}"


def nearest_open(clocks: list[dict]) -> dict | None:
    """The open clock due first (an overdue one before any other), or None when every clock has finished."""
    open_ = [c for c in clocks if c["state"] in OPEN_STATES]
    return min(open_, key=lambda c: (c["state"] != "overdue", c["due"]), default=None)


def chip_style(state: str) -> str:
    fg, bg = STATE_LOOKS.get(state, STATE_LOOKS["met"])
    return f"color: {fg}; background: {bg}; border: 1px solid {fg}; border-radius: 9px; padding: 1px 10px;"


def state_chip(state: str) -> QLabel:
    """A rounded coloured label naming the clock's state (计时中, 即将到期, 已超期 …)."""
    chip = QLabel(CLOCK_STATE_LABELS.get(state, state))
    chip.setObjectName(f"chip_{state}")
    chip.setProperty("state", state)
    chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
    chip.setStyleSheet(chip_style(state))
    return chip
