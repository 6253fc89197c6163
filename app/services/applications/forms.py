"""Application forms: drafting from the register, editing, submitting, revising, evidence and the stamped scan.

A submitted form is frozen: corrections are a new revision that points at the one it replaces, and both
stay in the history. The review workflow (recommend, decide) extends the statuses in a later module.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from peewee import fn

from app.models import Application, District, Enterprise, Honor, IPHolding, Round, User
from app.models.applications import APPLICATION_STATUSES
from app.models.base import now
from app.models.db import database
from app.models.enterprises import HOLDING_COUNTS
from app.services.applications import actions, eligibility, ip_contact
from app.services.applications.eligibility_facts import facts_from_enterprise, facts_from_form
from app.services.applications.form_data import CRITERIA, ApplicationForm, CriterionClaim, validate
from app.services.core import attachments, audit, settings
from app.services.core.errors import DomainError, ValidationError, check_version
from app.services.core.permissions import (
    require_active,
    require_city_admin,
    require_write_enterprise,
    visible_or_not_found,
    within_districts,
)
from app.services.enterprises import register as enterprises
from app.services.enterprises.serialize import enterprise_to_dict

SCAN, EVIDENCE = "scan", "evidence"


def round_for(year: int, *, create: bool = True, actor: User | None = None) -> Round:
    """The round of a year, created with the default deadline and quota (settings) the first time it is needed.

    With `create=False` a round not yet in the database comes back unsaved, for read-only views. A round
    created here is audited as made by `actor` (the person whose draft needed it).
    """
    found = Round.get_or_none(Round.year == year)
    if found is not None:
        return found
    month, day = (int(x) for x in settings.get("round.deadline").split("-"))
    round_ = Round(
        year=year,
        deadline=date(year, month, day),
        quota_min=settings.get("round.quota_min"),
        quota_max=settings.get("round.quota_max"),
    )
    if create:
        with database.atomic():
            round_.save(force_insert=True)
            audit.record(actor, "round.create", round_, None, audit.snapshot(round_))
    return round_


def set_round(
    actor: User,
    year: int,
    *,
    deadline: date | None = None,
    quota_min: int | None = None,
    quota_max: int | None = None,
) -> Round:
    """Change a round's deadline or quotas after it was opened (the settings only seed new rounds); audited.

    City administrators only: the deadline binds every district's recommendations.
    """
    require_city_admin(actor)
    errors = {}
    if deadline is not None and deadline.year != year:
        errors["deadline"] = f"截止日应在 {year} 年内"
    with database.atomic():
        round_ = round_for(year, actor=actor)
        low = round_.quota_min if quota_min is None else quota_min
        high = round_.quota_max if quota_max is None else quota_max
        if not 0 <= low <= high <= 100:
            errors["quota"] = f"推荐名额应满足 0 ≤ 下限 ≤ 上限 ≤ 100（现为 {low}–{high}）"
        if errors:
            raise ValidationError(errors, {"deadline": "推荐截止日", "quota": "推荐名额"})
        before = audit.snapshot(round_)
        round_.deadline = deadline or round_.deadline
        round_.quota_min, round_.quota_max = low, high
        round_.save()
        audit.record(actor, "round.update", round_, before, audit.snapshot(round_))
    return round_


def snapshot_of(enterprise: Enterprise) -> dict:
    """Section A as it stands in the register now, with the primary contact."""
    data = enterprise_to_dict(enterprise)
    contacts = data.pop("contacts")
    primary = next((c for c in contacts if c["is_primary"]), contacts[0] if contacts else {})
    data.pop("holdings"), data.pop("honors")
    data["district"] = data["district"]["name"]
    data["contact"] = {k: primary.get(k, "") for k in ("name", "post", "phone", "mobile", "email")}
    return data


def _prefilled_form(enterprise: Enterprise, year: int) -> ApplicationForm:
    form = ApplicationForm(snapshot=snapshot_of(enterprise))
    latest = enterprise.holdings.order_by(IPHolding.year.desc()).first()
    if latest is not None:
        form.holdings = {k: getattr(latest, k) for k in HOLDING_COUNTS}
        form.holdings.update(trade_secrets=latest.trade_secrets, year=latest.year)
    facts = eligibility.evaluate(
        facts_from_enterprise(enterprise, year), eligibility.thresholds_from_settings()
    )
    for result in facts.criteria:
        if result.met:
            form.criteria[result.key] = CriterionClaim(
                True, _criterion_year(enterprise, result.key, latest), ""
            )
    return form


def _criterion_year(enterprise: Enterprise, key: str, latest: IPHolding | None) -> int | None:
    if key == "regional_list_applicant":
        return enterprise.applied_regional_year
    if key in ("national_title", "regional_title"):
        level = "national" if key == "national_title" else "regional"
        honor = enterprise.honors.where(Honor.level == level).order_by(Honor.year.desc()).first()
        return honor.year if honor else None
    return latest.year if latest else None


def evidence_keys(application: Application) -> frozenset[str]:
    return frozenset(
        a.purpose.split(":", 1)[1]
        for a in attachments.attachments_of(application)
        if a.purpose.startswith("evidence:")
    )


def eligibility_of(
    application: Application, form: ApplicationForm | None = None
) -> eligibility.EligibilityResult:
    """The verdict for an application (optionally for unsaved edits of its form)."""
    form = form or form_of(application)
    facts = facts_from_form(form, evidence_keys(application))
    return eligibility.evaluate(facts, eligibility.thresholds_from_settings())


def form_of(application: Application) -> ApplicationForm:
    return ApplicationForm.from_json(application.form)


def status_label(application: Application) -> str:
    return APPLICATION_STATUSES.get(application.status, application.status)


# --- reading --------------------------------------------------------------------------------------------


def get(actor: User, application_id: int) -> Application:
    application = Application.get_or_none(Application.id == application_id)
    district = application.enterprise.district_id if application else None
    return visible_or_not_found(actor, application, district, f"没有编号为 {application_id} 的申报表")


def current_for(actor: User, enterprise_id: int, year: int) -> Application | None:
    """The enterprise's latest revision in a round, if any."""
    enterprise = enterprises.get(actor, enterprise_id)
    return (
        Application.select()
        .join(Round)
        .where((Application.enterprise == enterprise) & (Round.year == year) & ~Application.superseded)
        .first()
    )


