"""Worker functions for the questionnaire screens, run through app.ui.tasks (which releases each worker thread's
database connection when the function returns)."""

from __future__ import annotations

import io
from pathlib import Path

from app.services.io import error_workbook as error_report
from app.services.questionnaires import import_xlsx as questionnaire_import
from app.services.questionnaires import printing as questionnaire_print
from app.services.questionnaires import results_xlsx as questionnaire_results_xlsx
from app.services.questionnaires import sheet_xlsx as questionnaire_sheet


def export_sheet_job(actor, questionnaire_id: int, path: Path) -> int:
    return questionnaire_sheet.export_sheet(actor, questionnaire_id, path)


def import_sheet_job(actor, questionnaire_id: int, path: Path, errors_path: Path | None):
    """Import the filled sheet; when rows were rejected and `errors_path` is given, write the marked copy there."""
    plan = questionnaire_import.import_sheet(actor, questionnaire_id, path)
    if plan.errors and errors_path is not None:
        error_report.write_error_workbook(plan, errors_path)
    return plan


def results_xlsx_job(actor, questionnaire_id: int, path: Path, include_drafts: bool):
    return questionnaire_results_xlsx.export_results(
        actor, questionnaire_id, path, include_drafts=include_drafts
    )


def blank_pdf_job(actor, questionnaire_id: int):
    buffer = io.BytesIO()
    report = questionnaire_print.print_blank(actor, questionnaire_id, buffer)
    return buffer.getvalue(), report


def results_pdf_job(actor, questionnaire_id: int, include_drafts: bool):
    buffer = io.BytesIO()
    report = questionnaire_print.print_results(
        actor, questionnaire_id, buffer, include_drafts=include_drafts
    )
    return buffer.getvalue(), report
