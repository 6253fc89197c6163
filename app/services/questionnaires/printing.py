"""Printing questionnaires: the blank form for hand filling, and the results summary report, as PDF."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from app.models import District, User
from app.services.core.permissions import visible_district_ids
from app.services.io.fonts import configured_fonts
from app.services.questionnaires.catalogue import get, specs_of
from app.services.questionnaires.pdf import RenderReport, render_blank, render_results
from app.services.questionnaires.results import compute


def print_blank(actor: User, questionnaire_id: int, out: str | Path | BinaryIO) -> RenderReport:
    questionnaire = get(actor, questionnaire_id)
    return render_blank(questionnaire, specs_of(questionnaire), out, configured_fonts())


def scope_label(actor: User) -> str:
    """Which enterprises the actor's figures cover, in words."""
    allowed = visible_district_ids(actor)
    if allowed is None:
        return "全市各旗区"
    names = [
        d.name for d in District.select().where(District.id.in_(list(allowed))).order_by(District.sort_order)
    ]
    return "、".join(names) or "无"


def print_results(
    actor: User, questionnaire_id: int, out: str | Path | BinaryIO, *, include_drafts: bool = False
) -> RenderReport:
    results = compute(actor, questionnaire_id, include_drafts=include_drafts)
    return render_results(results, scope_label(actor), out, configured_fonts())
