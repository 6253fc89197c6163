"""The notice's later record kinds (support, publicity, joint enforcement, fairs, recordals) on real database
files: a district's arrive at the city field for field and never at another district; the city's own reach the
districts that may read them; a row linking two records reaches only an installation holding both (a city case
linked to a district's action stays at the city)."""

from datetime import date

import pytest

from app.models import ActionCase, Case, PublicityFeature
from app.services.enforcement import actions, agencies, agreements, sharing
from app.services.exchange import keys, package, pairing, receive, send
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import ALL, CITY, KINDS, meet
from app.services.fairs import fairs, recordals
from app.services.publicity import items
from app.services.support import ledger
from tests.helpers.exchange_sites import DALATE, DONGSHENG, dump, new_enterprise, ship

NOTICE_KINDS = (
    "support_entry", "publicity_item", "publicity_feature", "partner_agency", "cooperation_agreement",
    "agreement_party", "joint_action", "action_partner", "action_enterprise", "action_case", "share_record",
    "trade_fair", "customs_recordal",
)  # fmt: skip
DAY = date(2026, 5, 12)


def _held(site, scope: str) -> dict:
    """Every record of the notice's kinds this installation holds whose scope is `scope` or ALL, as it travels."""
    site.use()
    return {
        (kind.entity, record.uuid): kind.wire(record)
        for kind in (KINDS[e] for e in NOTICE_KINDS)
        for record in kind.model.select()
        if kind.owner(record) in (scope, ALL)
    }


def _entities(site) -> dict[str, int]:
    site.use()
    return {e: KINDS[e].model.select().count() for e in NOTICE_KINDS if KINDS[e].model.select().count()}


def _case(admin, code: str | None, summary: str) -> Case:
    from app.services.cases import handling

    data = {"type": "trademark", "summary": summary, "received_on": DAY}
    if code:
        data["handling_district"] = code
    return handling.create_case(admin, data, [{"name": "某商贸行", "role": "respondent"}])


@pytest.fixture
def agency(sites, tmp_path):
    """The city's partner agency, already at both districts."""
    made = agencies.add_agency(sites["city"].use(), {"name": "市公安局", "kind": "police", "contact_person": "刘警官"})
    for district in ("dongsheng", "dalate"):
        ship(sites["city"], sites[district], tmp_path, f"agency-{district}.ipx")
    return made.uuid


def test_meet_narrows_a_scope_to_what_both_records_allow():
    assert meet(ALL, DONGSHENG) == meet(DONGSHENG, ALL) == meet(DONGSHENG, DONGSHENG) == DONGSHENG
    assert meet(DONGSHENG, DALATE) == meet(DONGSHENG, CITY) == meet(CITY, ALL) == CITY
    assert meet(None, ALL) is None and meet(ALL, ALL) == ALL


def test_a_districts_notice_records_arrive_at_the_city_field_for_field_and_not_at_another_district(sites, agency,
                                                                                                   tmp_path):
    admin = sites["dongsheng"].use()
    enterprise = new_enterprise(admin, DONGSHENG, "东胜稀土公司")
    case = _case(admin, DONGSHENG, "仿冒商标")
    ledger.add_entry(admin, enterprise.id, {"kind": "funding", "granted_on": DAY, "granting_body": "东胜区财政局",
                                            "programme": "专利资助", "amount": "12,345.67"})  # fmt: skip
    items.record_item(admin, {"district": DONGSHENG, "channel": "wechat", "outlet": "东胜发布", "title": "走访稀土企业",
                              "published_on": DAY}, [enterprise.id])  # fmt: skip
    agreements.add_agreement(admin, DONGSHENG, {"title": "东胜区执法协作协议", "signed_on": DAY}, ["市公安局"])
    actions.add_action(admin, DONGSHENG, {"title": "春季联合执法", "held_on": DAY}, ["市公安局"], [enterprise.id],
                       [case.id])  # fmt: skip
    sharing.share_case(admin, case.id, "市公安局", ["number", "summary"], "xlsx", tmp_path / "extract.xlsx")
    fairs.add_fair(admin, enterprise.id, {"name": "中国国际进口博览会", "starts_on": DAY, "cases": "2"})
    recordals.add_recordal(admin, enterprise.id, {"right_kind": "trademark", "right_title": "稀土之星 第12345678号",
                                                  "recordal_number": "T2026-001", "valid_until": "2030-01-01"})  # fmt: skip
    at_district = _held(sites["dongsheng"], DONGSHENG)
    assert {e for e, _ in at_district} == set(NOTICE_KINDS)

    _, result = ship(sites["dongsheng"], sites["city"], tmp_path, "up.ipx")
    assert result.conflicts == []
    assert set(NOTICE_KINDS) - {"partner_agency"} <= set(result.counts)  # the agency is the city's: not sent back
    at_city = _held(sites["city"], DONGSHENG)
    assert at_city == at_district
    assert at_city[next(k for k in at_city if k[0] == "support_entry")]["amount_fen"] == 1_234_567

    ship(sites["city"], sites["dalate"], tmp_path, "to-dalate.ipx")
    assert _entities(sites["dalate"]) == {"partner_agency": 1}


