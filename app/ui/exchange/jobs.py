"""The exchange's slow work as plain worker functions for run_task: writing a package, previewing one (a dry
run, rolled back) and applying it. They never see a widget."""

from __future__ import annotations

from pathlib import Path

from app.models import User
from app.services.exchange import receive, send
from app.ui.tasks import Cancelled, TaskState


def send_job(actor: User, peer_id: str, path: Path, full: bool, state: TaskState) -> send.SendResult:
    """The package for `peer_id` at `path`. Cancelled while it was written: the file is removed again (what it
    carried stays unacknowledged, so the next package carries it)."""
    state.progress(0, "正在收集对方尚未确认的修改并加密…")
    state.check()
    result = send.send(actor, peer_id, path, full=full)
    if state.cancelled:
        Path(path).unlink(missing_ok=True)
        raise Cancelled()
    state.progress(100, "已生成")
    return result


def preview_job(actor: User, path: Path, state: TaskState) -> receive.ReceiveResult:
    """What the package would create, update and conflict; nothing is kept."""
    state.progress(0, "正在校验签名并预览…")
    state.check()
    result = receive.receive(actor, path, dry_run=True)
    state.check()
    return result


def receive_job(actor: User, path: Path) -> receive.ReceiveResult:
    """Apply the package in one transaction (not cancellable once begun: it commits whole or not at all)."""
    return receive.receive(actor, path)
