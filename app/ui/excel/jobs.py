"""Worker functions for the Excel actions, run through app.ui.tasks (which releases each worker thread's
database connection when the function returns).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.services.enterprises import export_xlsx as enterprise_export
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.enterprises.import_xlsx import ImportPlan
from app.services.enterprises.search import EnterpriseQuery
from app.services.io import error_workbook as error_report
from app.ui.tasks import TaskState


def reporter(state: TaskState, text: str) -> Callable[[int, int], None]:
    """A service's progress(done, total) turned into the progress dialog's percent and label."""

    def report(done: int, total: int) -> None:
        state.progress(done * 100 // max(total, 1), text.format(done=done, total=total))

    return report


def plan_job(actor, path: Path, state: TaskState) -> ImportPlan:
    """Read and check the workbook and compare it with the register; writes nothing."""
    return enterprise_import.plan_import(
        actor, path, reporter(state, "正在检查第 {done} / {total} 行…"), lambda: state.cancelled
    )


def commit_job(actor, plan: ImportPlan, state: TaskState) -> dict:
    """Write the plan's new and changed rows in one transaction; a cancel rolls everything back."""
    return enterprise_import.commit_plan(
        actor, plan, reporter(state, "正在写入 {done} / {total} 家…"), lambda: state.cancelled
    )


def error_report_job(plan: ImportPlan, out: Path) -> int:
    return error_report.write_error_workbook(plan, out)


def export_register_job(actor, path: Path, query: EnterpriseQuery, state: TaskState) -> int:
    """The register's round-trip export (the importer's columns); -1 when cancelled, no file left behind."""
    return enterprise_export.export_enterprises(
        actor, path, query, reporter(state, "已导出 {done} / {total} 家…"), lambda: state.cancelled
    )