def test_the_citys_own_records_reach_the_districts_that_may_read_them(sites, agency, tmp_path):
    admin = sites["dongsheng"].use()
    enterprise = new_enterprise(admin, DONGSHENG, "东胜煤化公司")
    case = _case(admin, DONGSHENG, "专利侵权")
    ship(sites["dongsheng"], sites["city"], tmp_path, "up.ipx")
    city = sites["city"].use()
    here = {"enterprise": KINDS["enterprise"].find(enterprise.uuid).id, "case": KINDS["case"].find(case.uuid).id}
    items.record_item(city, {"channel": "tv", "outlet": "鄂尔多斯电视台", "title": "全市知识产权保护", "published_on": DAY},
                      [here["enterprise"]])  # fmt: skip
    agreements.add_agreement(city, None, {"title": "市级执法协作备忘录", "signed_on": DAY}, ["市公安局"])
    actions.add_action(city, None, {"title": "全市联合执法", "held_on": DAY}, ["市公安局"], [here["enterprise"]],
                       [here["case"]])  # fmt: skip
    sharing.record_share(city, "市公安局", {"subject": "年度名录", "shared_on": DAY})

    for name in ("dongsheng", "dalate"):
        result = ship(sites["city"], sites[name], tmp_path, f"down-{name}.ipx")[1]
        assert result.conflicts == []
    # Every district reads the city's report, agreement and action; only Dongsheng holds what links them to
    # its enterprise and case; the city's own sharing record stays at the city.
    city_only = {"share_record"}
    linked = {"publicity_feature", "action_enterprise", "action_case"}
    assert set(_entities(sites["dongsheng"])) == set(NOTICE_KINDS) - {"support_entry", "trade_fair",
                                                                     "customs_recordal"} - city_only  # fmt: skip
    assert set(_entities(sites["dalate"])) == set(NOTICE_KINDS) - {"support_entry", "trade_fair", "customs_recordal"} \
        - city_only - linked
    assert _held(sites["dongsheng"], DONGSHENG) == _held(sites["city"], DONGSHENG)
    assert _held(sites["dalate"], DALATE) == _held(sites["city"], DALATE)


