"""Publishing (公示) the decided list: a workbook for the portal and an announcement PDF, recorded with hashes.

The record (who, when, which entries, SHA-256 of each file) lets the bureau prove later what was published.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.models import Publication, User
from app.models.db import database
from app.services.core import audit, settings
from app.services.core.errors import DomainError
from app.services.core.permissions import require_city
from app.services.io.fonts import configured_fonts
from app.services.io.xlsx_writer import TableColumn, write_table
from app.services.listing import entries as protection_list
from app.services.listing.announcement_pdf import AnnouncementRow, Objections, render_announcement

TITLE = "鄂尔多斯市知识产权重点企业保护名录公示"
XLSX_COLUMNS = [
    TableColumn("序号", 6),
    TableColumn("企业名称", 40),
    TableColumn("统一社会信用代码", 22),
    TableColumn("所属旗区", 16),
    TableColumn("纳入依据", 40),
    TableColumn("纳入日期", 12),
]


@dataclass
class PublishResult:
    publication: Publication
    entries: int
    warnings: list[str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def publish(
    actor: User, xlsx: Path | str, pdf: Path | str | None = None, *, on: date | None = None
) -> PublishResult:
    """Write the current list (every district) to the files and record the publication."""
    require_city(actor)
    on = on or date.today()
    current = protection_list.entries(actor)
    if not current:
        raise DomainError("名录中还没有企业，无可公示内容")
    rows = [
        AnnouncementRow(e.enterprise.name, e.enterprise.uscc, e.enterprise.district.name,
                        "；".join(protection_list.basis_labels(e)), e.listed_on)
        for e in current
    ]  # fmt: skip
    xlsx = Path(xlsx)
    write_table(xlsx, "名录公示", XLSX_COLUMNS,
                ([i, r.name, r.uscc, r.district, r.basis, r.listed_on] for i, r in enumerate(rows, start=1)))  # fmt: skip
    warnings: list[str] = []
    if pdf is not None:
        pdf = Path(pdf)
        objections = Objections(
            days=settings.get("listing.publicity_days"),
            phone=settings.get("listing.objection_phone"),
            address=settings.get("listing.objection_address"),
        )
        _pages, warnings = render_announcement(
            rows, pdf, configured_fonts(), title=TITLE, issued_on=on, objections=objections
        )
    with database.atomic():
        record = Publication.create(
            published_by=actor,
            title=TITLE,
            entry_uuids=json.dumps([e.uuid for e in current]),
            entry_count=len(current),
            xlsx_name=xlsx.name,
            xlsx_sha256=_sha256(xlsx),
            pdf_name=pdf.name if pdf else "",
            pdf_sha256=_sha256(pdf) if pdf else "",
        )
        audit.record(actor, "list.publish", record, None, audit.snapshot(record))
    return PublishResult(record, len(current), warnings)


def publications() -> list[Publication]:
    return list(Publication.select().order_by(Publication.published_at.desc(), Publication.id.desc()))


def verify(publication: Publication, path: Path | str) -> bool:
    """Whether a file is byte for byte one that this publication recorded."""
    return _sha256(Path(path)) in {publication.xlsx_sha256, publication.pdf_sha256}
