"""What the register and a filled form say about each eligibility criterion (inputs to `eligibility.evaluate`)."""

from __future__ import annotations

from datetime import date

from app.models import Enterprise, IPHolding
from app.services.applications import eligibility
from app.services.applications.form_data import ApplicationForm


def facts_from_enterprise(enterprise: Enterprise, year: int | None = None) -> eligibility.Facts:
    """What the register says about the criteria; `year` is the round (default this year) for direct entry."""
    latest = enterprise.holdings.order_by(IPHolding.year.desc()).first()
    levels = {h.level for h in enterprise.honors}
    count = (lambda k: getattr(latest, k)) if latest else (lambda k: 0)
    return eligibility.Facts(
        is_association=enterprise.kind == "association",
        national_title="national" in levels,
        regional_title="regional" in levels,
        invention_patents=count("invention_patents"),
        well_known_trademarks=count("well_known_trademarks"),
        registered_trademarks=count("trademarks_domestic") + count("trademarks_madrid"),
        gi_trademarks=count("gi_trademarks"),
        applied_regional_this_year=enterprise.applied_regional_year == (year or date.today().year),
    )


def facts_from_form(form: ApplicationForm, evidence: frozenset[str] | None) -> eligibility.Facts:
    claimed = {k for k, c in form.criteria.items() if c.claimed}
    return eligibility.Facts(
        is_association=form.snapshot.get("kind") == "association",
        national_title="national_title" in claimed,
        regional_title="regional_title" in claimed,
        invention_patents=form.count("invention_patents"),
        well_known_trademarks=form.count("well_known_trademarks"),
        registered_trademarks=form.count("trademarks_domestic") + form.count("trademarks_madrid"),
        gi_trademarks=form.count("gi_trademarks"),
        applied_regional_this_year="regional_list_applicant" in claimed,
        evidence=evidence,
    )
