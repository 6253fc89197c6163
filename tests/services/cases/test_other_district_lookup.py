"""Finding 8: a district user learns nothing about another district's enterprise from a lookup by its code.

A code of another district answers exactly like a code nobody registered: the same error and message, and a
party named by the user is stored unlinked (no name, no listed status, no important-case flag from it).
"""

import random
from datetime import date

import pytest

from app.cli import main
from app.models import District, Enterprise, ListEntry
from app.models import db as dbmod
from app.services.cases import handling as cases
from app.services.core.errors import DomainError, NotFound, ValidationError
from app.services.enterprises import register as enterprises
from app.services.system import audit_trail
from app.services.system import database as setup
from app.services.system.demo import make_uscc


def _other_district_enterprise() -> Enterprise:
    return Enterprise.select().join(District).where(District.code == "150621").first()


def _unknown_code() -> str:
    rng = random.Random(11)
    while True:
        code = make_uscc(rng, "150621")
        if not Enterprise.select().where(Enterprise.uscc == code).exists():
            return code


def _refusal(actor, code: str) -> tuple[type, str]:
    with pytest.raises(DomainError) as info:
        cases.create_case(actor, {"type": "patent-dispute", "summary": "侵权"},
                          [{"uscc": code, "role": "complainant"}])  # fmt: skip
    return type(info.value), str(info.value).replace(code, "<code>")


def test_another_districts_code_is_refused_exactly_like_an_unknown_code(demo_db, demo_users):
    officer = demo_users["dongsheng"]
    other = _other_district_enterprise()
    assert _refusal(officer, other.uscc) == _refusal(officer, _unknown_code())
    kind, message = _refusal(officer, other.uscc)
    assert kind is NotFound and other.name not in message


def test_a_named_party_of_another_district_is_not_linked_nor_flagged(demo_db, demo_users):
    officer = demo_users["dongsheng"]
    other = _other_district_enterprise()
    # Set-up only: the other district's enterprise is on the list (the listing services are tested elsewhere).
    ListEntry.create(enterprise=other, listed_on=date(2026, 1, 5), next_review_on=date(2028, 1, 5))
    assert cases.is_listed(other)
    case = cases.create_case(officer, {"type": "patent-dispute", "summary": "侵权"},
                             [{"uscc": other.uscc, "name": "自填名称", "role": "complainant"}])  # fmt: skip
    party = case.parties.get()
    assert party.enterprise_id is None and party.name == "自填名称"
    assert case.important is False and other.name not in (case.important_note or "")
    own = Enterprise.select().join(District).where(District.code == "150602").first()
    mine = cases.create_case(officer, {"type": "trademark", "summary": "仿冒"},
                             [{"uscc": own.uscc, "role": "complainant"}])  # fmt: skip
    assert mine.parties.get().enterprise_id == own.id and mine.parties.get().name == own.name


def test_city_staff_still_link_any_district(demo_db, demo_users):
    other = _other_district_enterprise()
    case = cases.create_case(demo_users["shenhe"], {"type": "trademark", "summary": "仿冒"},
                             [{"uscc": other.uscc, "role": "complainant"}])  # fmt: skip
    assert case.parties.get().enterprise_id == other.id


def test_case_new_on_the_cli_prints_the_same_for_another_district_and_an_unknown_code(
    cli_db, capsys, monkeypatch
):
    db, passwords = cli_db
    base = ["--db", str(db), "--user", "dongsheng"]
    setup.open_register(db)
    other, unknown = _other_district_enterprise(), _unknown_code()
    dbmod.close()
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    errors = []
    for code in (other.uscc, unknown):
        assert (
            main([*base, "case", "new", "--type", "trademark", "--enterprise", code, "--summary", "x"]) == 1
        )
        errors.append(capsys.readouterr().err.replace(code, "<code>"))
    assert errors[0] == errors[1] and other.name not in errors[0]


def test_audit_search_by_another_districts_code_is_not_found_like_an_unknown_code(demo_db, demo_users):
    officer = demo_users["dongsheng"]
    answers = []
    for code in (_other_district_enterprise().uscc, _unknown_code()):
        with pytest.raises(NotFound) as info:
            audit_trail.search_ids(officer, audit_trail.AuditQuery(record=code))
        answers.append(str(info.value).replace(code, "<code>"))
    assert answers[0] == answers[1]


def test_a_code_taken_in_another_district_does_not_name_the_enterprise(demo_db, demo_users):
    other = _other_district_enterprise()
    data = {"name": "新登记企业", "uscc": other.uscc, "kind": "enterprise", "district": "150602"}
    with pytest.raises(ValidationError) as info:
        enterprises.create(demo_users["dongsheng"], data)
    assert other.name not in str(info.value) and "其他旗区" in str(info.value)
    same_name = {"name": other.name, "uscc": _unknown_code(), "kind": "enterprise", "district": "150602"}
    result = enterprises.create(demo_users["dongsheng"], same_name)
    assert result.warnings and all(other.uscc not in w and "达拉特" not in w for w in result.warnings)
