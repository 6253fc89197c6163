"""Printing application forms: one filled form, a blank form, or every form of a round for one district."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from app.models import Application, User
from app.services.applications import decisions
from app.services.applications import forms as applications
from app.services.applications.decisions import DECISION_LABELS, DECISIONS
from app.services.applications.form_pdf import (
    ApplicationMeta,
    Opinion,
    RenderReport,
    render_application,
    render_applications,
    render_blank_application,
)
from app.services.core import settings
from app.services.core.errors import NotFound
from app.services.io.fonts import configured_fonts


def meta_of(application: Application) -> ApplicationMeta:
    return ApplicationMeta(
        round_year=application.round.year,
        application_no=f"{application.round.year}-{application.id:04d}",
        revision=application.revision,
        status_label=applications.status_label(application),
        printed_at=date.today(),
        opinions=opinions_of(application),
    )


def opinions_of(application: Application) -> dict[str, Opinion]:
    """The latest recorded recommendation and decision of this form, for their boxes on paper."""
    outcomes = {DECISIONS[key]: label for key, label in DECISION_LABELS.items()}
    found: dict[str, Opinion] = {}
    for review in decisions.reviews_of(application):  # oldest first: a later opinion replaces an earlier one
        found[review.kind] = Opinion(
            text=review.opinion,
            by=review.decided_by.display_name if review.decided_by else "",
            on=review.decided_on,
            outcome=outcomes.get(review.outcome, "") if review.kind == "decision" else "",
        )
    return found


def print_application(actor: User, application_id: int, out: str | Path | BinaryIO) -> RenderReport:
    application = applications.get(actor, application_id)
    return render_application(
        applications.form_of(application), meta_of(application), out, configured_fonts()
    )


def print_blank(out: str | Path | BinaryIO, year: int | None = None) -> RenderReport:
    return render_blank_application(
        ApplicationMeta(round_year=year or date.today().year), out, configured_fonts()
    )


def print_round(
    actor: User,
    year: int,
    district_code: str,
    out: str | Path | BinaryIO,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RenderReport | None:
    """Every current application of a round in one district, one after another in a single PDF.

    Each form keeps its own page numbers, as it would if printed separately and stapled; the fonts are embedded
    once for the whole batch; with the duplex setting on (the default) each form starts on an odd page.
    `progress(done, total)` counts forms laid out; when `cancelled()` turns true the batch stops between two
    forms, returns None and leaves no file.
    """
    found = applications.list_round(actor, year, district_code)
    if not found:
        raise NotFound(f"{year} 年度该旗区没有申报表")
    items = []
    for application in found:
        if cancelled is not None and cancelled():
            return None
        items.append((applications.form_of(application), meta_of(application)))
    duplex = bool(settings.get("documents.duplex_batches"))
    return render_applications(
        items, out, configured_fonts(), duplex=duplex, progress=progress, cancelled=cancelled
    )
