"""The support ledger on a real database: amounts parsed and kept exactly, totals per year, district and kind
matching the entries, district scoping, and every write audited under the enterprise."""

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import AuditLog, Enterprise, SupportEntry
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.enterprises import records
from app.services.support import ledger, totals


def _enterprise(code: str, nth: int = 0) -> Enterprise:
    district = Enterprise.district.rel_model
    return Enterprise.select().join(district).where(district.code == code).order_by(Enterprise.id)[nth]


def _entry(kind, day, amount=None, body="东胜区市场监督管理局", programme="知识产权专项资金"):
    return {"kind": kind, "granted_on": day, "granting_body": body, "programme": programme, "amount": amount}


LEDGER = [  # (district, nth enterprise, entry)
    ("150602", 0, _entry("funding", "2025-06-01", "1,200,000.50 元")),
    ("150602", 0, _entry("资金", "2026-03-15", "300000")),
    ("150602", 1, _entry("funding", "2026-04-20", "0.10")),
    ("150602", 1, _entry("policy", "2026-05-06", programme="专利质押融资政策")),
    ("150602", 0, _entry("service", "2026-07-01", programme="知识产权托管服务")),
    ("150621", 0, _entry("project", "2026-02-01", "50000", body="达拉特旗科技局", programme="高价值专利培育项目")),
    ("150621", 0, _entry("funding", "2026-09-30", "99999999999.99", body="鄂尔多斯市市场监督管理局")),
]


@pytest.fixture
def filled(demo_users):
    officers = {"150602": demo_users["dongsheng"], "150621": demo_users["dalate"]}
    return [ledger.add_entry(officers[code], _enterprise(code, nth).id, data) for code, nth, data in LEDGER]


def test_totals_per_year_district_and_kind_match_the_entries(demo_users, filled):
    admin = demo_users["admin"]
    rows = {(t.year, t.district_code, t.kind): t for t in totals.totals(admin)}
    assert rows[(2025, "150602", "funding")].amount == Decimal("1200000.50")
    assert rows[(2026, "150602", "funding")].amount == Decimal("300000.10")  # 0.10 kept to the fen
    assert (rows[(2026, "150602", "funding")].entries, rows[(2026, "150602", "funding")].enterprises) == (2, 2)
    assert rows[(2026, "150602", "policy")].amount == 0 and rows[(2026, "150602", "service")].entries == 1
    assert rows[(2026, "150621", "funding")].amount == Decimal("99999999999.99")
    # Every entry is counted once, and the amounts add up to the sum of the entries themselves.
    assert sum(t.entries for t in rows.values()) == SupportEntry.select().count() == len(LEDGER)
    expected = sum(ledger.yuan(e.amount_fen) or 0 for e in filled)
    assert sum(t.amount for t in rows.values()) == expected
    assert [t.year for t in totals.totals(admin)] == sorted(t.year for t in rows.values())
    year = totals.year_counts(admin, 2026)
    dongsheng = _enterprise("150602").district_id
    assert year[dongsheng] == {"amount": Decimal("300000.10"), "funding": 2, "policy": 1, "service": 1,
                               "enterprises": 2}  # fmt: skip


def test_a_district_sees_and_writes_only_its_own_enterprises(demo_users, filled):
    officer, other = demo_users["dongsheng"], demo_users["dalate"]
    assert {t.district_code for t in totals.totals(officer)} == {"150602"}
    assert {e.enterprise.district.code for e in totals.entries(officer)} == {"150602"}
    theirs = _enterprise("150621")
    with pytest.raises(NotFound):
        ledger.add_entry(officer, theirs.id, _entry("policy", "2026-01-05"))
    with pytest.raises(NotFound):
        ledger.get_entry(officer, filled[-1].id)
    with pytest.raises(PermissionDenied):
        ledger.add_entry(demo_users["chakan"], _enterprise("150602").id, _entry("policy", "2026-01-05"))
    with pytest.raises(NotFound):
        ledger.delete_entry(other, filled[0].id)
    city = ledger.add_entry(demo_users["admin"], theirs.id, _entry("service", "2026-01-05", body="市局"))
    assert city.enterprise_id == theirs.id


def test_entries_are_checked_field_by_field(demo_users):
    officer, ent = demo_users["dongsheng"], _enterprise("150602")
    with pytest.raises(ValidationError) as bad:
        ledger.add_entry(officer, ent.id, {"kind": "贷款", "granted_on": "2099-01-01", "granting_body": "",
                                           "programme": "x" * 301, "amount": "十万"})  # fmt: skip
    assert set(bad.value.errors) == {"kind", "granted_on", "granting_body", "programme", "amount"}
    assert "扶持类别" in str(bad.value) and "金额（元）" in str(bad.value)
    with pytest.raises(ValidationError) as bad:
        ledger.add_entry(officer, ent.id, _entry("funding", "2026-01-05"))
    assert bad.value.errors == {"amount": "资金扶持须填写金额"}
    with pytest.raises(ValidationError):
        ledger.add_entry(officer, ent.id, _entry("funding", "2026-01-05", "-5"))
    assert SupportEntry.select().count() == 0


def test_every_write_is_audited_under_the_enterprise(demo_users):
    officer, ent = demo_users["dongsheng"], _enterprise("150602")
    entry = ledger.add_entry(officer, ent.id, _entry("funding", "2026-03-01", "12,345.6"))
    ledger.update_entry(officer, entry.id, {"amount": "12,345.60", "note": "追加拨付"})
    ledger.update_entry(officer, entry.id, {"amount": "22345.6"})
    ledger.delete_entry(officer, entry.id)
    trail = records.history(officer, ent.id)
    actions = [e.action for e in trail if e.entity == "support_entry"]
    assert actions == ["support.delete", "support.update", "support.update", "support.create"]
    updates = AuditLog.select().where((AuditLog.action == "support.update") & (AuditLog.entity_uuid == entry.uuid))
    changed = [(json.loads(e.before)["amount_fen"], json.loads(e.after)["amount_fen"]) for e in updates]
    assert changed == [(1234560, 1234560), (1234560, 2234560)]
    ledger.add_entry(officer, ent.id, _entry("policy", "2026-03-01"))
    before = AuditLog.select().count()
    entry = SupportEntry.select().order_by(SupportEntry.id.desc()).get()
    ledger.update_entry(officer, entry.id, {"note": ""})  # nothing changes: nothing to audit
    assert AuditLog.select().count() == before


def test_amounts_show_with_thousands_separators():
    assert ledger.yuan_text(ledger.amount_fen("1234567.5")) == "1,234,567.50"
    assert ledger.yuan_text(ledger.amount_fen("１２，３４５元")) == "12,345.00"
    assert ledger.yuan_text(None) == "" and ledger.amount_fen("") is None


@given(st.decimals(min_value=0, max_value=Decimal("99999999999999.99"), places=2, allow_nan=False))
def test_an_amount_survives_fen_and_text_exactly(value):
    fen = ledger.amount_fen(f"{value:,.2f}")
    assert ledger.yuan(fen) == value and ledger.amount_fen(ledger.yuan_text(fen)) == fen
