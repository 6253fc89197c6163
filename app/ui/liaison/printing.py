"""走访记录表 in the print preview: a recorded visit with signature and seal spaces, or a blank sheet to take along."""

from __future__ import annotations

import io

from PySide6.QtWidgets import QWidget

from app.services.core.errors import DomainError
from app.services.liaison import visit_printing as visit_print
from app.services.liaison import visits
from app.ui.pdf_preview import PdfPreviewDialog, preview_pdf
from app.ui.session import Session
from app.ui.widgets import show_error


def preview_visit(parent: QWidget | None, session: Session, visit_id: int) -> PdfPreviewDialog | None:
    buffer = io.BytesIO()
    try:
        visit = visits.get_visit(session.user, visit_id)
        report = visit_print.print_visit(session.user, visit_id, buffer)
    except DomainError as exc:
        show_error(parent, exc, "无法生成走访记录表")
        return None
    name = f"走访记录表_{visit.enterprise.name}_{visit.visited_on:%Y%m%d}.pdf"
    title = f"{visit.enterprise.name} {visit.visited_on} 走访记录表"
    return preview_pdf(parent, buffer.getvalue(), title, name, report.warnings)


def preview_blank(parent: QWidget | None, session: Session) -> PdfPreviewDialog | None:
    buffer = io.BytesIO()
    district = session.user.district.name if session.user.district_id else ""
    try:
        report = visit_print.print_blank_visit(session.user, buffer, district)
    except DomainError as exc:
        show_error(parent, exc, "无法生成走访记录表")
        return None
    return preview_pdf(parent, buffer.getvalue(), "空白走访记录表", "空白走访记录表.pdf", report.warnings)
