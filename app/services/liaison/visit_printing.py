"""Printing visit records (走访记录表): a recorded visit with its follow-ups, or a blank sheet to take along."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from app.models import User
from app.models.liaison import FOLLOWUP_STATUSES
from app.services.core.permissions import require_active
from app.services.io.fonts import configured_fonts
from app.services.io.page_layout import RenderReport
from app.services.io.paper_dates import paper_date
from app.services.liaison import visits
from app.services.liaison.visit_pdf import VisitSheet, render_visit


def print_visit(actor: User, visit_id: int, out: str | Path | BinaryIO) -> RenderReport:
    visit = visits.get_visit(actor, visit_id)
    ent = visit.enterprise
    sheet = VisitSheet(
        enterprise=ent.name, uscc=ent.uscc, district=ent.district.name, visited_on=visit.visited_on, kind=visit.kind,
        officers=visit.officers, people_met=visit.people_met, topics=visit.topics, problems=visit.problems,
        notes=visit.notes,
        followups=[(f.description, f.owner.display_name if f.owner else "",
                    paper_date(f.due_on), FOLLOWUP_STATUSES[f.status]) for f in visit.followups],
    )  # fmt: skip
    return render_visit(sheet, out, configured_fonts())


def print_blank_visit(actor: User, out: str | Path | BinaryIO, district: str = "") -> RenderReport:
    require_active(actor)
    return render_visit(VisitSheet(district=district), out, configured_fonts(), blank=True)