def history(actor: User, enterprise_id: int) -> list[Application]:
    """Every application and revision of an enterprise, newest first."""
    enterprise = enterprises.get(actor, enterprise_id)
    return list(enterprise.applications.join(Round).order_by(Round.year.desc(), Application.revision.desc()))


def list_round(actor: User, year: int, district_code: str | None = None) -> list[Application]:
    """The current revision of every application of a round that the actor may see, by district and name."""
    require_active(actor)
    query = (
        Application.select(Application, Enterprise, District)
        .join(Round)
        .switch(Application)
        .join(Enterprise)
        .join(District)
        .where((Round.year == year) & ~Application.superseded)
        .order_by(District.sort_order, Enterprise.name_key)
    )
    query = within_districts(query, actor, Enterprise.district)
    if district_code:
        query = query.where(District.code == district_code)
    return list(query)


# --- writing --------------------------------------------------------------------------------------------


def new_draft(
    actor: User, enterprise_id: int, year: int | None = None, source: str = "voluntary"
) -> Application:
    """A draft for a round, prefilled from the register: section A, latest IP counts, the criteria met."""
    year = year or date.today().year
    if source not in ("voluntary", "recommended"):
        raise ValidationError({"source": "应为企业自愿申报或旗区局推荐"}, {"source": "申报方式"})
    with database.atomic():
        enterprise = enterprises.get_for_write(actor, enterprise_id)
        if enterprise.archived:
            raise DomainError(f"“{enterprise.name}”已归档，不能申报")
        existing = current_for(actor, enterprise_id, year)
        if existing is not None:
            raise DomainError(
                f"“{enterprise.name}”在 {year} 年度已有申报表（编号 {existing.id}，{status_label(existing)}），"
                "请打开该表继续"
            )
        application = Application.create(
            enterprise=enterprise,
            round=round_for(year, actor=actor),
            source=source,
            form=_prefilled_form(enterprise, year).to_json(),
            created_by=actor,
        )
        audit.record(
            actor, "application.create", application, None, audit.snapshot(application), subject=enterprise
        )
    return application


def save_form(actor: User, application_id: int, form: ApplicationForm, expected_version: int | None = None):
    """Replace the answers of a draft; returns the eligibility verdict of what was saved."""
    with database.atomic():
        application = _draft_for_write(actor, application_id)
        check_version(application, expected_version, "该申报表")
        problems = validate(form, for_submission=False)
        if problems:
            raise ValidationError(problems, {})
        _contact_to_register(actor, application, form)
        save_audited(actor, application, "application.update", form=form.to_json())
    return eligibility_of(application, form)


def _contact_to_register(actor: User, application: Application, form: ApplicationForm) -> None:
    """The form's 知识产权联系人 is the register's: an edited one is saved there (audited) and the form takes it
    back as stored. A form naming no contact leaves the register's alone (submitting will ask for one)."""
    stored = form_of(application).snapshot.get("contact")
    typed = form.snapshot.get("contact")
    if ip_contact.is_blank(typed):
        return
    if ip_contact.differs(typed, stored):
        ip_contact.save_to_register(actor, application.enterprise, typed)
        form.snapshot["contact"] = snapshot_of(application.enterprise)["contact"]
    elif stored is not None:
        form.snapshot["contact"] = stored  # as the register gave it, not re-typed blanks


