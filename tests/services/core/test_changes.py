"""The change-set: typed kinds, one table → kind mapping, and what a collector sees of real service writes."""

import dataclasses
import threading
from datetime import date
from types import SimpleNamespace

import pytest
from peewee import Model

from app.models import ALL_MODELS, AuditLog, Enterprise, ListEntry
from app.services.cases import handling as cases
from app.services.core import attachments
from app.services.core.changes import KINDS, TABLE_KINDS, Changes, Collector, collecting, note
from app.services.core.errors import ValidationError
from app.services.enterprises import records as enterprise_records
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.liaison import experts
from app.services.listing import entries as protection_list


def _first_enterprise(user) -> int:
    return search_ids(user, EnterpriseQuery(district_code="150602"))[0]


def test_a_misspelt_kind_is_an_error_not_a_stale_screen():
    changes = Changes(listing=True)
    with pytest.raises(AttributeError):
        changes.listng  # noqa: B018 (the attribute access is the test)
    with pytest.raises(TypeError):
        Changes.of("listng")
    with pytest.raises(dataclasses.FrozenInstanceError):
        changes.cases = True
    with pytest.raises(KeyError):
        Changes.of_tables(["listing"])  # a kind is not a table name


def test_changes_combine_and_are_falsy_when_empty():
    assert not Changes() and Changes(cases=True)
    both = Changes(cases=True) | Changes.of("experts", "consultations")
    assert both == Changes(cases=True, experts=True, consultations=True)
    assert both.kinds() == {"cases", "experts", "consultations"}
    assert Changes.everything().kinds() == set(KINDS)


def test_every_table_has_one_kind():
    tables = {model._meta.table_name for model in ALL_MODELS} - {AuditLog._meta.table_name}
    assert tables == set(TABLE_KINDS)
    assert set(TABLE_KINDS.values()) == set(KINDS)  # and no kind is left that nothing could set


def test_an_unmapped_table_is_refused_by_the_audit_hook():
    class Mystery(Model):
        class Meta:
            table_name = "mystery"

    with pytest.raises(KeyError, match="mystery"):
        note(Mystery())


def test_a_collector_sees_what_a_write_audited(demo_users):
    admin = demo_users["admin"]
    enterprise_id = _first_enterprise(admin)
    with collecting() as collected:
        enterprise_records.save_contact(admin, enterprise_id, {"name": "王敏", "mobile": "13800000000"})
    assert collected.changes() == Changes(enterprises=True)
    with collecting() as nothing:
        enterprise_records.contacts(admin, enterprise_id)  # a read
    assert not nothing.changes()


def test_a_refused_write_collects_nothing(demo_users):
    with collecting() as collected, pytest.raises(ValidationError):
        experts.save_expert(demo_users["admin"], {"name": "", "field": "patent"})
    assert not collected.changes()


def test_a_file_counts_for_its_owner_too(demo_users, tmp_path):
    admin = demo_users["admin"]
    owner = Enterprise.get_by_id(_first_enterprise(admin))
    scan = tmp_path / "licence.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with collecting() as collected:
        attachments.attach(admin, scan, owner, "other")
    assert collected.changes() == Changes(attachments=True, enterprises=True)


def test_a_consultation_about_a_case_changes_both(demo_users):
    admin = demo_users["admin"]
    expert = experts.save_expert(admin, {"name": "王专家", "field": "patent"})
    case = cases.create_case(
        admin, {"type": "patent-dispute", "summary": "专利侵权纠纷", "received_on": date.today()},
        [{"name": "某机械厂", "role": "respondent"}], [],
    )  # fmt: skip
    with collecting() as collected:
        experts.record_consultation(admin, expert.id, "是否侵权", case_uuid=case.uuid)
    assert collected.changes() == Changes(consultations=True, cases=True)


def test_a_re_examination_changes_the_listing(demo_users):
    admin = demo_users["admin"]
    enterprise = Enterprise.get_by_id(_first_enterprise(admin))
    entry = ListEntry.create(
        enterprise=enterprise, listed_on=date(2024, 1, 10), next_review_on=date(2026, 1, 10)
    )
    with collecting() as collected:
        protection_list.re_examine(admin, entry.id, "removed", "已迁出本市")
    assert collected.changes() == Changes(listing=True)


def test_bulk_writes_are_collected_and_nested_blocks_all_see_them(demo_users):
    admin = demo_users["admin"]
    ids = search_ids(admin, EnterpriseQuery(district_code="150602"))[:3]
    rows = [
        SimpleNamespace(holdings=None, contact={"name": f"联系人{n}"}, flags={}, holding_year=2025)
        for n in range(3)
    ]
    items = [(Enterprise.get_by_id(i), row) for i, row in zip(ids, rows, strict=True)]
    with collecting() as outer:
        with collecting() as inner:
            enterprise_records.bulk_add_records(admin, items)  # audited by record_many
        experts.save_expert(admin, {"name": "李专家", "field": "trademark"})
    assert inner.changes() == Changes(enterprises=True)
    assert outer.changes() == Changes(enterprises=True, experts=True)


def test_a_block_collects_only_its_own_thread(demo_users):
    """A worker's writes reach only a collector opened in the worker (Session.run_operation relies on it)."""
    from app.services.system import database as setup

    admin = demo_users["admin"]
    worker_collector = Collector()

    def worker():
        try:
            with collecting(worker_collector):
                experts.save_expert(admin, {"name": "赵专家", "field": "copyright"})
        finally:
            setup.release_connection()

    with collecting() as here:
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join(30)
    assert not here.changes()
    assert worker_collector.changes() == Changes(experts=True)