def test_a_city_case_linked_to_a_districts_action_stays_at_the_city(sites, agency, tmp_path):
    """City staff may link a case the city handles (or another district's) to a district's action; the district
    does not hold that case, so the link is not sent to it — the rest of the action is."""
    admin = sites["dongsheng"].use()
    action = actions.add_action(admin, DONGSHENG, {"title": "夏季联合执法", "held_on": DAY}, ["市公安局"])
    own_case = _case(admin, DONGSHENG, "东胜的案件")
    ship(sites["dongsheng"], sites["city"], tmp_path, "up.ipx")
    city = sites["city"].use()
    at_city = KINDS["joint_action"].find(action.uuid).id
    city_case = _case(city, None, "市局直办案件")
    actions.link_case(city, at_city, city_case.id)
    actions.link_case(city, at_city, KINDS["case"].find(own_case.uuid).id)
    assert KINDS["action_case"].owner(ActionCase.get(ActionCase.case == city_case.id)) == CITY

    before = dump(sites["dongsheng"])
    sent = send.send(sites["city"].use(), DONGSHENG, tmp_path / "down.ipx")
    assert sent.counts.get("action_case") == 1 and "case" not in sent.counts
    result = receive.receive(sites["dongsheng"].use(), tmp_path / "down.ipx")
    assert result.conflicts == [] and dump(sites["dongsheng"]) != before
    assert [link.case.uuid for link in ActionCase.select()] == [own_case.uuid]
    assert Case.get_or_none(Case.uuid == city_case.uuid) is None
    # …and Dongsheng's next package neither carries it back nor trips over it.
    result = ship(sites["dongsheng"], sites["city"], tmp_path, "up2.ipx")[1]
    assert result.conflicts == []
    assert ActionCase.select().count() == 2


def test_a_district_may_not_send_a_row_of_the_citys_own_report(sites, agency, tmp_path):
    admin = sites["dongsheng"].use()
    enterprise = new_enterprise(admin, DONGSHENG, "东胜乙公司")
    ship(sites["dongsheng"], sites["city"], tmp_path, "up.ipx")
    city = sites["city"].use()
    items.record_item(city, {"channel": "radio", "outlet": "市广播", "title": "市局宣传", "published_on": DAY},
                      [KINDS["enterprise"].find(enterprise.uuid).id])  # fmt: skip
    ship(sites["city"], sites["dongsheng"], tmp_path, "down.ipx")
    admin = sites["dongsheng"].use()
    feature = PublicityFeature.get()
    assert KINDS["publicity_feature"].owner(feature) == DONGSHENG  # Dongsheng holds it…
    sent = send.send(admin, "city", tmp_path / "quiet.ipx")
    assert "publicity_feature" not in sent.counts
    forged = send.wire_record(KINDS["publicity_feature"], feature.uuid)
    forged["vectors"] = {"enterprise": {"x": 9}}
    package.write(tmp_path / "forged.ipx", keys.identity(), pairing.peer_by_name("city"),
                  {"seq_from": 1, "seq_to": 10_000, "ack": 0}, [forged])  # fmt: skip
    before = dump(sites["city"])
    with pytest.raises(Refused, match="报道涉及企业.*整包拒收"):  # …but it is the city's to send
        receive.receive(sites["city"].use(), tmp_path / "forged.ipx")
    assert dump(sites["city"]) == before


def test_a_deleted_report_and_its_featured_enterprises_are_deleted_at_the_city_too(sites, tmp_path):
    admin = sites["dongsheng"].use()
    enterprise = new_enterprise(admin, DONGSHENG, "东胜丙公司")
    item = items.record_item(admin, {"district": DONGSHENG, "channel": "newspaper", "outlet": "鄂尔多斯日报",
                                     "title": "稀土企业护航", "published_on": DAY}, [enterprise.id])  # fmt: skip
    ship(sites["dongsheng"], sites["city"], tmp_path, "up.ipx")
    assert _entities(sites["city"]) == {"publicity_item": 1, "publicity_feature": 1}
    admin = sites["dongsheng"].use()
    feature = PublicityFeature.get()
    assert KINDS["publicity_feature"].owner_of_image({"item_id": item.id, "enterprise_id": enterprise.id}) == DONGSHENG
    items.delete_item(admin, item.id)
    sent = send.send(admin, "city", tmp_path / "gone.ipx")
    # (the enterprise rides again: the city has not acknowledged the first package yet)
    assert {k: n for k, n in sent.counts.items() if k != "enterprise"} == {"publicity_item": 1, "publicity_feature": 1}
    result = receive.receive(sites["city"].use(), tmp_path / "gone.ipx")
    assert result.conflicts == [] and result.deleted == 2
    assert _entities(sites["city"]) == {} and KINDS["publicity_feature"].find(feature.uuid) is None