def refresh_snapshot(actor: User, application_id: int) -> Application:
    """Retake section A from the register (drafts only: a submitted form keeps what was submitted)."""
    with database.atomic():
        application = _draft_for_write(actor, application_id)
        form = form_of(application)
        form.snapshot = snapshot_of(application.enterprise)
        save_audited(actor, application, "application.refresh", form=form.to_json())
    return application


def submit(actor: User, application_id: int) -> Application:
    """Freeze a draft. Refused with every missing item listed."""
    with database.atomic():
        application = _draft_for_write(actor, application_id)
        form = form_of(application)
        problems = validate(form, for_submission=True)
        if problems:
            raise ValidationError(problems, {}, prefix="申报表不能提交，尚缺")
        # Direct entry (no district quota) is a policy the bureau can switch off in 系统设置.
        direct = form.criteria["regional_list_applicant"].claimed and settings.get("round.direct_entry")
        source = "direct" if direct else application.source
        save_audited(actor, application, "application.submit", status="submitted", submitted_at=now(),
                     submitted_by=actor, source=source)  # fmt: skip
    return application


def revise(actor: User, application_id: int) -> Application:
    """A new draft revision of a submitted form, for corrections; the submitted one stays as it was."""
    with database.atomic():
        old = get(actor, application_id)
        require_write_enterprise(actor, old.enterprise.district_id)
        if not actions.is_correctable(old):
            raise DomainError("只有已提交（或被退回）且为最新版本的申报表才能更正")
        save_audited(actor, old, "application.supersede", superseded=True)
        new = Application.create(
            enterprise=old.enterprise,
            round=old.round,
            revision=old.revision + 1,
            previous=old,
            source=old.source,
            form=old.form,
            created_by=actor,
        )
        for item in attachments.attachments_of(old):
            if item.purpose.startswith("evidence:"):
                attachments.link_copy(actor, item, new)
        audit.record(actor, "application.revise", new, None, audit.snapshot(new), subject=old.enterprise)
    return new


def attach(
    actor: User, application_id: int, path: Path | str, kind: str = SCAN, criterion: str | None = None
):
    """Attach the stamped scan (any time) or evidence for a criterion (drafts only)."""
    application = get(actor, application_id)
    require_write_enterprise(actor, application.enterprise.district_id)
    if application.superseded:
        raise DomainError("这是已被更正替代的旧版本，请在最新版本中添加附件")
    if kind == SCAN:
        purpose = SCAN
    elif kind == EVIDENCE:
        if criterion not in CRITERIA:
            raise ValidationError(
                {"criterion": f"请指定证明材料对应的申报条件：{'、'.join(CRITERIA)}"},
                {"criterion": "申报条件"},
            )
        if not actions.is_draft(application):
            raise DomainError("已提交的申报表不能再添加证明材料，请先更正（生成新版本）")
        purpose = f"{EVIDENCE}:{criterion}"
    else:
        raise ValidationError(
            {"kind": "应为 scan（盖章扫描件）或 evidence（证明材料）"}, {"kind": "附件类型"}
        )
    return attachments.attach(actor, path, application, purpose, subject=application.enterprise)


def _draft_for_write(actor: User, application_id: int) -> Application:
    application = get(actor, application_id)
    require_write_enterprise(actor, application.enterprise.district_id)
    if not actions.is_draft(application):
        raise DomainError(f"申报表已{status_label(application)}，不能修改；如需更正请生成新版本")
    return application


def save_audited(actor: User, application: Application, action: str, **changes) -> Application:
    """Change some fields, save, and audit before and after (inside the caller's transaction)."""
    before = audit.snapshot(application)
    for key, value in changes.items():
        setattr(application, key, value)
    application.save()
    audit.record(
        actor, action, application, before, audit.snapshot(application), subject=application.enterprise
    )
    return application


def status_counts(actor: User, round_: Round) -> dict[int, dict[str, int]]:
    """Per district (id): the round's current applications (corrected revisions left out) by status, in one
    grouped query over the districts the actor sees."""
    require_active(actor)
    query = (
        Application.select(Enterprise.district, Application.status, fn.COUNT(Application.id))
        .join(Enterprise)
        .where((Application.round == round_) & ~Application.superseded)
        .group_by(Enterprise.district, Application.status)
    )
    counts: dict[int, dict[str, int]] = {}
    for district, status, n in within_districts(query, actor, Enterprise.district).tuples():
        counts.setdefault(district, {})[status] = n
    return counts
